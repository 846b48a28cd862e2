package dev.backprop.backprop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.nn.Activation;
import dev.backprop.nn.Layer;
import dev.backprop.support.RandomNetworks;
import dev.backprop.support.RandomNetworks.Problem;
import dev.backprop.support.TestProblems;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.ejml.data.DMatrixRMaj;

/**
 * The same network sent in the three layouts gives the same numbers, up to the transpositions
 * the layout table prescribes, and exactly: a layout changes orientation, never arithmetic.
 */
class LayoutPropertyTests {

    private final BackpropService service = new BackpropService();

    @Provide
    Arbitrary<Problem> problems() {
        return RandomNetworks.problems(List.of(Activation.values()));
    }

    @Property(tries = 300)
    void threeLayoutsAgreeUpToTransposition(@ForAll("problems") Problem problem) {
        BackpropResponse sampleFirst = service.backprop(request(problem, "sample-first", m -> m, m -> m));
        BackpropResponse torch = service.backprop(request(problem, "torch", m -> m, TestProblems::transpose));
        BackpropResponse dimensionFirst =
                service.backprop(request(problem, "dimension-first", TestProblems::transpose, TestProblems::transpose));

        for (BackpropResponse other : List.of(torch, dimensionFirst)) {
            assertThat(other.loss()).isEqualTo(sampleFirst.loss());
            assertThat(other.outputGradient().data).containsExactly(sampleFirst.outputGradient().data);
        }
        assertSame(sampleFirst.output(), torch.output());
        assertSame(sampleFirst.output(), TestProblems.transpose(dimensionFirst.output()));
        for (int k = 0; k < sampleFirst.layers().size(); k++) {
            LayerResponse expected = sampleFirst.layers().get(k);
            LayerResponse inTorch = torch.layers().get(k);
            LayerResponse inDimensionFirst = dimensionFirst.layers().get(k);

            assertSame(expected.preActivation(), inTorch.preActivation());
            assertSame(expected.preActivation(), TestProblems.transpose(inDimensionFirst.preActivation()));
            assertSame(expected.activation(), inTorch.activation());
            assertSame(expected.activation(), TestProblems.transpose(inDimensionFirst.activation()));
            // δ_k is N×D_k in every layout
            assertSame(expected.delta(), inTorch.delta());
            assertSame(expected.delta(), inDimensionFirst.delta());
            // ∂L/∂W_k has the shape of W_k as sent
            assertSame(expected.weightGradient(), TestProblems.transpose(inTorch.weightGradient()));
            assertSame(expected.weightGradient(), TestProblems.transpose(inDimensionFirst.weightGradient()));
            assertThat(inTorch.biasGradient()).isEqualTo(expected.biasGradient());
            assertThat(inDimensionFirst.biasGradient()).isEqualTo(expected.biasGradient());
        }
    }

    /** The problem as a request in {@code layout}: samples and weights oriented by the two maps. */
    private static BackpropRequest request(
            Problem problem, String layout, UnaryOperator<DMatrixRMaj> samples, UnaryOperator<DMatrixRMaj> weights) {
        List<LayerRequest> layers = new ArrayList<>();
        for (Layer layer : problem.network().layers()) {
            double[] bias = layer.hasBias() ? layer.b().data.clone() : null;
            layers.add(new LayerRequest(
                    weights.apply(layer.W().copy()), bias, layer.f().apiName()));
        }
        return new BackpropRequest(
                layout,
                layers,
                samples.apply(problem.x().copy()),
                samples.apply(problem.y().copy()),
                problem.loss().apiName());
    }

    private static void assertSame(DMatrixRMaj expected, DMatrixRMaj actual) {
        assertThat(actual.numRows).isEqualTo(expected.numRows);
        assertThat(actual.numCols).isEqualTo(expected.numCols);
        assertThat(actual.data).startsWith(java.util.Arrays.copyOf(expected.data, expected.getNumElements()));
    }
}
