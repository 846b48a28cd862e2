package dev.backprop.grading;

import static dev.backprop.support.TestProblems.matrix;
import static dev.backprop.support.TestProblems.scale;
import static dev.backprop.support.TestProblems.transpose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backprop.backprop.BackpropRequest;
import dev.backprop.backprop.BackpropResponse;
import dev.backprop.backprop.BackpropService;
import dev.backprop.backprop.LayerResponse;
import dev.backprop.support.Services;
import dev.backprop.support.TestProblems;
import dev.backprop.web.ApiException;
import dev.backprop.web.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each mistake of the catalogue planted in a correct submission (computed by the service itself,
 * then altered here by hand) comes back with its diagnosis.
 */
class GradeServiceTest {

    private final BackpropService backprop = Services.backprop();
    private final GradeService grader = Services.grader(backprop);

    @ParameterizedTest
    @ValueSource(strings = {"seed", "sigmoid-mse", "tanh-cross-entropy", "three-layers"})
    void aCorrectSubmissionScoresOne(String name) {
        BackpropRequest problem =
                switch (name) {
                    case "seed" -> TestProblems.seed();
                    case "sigmoid-mse" -> TestProblems.sampleFirst("mse", "sigmoid", "identity");
                    case "tanh-cross-entropy" -> TestProblems.sampleFirst("cross-entropy", "tanh", "softplus");
                    default -> TestProblems.sampleFirst("half-sse", "tanh", "relu", "gelu");
                };
        BackpropResponse answer = backprop.backprop(problem);
        GradeResponse grade = grade(problem, everything(answer));
        assertThat(grade.score()).isEqualTo(1.0);
        assertThat(grade.correct())
                .isEqualTo(grade.total())
                .isEqualTo(3
                        + 5 * answer.layers().size()
                        - (int) answer.layers().stream()
                                .filter(l -> l.biasGradient() == null)
                                .count());
        assertThat(grade.fields()).allSatisfy(field -> {
            assertThat(field.verdict()).isEqualTo("correct");
            assertThat(field.diagnosis()).isNull();
            assertThat(field.reference()).isNull();
        });
    }

    @Test
    void shapeMismatch() {
        DMatrixRMaj sent = matrix(new double[] {7, 11, 1.5}, new double[] {-3.5, 27, -17}, new double[] {0, 0, 0});
        FieldVerdict verdict = gradeOne(TestProblems.seed(), 0, layer -> layer.weightGradient(sent));
        assertThat(verdict.diagnosis()).contains("shape-mismatch");
        assertThat(verdict.hint()).contains("3×3").contains("D_1×D_0 (3×2)").contains("dimension-first");
    }

    @Test
    void transposed() {
        BackpropResponse answer = backprop.backprop(TestProblems.seed());
        FieldVerdict verdict = gradeOne(
                TestProblems.seed(),
                0,
                layer -> layer.weightGradient(transpose(answer.layers().get(0).weightGradient())));
        assertThat(verdict.diagnosis()).contains("transposed");
        assertThat(verdict.hint())
                .isEqualTo(
                        "You sent 2×3, the reference transposed: in the dimension-first layout ∂L/∂W_1 is D_1×D_0 (3×2).");
        assertThat(verdict.maxAbsError()).isNull();
    }

    @Test
    void scaledByTwoWhenTheHalfIsDropped() {
        BackpropResponse answer = backprop.backprop(TestProblems.seed());
        FieldVerdict verdict = gradeOne(
                TestProblems.seed(),
                1,
                layer -> layer.weightGradient(scale(2, answer.layers().get(1).weightGradient())));
        assertThat(verdict.diagnosis()).contains("scaled");
        assertThat(verdict.factor()).isEqualTo(2.0);
        assertThat(verdict.hint())
                .isEqualTo("Every entry is 2× the reference: the ½ of the half-sse loss was dropped.");
        assertThat(verdict.wrongEntries()).isEqualTo(3);
        assertThat(verdict.entries()).isEqualTo(3);
        assertThat(verdict.maxAbsError()).isEqualTo(27.0);
    }

