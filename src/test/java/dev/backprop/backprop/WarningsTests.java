package dev.backprop.backprop;

import static dev.backprop.support.TestProblems.matrix;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.support.Services;
import dev.backprop.support.TestProblems;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each warning on the conditions where a convention decides the answer, with its code and pointer. */
class WarningsTests {

    private final BackpropService service = Services.backprop();

    @Test
    void aReluInputExactlyZero() {
        List<Warning> warnings = service.backprop(TestProblems.seed()).warnings();
        assertThat(warnings)
                .extracting(Warning::code, Warning::pointer)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("relu-input-zero", "/layers/0/preActivation/1/2"));
        assertThat(service.forward(TestProblems.seed()).warnings())
                .extracting(Warning::code)
                .containsExactly("relu-input-zero");
    }

    @Test
    void aLeakyReluInputExactlyZeroInTheSampleFirstLayout() {
        // x's sample 1 is (0, 0), so every s of it is 0 (no bias)
        BackpropRequest problem = new BackpropRequest(
                "sample-first",
                List.of(TestProblems.layer(matrix(new double[] {1, 2}, new double[] {3, 4}), null, "leaky-relu")),
                matrix(new double[] {1, 1}, new double[] {0, 0}),
                matrix(new double[] {0, 0}, new double[] {0, 0}),
                null);
        assertThat(service.backprop(problem).warnings())
                .extracting(Warning::code, Warning::pointer)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("relu-input-zero", "/layers/0/preActivation/1/0"));
    }

    @Test
    void aSaturatedSigmoid() {
        BackpropRequest problem = new BackpropRequest(
                "sample-first",
                List.of(TestProblems.layer(matrix(new double[] {20}), null, "sigmoid")),
                matrix(new double[] {1}, new double[] {0.1}),
                matrix(new double[] {1}, new double[] {0}),
                null);
        assertThat(service.backprop(problem).warnings())
                .extracting(Warning::code, Warning::pointer)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("sigmoid-saturated", "/layers/0/preActivation/0/0"));
    }

    @Test
    void softmaxBeforeCrossEntropyAndTargetsThatAreNotDistributions() {
        BackpropRequest problem = new BackpropRequest(
                "torch",
                List.of(TestProblems.layer(matrix(new double[] {1, 0}, new double[] {0, 1}), null, "softmax")),
                matrix(new double[] {1, 2}, new double[] {0, 1}),
                matrix(new double[] {1, 0}, new double[] {0.5, 0.75}),
                "cross-entropy");
        assertThat(service.backprop(problem).warnings())
                .extracting(Warning::code, Warning::pointer)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("softmax-before-cross-entropy", "/layers/0/activation"),
                        org.assertj.core.groups.Tuple.tuple("cross-entropy-targets-not-distributions", "/y/1"));
    }

    @Test
    void binaryCrossEntropyTargetsOutOfRange() {
        BackpropRequest problem = new BackpropRequest(
                "dimension-first",
                List.of(TestProblems.layer(matrix(new double[] {1}), null, "identity")),
                matrix(new double[] {1, 2}),
                matrix(new double[] {0, 2}),
                "binary-cross-entropy");
        assertThat(service.backprop(problem).warnings())
                .extracting(Warning::code, Warning::pointer)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("binary-cross-entropy-targets-out-of-range", "/y/0/1"));
    }

    @Test
    void nothingToSay() {
        assertThat(service.backprop(TestProblems.sampleFirst("half-sse", "tanh", "identity"))
                        .warnings())
                .isEmpty();
    }
}
