package dev.backprop.backprop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.nn.Activation;
import dev.backprop.nn.BatchNorm;
import dev.backprop.nn.Layer;
import dev.backprop.nn.Regularization;
import dev.backprop.support.RandomNetworks;
import dev.backprop.support.RandomNetworks.Problem;
import dev.backprop.support.Services;
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
 * The same network sent in the four layouts gives the same numbers, up to the transpositions
 * the layout table prescribes, and exactly: a layout changes orientation, never arithmetic.
 */
class LayoutPropertyTests {

    private final BackpropService service = Services.backprop();

    @Provide
    Arbitrary<Problem> problems() {
        return RandomNetworks.problems(List.of(Activation.values()), RandomNetworks.Options.ALL);
    }

    @Property(tries = 300)
    void fourLayoutsAgreeUpToTransposition(@ForAll("problems") Problem problem) {
        UnaryOperator<DMatrixRMaj> same = m -> m;
        UnaryOperator<DMatrixRMaj> t = TestProblems::transpose;
        BackpropResponse sampleFirst = service.backprop(request(problem, "sample-first", same, same));
        BackpropResponse torch = service.backprop(request(problem, "torch", same, t));
        BackpropResponse dimensionFirst = service.backprop(request(problem, "dimension-first", t, t));
        BackpropResponse throughout = service.backprop(request(problem, "dimension-first-throughout", t, t));

        for (BackpropResponse other : List.of(torch, dimensionFirst, throughout)) {
            assertThat(other.loss()).isEqualTo(sampleFirst.loss());
            assertThat(other.dataLoss()).isEqualTo(sampleFirst.dataLoss());
            assertThat(other.regularizationLoss()).isEqualTo(sampleFirst.regularizationLoss());
        }
        // the backward quantities: N×D except in dimension-first-throughout
        for (BackpropResponse other : List.of(torch, dimensionFirst)) {
            assertSame(sampleFirst.outputGradient(), other.outputGradient());
            assertSame(sampleFirst.inputGradient(), other.inputGradient());
        }
        assertSame(sampleFirst.outputGradient(), t.apply(throughout.outputGradient()));
        assertSame(sampleFirst.inputGradient(), t.apply(throughout.inputGradient()));
        assertSame(sampleFirst.output(), torch.output());
        assertSame(sampleFirst.output(), t.apply(dimensionFirst.output()));
        assertSame(sampleFirst.output(), t.apply(throughout.output()));
        for (int k = 0; k < sampleFirst.layers().size(); k++) {
            LayerResponse expected = sampleFirst.layers().get(k);
            LayerResponse inTorch = torch.layers().get(k);
            LayerResponse inDimensionFirst = dimensionFirst.layers().get(k);
            LayerResponse inThroughout = throughout.layers().get(k);

            for (LayerResponse columns : List.of(inDimensionFirst, inThroughout)) {
                assertSame(expected.preActivation(), t.apply(columns.preActivation()));
                assertSame(expected.activation(), t.apply(columns.activation()));
                assertSame(expected.weightGradient(), t.apply(columns.weightGradient()));
                assertThat(columns.biasGradient()).isEqualTo(expected.biasGradient());
            }
            assertSame(expected.preActivation(), inTorch.preActivation());
            assertSame(expected.activation(), inTorch.activation());
            // δ_k and ∂L/∂z_k are N×D_k, but D_k×N in dimension-first-throughout
            for (LayerResponse rows : List.of(inTorch, inDimensionFirst)) {
                assertSame(expected.delta(), rows.delta());
                assertSame(expected.activationGradient(), rows.activationGradient());
            }
            assertSame(expected.delta(), t.apply(inThroughout.delta()));
            assertSame(expected.activationGradient(), t.apply(inThroughout.activationGradient()));
            // ∂L/∂W_k has the shape of W_k as sent
            assertSame(expected.weightGradient(), t.apply(inTorch.weightGradient()));
            assertThat(inTorch.biasGradient()).isEqualTo(expected.biasGradient());
            if (expected.batchNorm() != null) {
                assertThat(inThroughout.batchNorm().gammaGradient())
                        .isEqualTo(expected.batchNorm().gammaGradient());
                assertSame(
                        expected.batchNorm().normalized(),
                        t.apply(inThroughout.batchNorm().normalized()));
                assertSame(
                        expected.batchNorm().outputDelta(),
                        inDimensionFirst.batchNorm().outputDelta());
                assertSame(
                        expected.batchNorm().outputDelta(),
                        t.apply(inThroughout.batchNorm().outputDelta()));
            }
        }
    }

    /** The problem as a request in {@code layout}: samples and weights oriented by the two maps. */
    private static BackpropRequest request(
            Problem problem, String layout, UnaryOperator<DMatrixRMaj> samples, UnaryOperator<DMatrixRMaj> weights) {
        List<LayerRequest> layers = new ArrayList<>();
        for (Layer layer : problem.network().layers()) {
            double[] bias = layer.hasBias() ? layer.b().data.clone() : null;
            BatchNorm bn = layer.batchNorm();
            BatchNormRequest batchNorm = bn == null
                    ? null
                    : new BatchNormRequest(
                            bn.gamma().data.clone(), bn.beta().data.clone(), bn.epsilon(), null, null, null, null);
            DropoutRequest dropout = layer.dropout() == null
                    ? null
                    : new DropoutRequest(
                            samples.apply(layer.dropout().mask().copy()),
                            layer.dropout().keepProbability());
            layers.add(new LayerRequest(
                    weights.apply(layer.W().copy()), bias, layer.f().apiName(), batchNorm, dropout));
        }
        Regularization penalty = problem.regularization();
        return new BackpropRequest(
                layout,
                layers,
                samples.apply(problem.x().copy()),
                samples.apply(problem.y().copy()),
                problem.loss().loss().apiName(),
                problem.loss().reduction().apiName(),
                null,
                new RegularizationRequest(penalty.l2(), penalty.l1(), penalty.includeBias()),
                null);
    }

    private static void assertSame(DMatrixRMaj expected, DMatrixRMaj actual) {
        assertThat(actual.numRows).isEqualTo(expected.numRows);
        assertThat(actual.numCols).isEqualTo(expected.numCols);
        assertThat(actual.data).startsWith(java.util.Arrays.copyOf(expected.data, expected.getNumElements()));
    }
}