    @Test
    void scaledByOneOverNForAMeanInsteadOfASum() {
        BackpropResponse answer = backprop.backprop(TestProblems.seed());
        FieldVerdict verdict = gradeOne(
                TestProblems.seed(),
                1,
                layer -> layer.delta(scale(0.25, answer.layers().get(1).delta())));
        assertThat(verdict.diagnosis()).contains("scaled");
        assertThat(verdict.factor()).isEqualTo(0.25);
        assertThat(verdict.hint()).contains("1/4×").contains("N = 4");
    }

    @Test
    void scaledForMseVersusHalfSse() {
        // N = 3, D_L = 2: half-sse's gradient is N·D_L/2 = 3 times mse's
        BackpropRequest problem = TestProblems.sampleFirst("mse", "tanh", "identity");
        BackpropResponse answer = backprop.backprop(problem);
        FieldVerdict verdict = gradeOne(
                problem,
                1,
                layer -> layer.weightGradient(scale(3, answer.layers().get(1).weightGradient())));
        assertThat(verdict.diagnosis()).contains("scaled");
        assertThat(verdict.factor()).isEqualTo(3.0);
        assertThat(verdict.hint()).contains("mse versus half-sse");
    }

    @Test
    void aProblemWithAGivenUpstreamGradientHasNoLossToBlameForAFactor() {
        BackpropRequest seed = TestProblems.seed();
        BackpropRequest layerTest = new BackpropRequest(
                seed.layout(),
                seed.layers(),
                seed.x(),
                null,
                null,
                null,
                null,
                null,
                TestProblems.matrix(new double[] {1}, new double[] {-2}, new double[] {0.5}, new double[] {3}));
        BackpropResponse answer = backprop.backprop(layerTest);
        FieldVerdict verdict = gradeOne(
                layerTest,
                1,
                layer -> layer.weightGradient(scale(2, answer.layers().get(1).weightGradient())));
        // no ½ or reduction to have dropped (before, a 500): a factor, compared with the given gradient's pass
        assertThat(verdict.verdict()).isEqualTo(FieldVerdict.WRONG);
        assertThat(verdict.diagnosis()).contains("scaled");
        assertThat(verdict.factor()).isEqualTo(2.0);
        assertThat(verdict.hint()).endsWith("with those of the backward pass from the given ∂L/∂y_out.");
    }

    @Test
    void scaledLoss() {
        BackpropResponse answer = backprop.backprop(TestProblems.seed());
        GradeResponse grade = grade(TestProblems.seed(), new Submission(2 * answer.loss(), null, null, null));
        assertThat(grade.fields().get(0).diagnosis()).contains("scaled");
        assertThat(grade.fields().get(0).hint()).startsWith("Your loss is 2× the reference");
    }

    @Test
    void aLossOffByNoFactorTheProblemExplainsIsNotScaled() {
        // 24.4 against 24.5 is 0.9959× the reference: no constant of the problem explains it
        GradeResponse grade = grade(TestProblems.seed(), new Submission(24.4, null, null, null));
        FieldVerdict verdict = grade.fields().get(0);
        assertThat(verdict.diagnosis()).isEmpty();
        assertThat(verdict.factor()).isNull();
        assertThat(verdict.maxAbsError()).isCloseTo(0.1, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(verdict.hint()).doesNotContain("×").doesNotContain("½").doesNotContain("1/N");
    }

    @ParameterizedTest
    @ValueSource(doubles = {4, 0.25, 0.5})
    void aLossOffByAFactorTheProblemExplainsIsScaled(double factor) {
        GradeResponse grade = grade(TestProblems.seed(), new Submission(24.5 * factor, null, null, null));
        FieldVerdict verdict = grade.fields().get(0);
        assertThat(verdict.diagnosis()).contains("scaled");
        assertThat(verdict.factor()).isEqualTo(factor);
        assertThat(verdict.hint()).startsWith("Your loss is " + Mistakes.format(factor) + "× the reference");
    }

    @Test
    void theReductionDecidesTheScaledHint() {
        // half-sse with batch-mean (Nielsen's 1/(2n)·Σ‖a − y‖²): a plain sum is N = 4 times it
        BackpropRequest seed = TestProblems.seed();
        BackpropRequest problem = new BackpropRequest(
                seed.layout(), seed.layers(), seed.x(), seed.y(), "half-sse", "batch-mean", null, null, null);
        double loss = backprop.backprop(problem).loss();
        FieldVerdict verdict = grade(problem, new Submission(4 * loss, null, null, null))
                .fields()
                .get(0);
        assertThat(verdict.diagnosis()).contains("scaled");
        assertThat(verdict.hint()).contains("you summed").contains("divides the sum of its terms by N = 4");
    }

    @Test
    void warningsPointIntoTheProblemSent() {
        BackpropRequest problem = TestProblems.sampleFirst("cross-entropy", "tanh", "softmax");
        BackpropResponse answer = backprop.backprop(problem);
        assertThat(answer.warnings())
                .extracting(dev.backprop.backprop.Warning::pointer)
                .contains("/layers/1/activation");
        GradeResponse grade = grade(problem, new Submission(answer.loss(), null, null, null));
        assertThat(grade.warnings())
                .extracting(dev.backprop.backprop.Warning::pointer)
                .contains("/problem/layers/1/activation")
                .allSatisfy(pointer -> assertThat(pointer).startsWith("/problem/"));
    }

    @Test
    void signFlipped() {
        BackpropResponse answer = backprop.backprop(TestProblems.seed());
        GradeResponse grade =
                grade(TestProblems.seed(), new Submission(null, null, scale(-1, answer.outputGradient()), null));
        FieldVerdict verdict = grade.fields().get(0);
        assertThat(verdict.pointer()).isEqualTo("/outputGradient");
        assertThat(verdict.diagnosis()).contains("sign-flipped");
        assertThat(verdict.hint()).contains("y_out − y");
    }

    @Test
    void reluDerivativeAtZero() {
        BackpropResponse answer = backprop.backprop(TestProblems.seed());
        // layer 1, sample 3, unit 2 has s = 0; with relu′(0) = 1, δ there is (δ_2·W_2)_{3,2} = 0.5·(−2)
        DMatrixRMaj delta = answer.layers().get(0).delta().copy();
        assertThat(delta.get(2, 1)).isEqualTo(0.0);
        delta.set(2, 1, -1);
        FieldVerdict verdict = gradeOne(TestProblems.seed(), 0, layer -> layer.delta(delta));
        assertThat(verdict.diagnosis()).contains("relu-derivative-at-zero");
        assertThat(verdict.hint()).contains("relu′(0)").contains("layer 1");
        assertThat(verdict.wrongEntries()).isEqualTo(1);
    }

    @Test
    void missingActivationDerivative() {
        BackpropRequest problem = TestProblems.sampleFirst("mse", "sigmoid", "identity");
        BackpropResponse answer = backprop.backprop(problem);
        // δ_1 = δ_2 · W_2ᵀ, without ⊙ σ′(s_1)
        DMatrixRMaj delta =
                upstream(answer.layers().get(1).delta(), problem.layers().get(1).weights());
        FieldVerdict verdict = gradeOne(problem, 0, layer -> layer.delta(delta));
        assertThat(verdict.diagnosis()).contains("missing-activation-derivative");
        assertThat(verdict.hint()).contains("f′(s)").contains("f_1 = sigmoid");
    }

    @Test
    void derivativeAtActivation() {
        BackpropRequest problem = TestProblems.sampleFirst("mse", "sigmoid", "identity");
        BackpropResponse answer = backprop.backprop(problem);
        // δ_1 = (δ_2 · W_2ᵀ) ⊙ σ(z_1)(1 − σ(z_1)): σ′ evaluated at z_1 instead of s_1
        DMatrixRMaj g =
                upstream(answer.layers().get(1).delta(), problem.layers().get(1).weights());
        DMatrixRMaj sigmaOfZ = map(answer.layers().get(0).activation(), z -> 1 / (1 + Math.exp(-z)));
        DMatrixRMaj delta = times(g, map(sigmaOfZ, p -> p * (1 - p)));
        FieldVerdict verdict = gradeOne(problem, 0, layer -> layer.delta(delta));
        assertThat(verdict.diagnosis()).contains("derivative-at-activation");
    }

    @Test
    void errorCarriedForwardThroughThreeLayers() {
        BackpropRequest problem = TestProblems.sampleFirst("half-sse", "tanh", "sigmoid", "identity");
        BackpropResponse answer = backprop.backprop(problem);
        // the student's δ_3 is wrong in a way no mistake explains; everything after follows correctly from it
        DMatrixRMaj delta3 = answer.layers().get(2).delta().copy();
        delta3.set(0, 0, delta3.get(0, 0) + 0.75);
        delta3.set(2, 1, delta3.get(2, 1) - 0.5);
        DMatrixRMaj z1 = answer.layers().get(0).activation();
        DMatrixRMaj z2 = answer.layers().get(1).activation();
        DMatrixRMaj delta2 = times(upstream(delta3, problem.layers().get(2).weights()), map(z2, z -> z * (1 - z)));
        DMatrixRMaj delta1 = times(upstream(delta2, problem.layers().get(1).weights()), map(z1, z -> 1 - z * z));
        List<Submission.Layer> layers = List.of(
                new Submission.Layer(null, null, delta1, transposeTimes(problem.x(), delta1), null),
                new Submission.Layer(null, null, delta2, transposeTimes(z1, delta2), null),
                new Submission.Layer(null, null, delta3, transposeTimes(z2, delta3), null));
        GradeResponse grade = grade(problem, new Submission(answer.loss(), null, null, layers));

        assertThat(grade.total()).isEqualTo(7);
        assertThat(grade.correct()).isEqualTo(1);
        assertThat(grade.correctGivenEarlierError()).isEqualTo(5);
        assertThat(grade.score()).isEqualTo(6.0 / 7);
        FieldVerdict wrong = field(grade, "/layers/2/delta");
        assertThat(wrong.verdict()).isEqualTo("wrong");
        assertThat(wrong.diagnosis()).isEmpty();
        for (String pointer : List.of(
                "/layers/2/weightGradient",
                "/layers/1/delta",
                "/layers/1/weightGradient",
                "/layers/0/delta",
                "/layers/0/weightGradient")) {
            FieldVerdict carried = field(grade, pointer);
            assertThat(carried.correct()).as(pointer).isFalse();
            assertThat(carried.diagnosis()).as(pointer).contains("error-carried-forward");
            assertThat(carried.verdict()).as(pointer).isEqualTo("correct-given-earlier-error");
        }
        assertThat(field(grade, "/layers/1/delta").hint()).contains("/layers/2/delta");
    }

    @Test
    void randomNoiseHasNoDiagnosis() {
        Random random = new Random(7);
        DMatrixRMaj noise = new DMatrixRMaj(3, 2);
        for (int i = 0; i < noise.getNumElements(); i++) {
            noise.data[i] = random.nextGaussian() * 10;
        }
        FieldVerdict verdict = gradeOne(TestProblems.seed(), 0, layer -> layer.weightGradient(noise));
        assertThat(verdict.verdict()).isEqualTo("wrong");
        assertThat(verdict.diagnosis()).isEqualTo(Optional.empty());
        assertThat(verdict.wrongEntries()).isPositive();
    }

    @Test
    void theReferenceIsShownOnlyWhenRevealed() {
        BackpropResponse answer = backprop.backprop(TestProblems.seed());
        Submission wrongLoss = new Submission(1.0, null, null, null);
        assertThat(grader.grade(new GradeRequest(TestProblems.seed(), wrongLoss, null, null))
                        .fields()
                        .get(0)
                        .reference())
                .isNull();
        assertThat(grader.grade(new GradeRequest(TestProblems.seed(), wrongLoss, null, true))
                        .fields()
                        .get(0)
                        .reference())
                .isEqualTo(answer.loss());
    }

    @Test
    void theToleranceDecides() {
        Submission close = new Submission(24.5 + 1e-3, null, null, null);
        assertThat(grade(TestProblems.seed(), close).score()).isZero();
        assertThat(grader.grade(new GradeRequest(TestProblems.seed(), close, new Tolerance(1e-4, null), null))
                        .score())
                .isEqualTo(1.0);
    }

    @Test
    void problemErrorsPointIntoTheProblem() {
        BackpropRequest seed = TestProblems.seed();
        BackpropRequest bad = new BackpropRequest(seed.layout(), seed.layers(), seed.x(), seed.y(), "huber");
        assertThatThrownBy(() -> grade(bad, new Submission(1.0, null, null, null)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.errors()).extracting(FieldError::pointer).containsExactly("/problem/loss");
                    assertThat(e.getMessage()).startsWith("/problem/loss is \"huber\"");
                });
    }

    @Test
    void submissionErrorsPointIntoTheSubmission() {
        Submission.Layer empty = new Submission.Layer(null, null, null, null, null);
        Submission.Layer bias = new Submission.Layer(null, null, null, null, new double[] {1, 2, 3});
        assertThatThrownBy(
                        () -> grade(TestProblems.seed(), new Submission(null, null, null, List.of(bias, empty, empty))))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::pointer)
                                .containsExactly("/submission/layers/0/biasGradient", "/submission/layers/2"));
        assertThatThrownBy(() -> grade(TestProblems.seed(), new Submission(null, null, null, List.of(empty))))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::pointer)
                                .containsExactly("/submission"));
        assertThatThrownBy(() -> grader.grade(new GradeRequest(
                        TestProblems.seed(), new Submission(1.0, null, null, null), new Tolerance(-1.0, null), null)))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::pointer)
                                .containsExactly("/tolerance/rtol"));
    }

    // ---- helpers

    private GradeResponse grade(BackpropRequest problem, Submission submission) {
        return grader.grade(new GradeRequest(problem, submission, null, null));
    }

    /** A submission with one field of one layer; the layers before it empty. */
    private FieldVerdict gradeOne(
            BackpropRequest problem, int index, java.util.function.Function<LayerBuilder, Submission.Layer> field) {
        List<Submission.Layer> layers = new ArrayList<>();
        for (int i = 0; i < index; i++) {
            layers.add(new Submission.Layer(null, null, null, null, null));
        }
        layers.add(field.apply(new LayerBuilder()));
        GradeResponse grade = grade(problem, new Submission(null, null, null, layers));
        assertThat(grade.fields()).hasSize(1);
        assertThat(grade.score()).isZero();
        return grade.fields().get(0);
    }

    /** One field of a submitted layer. */
    private static final class LayerBuilder {
        Submission.Layer delta(DMatrixRMaj delta) {
            return new Submission.Layer(null, null, delta, null, null);
        }

        Submission.Layer weightGradient(DMatrixRMaj dW) {
            return new Submission.Layer(null, null, null, dW, null);
        }
    }

    private static Submission everything(BackpropResponse answer) {
        List<Submission.Layer> layers = answer.layers().stream()
                .map((LayerResponse l) -> new Submission.Layer(
                        l.preActivation(), l.activation(), l.delta(), l.weightGradient(), l.biasGradient()))
                .toList();
        return new Submission(answer.loss(), answer.output(), answer.outputGradient(), layers);
    }

    private static FieldVerdict field(GradeResponse grade, String pointer) {
        return grade.fields().stream()
                .filter(f -> f.pointer().equals(pointer))
                .findFirst()
                .orElseThrow();
    }

    /** ∂L/∂z_{k-1} = δ_k · W_kᵀ in the sample-first layout (W_k is D_{k-1}×D_k). */
    private static DMatrixRMaj upstream(DMatrixRMaj delta, DMatrixRMaj W) {
        DMatrixRMaj g = new DMatrixRMaj(delta.numRows, W.numRows);
        CommonOps_DDRM.multTransB(delta, W, g);
        return g;
    }

    private static DMatrixRMaj transposeTimes(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj result = new DMatrixRMaj(a.numCols, b.numCols);
        CommonOps_DDRM.multTransA(a, b, result);
        return result;
    }

    private static DMatrixRMaj times(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj result = new DMatrixRMaj(a.numRows, a.numCols);
        CommonOps_DDRM.elementMult(a, b, result);
        return result;
    }

    private static DMatrixRMaj map(DMatrixRMaj m, DoubleUnaryOperator f) {
        DMatrixRMaj result = new DMatrixRMaj(m.numRows, m.numCols);
        for (int i = 0; i < m.getNumElements(); i++) {
            result.data[i] = f.applyAsDouble(m.data[i]);
        }
        return result;
    }
}
