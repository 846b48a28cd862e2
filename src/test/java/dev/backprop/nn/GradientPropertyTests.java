package dev.backprop.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.support.RandomNetworks;
import dev.backprop.support.RandomNetworks.Problem;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.ejml.data.DMatrixRMaj;

/** Laws of the backward pass that hold for every smooth network. */
class GradientPropertyTests {

    /** Central differences: exact to O(h²), which with h = 1e-6 usually leaves far less than this. */
    private static final double H = 1e-6;

    private static final double MAX_RELATIVE_ERROR = 1e-5;

    /**
     * Rounding in L(W ± h) costs about ε·|L|/h ≈ 1e-10·|L| in the difference quotient, so
     * gradients smaller than that cannot be checked relatively; allow 100 times that, absolutely.
     */
    private static final double ROUNDING_FLOOR = 1e-8;

    @Provide
    Arbitrary<Problem> smoothProblems() {
        return RandomNetworks.problems(RandomNetworks.SMOOTH);
    }

    /** Every reduction, L1 and L2 regularization, dropout masks and batch normalization. */
    @Provide
    Arbitrary<Problem> smoothProblemsWithEveryOption() {
        return RandomNetworks.problems(RandomNetworks.SMOOTH, RandomNetworks.Options.ALL);
    }

    @Property(tries = 300)
    void everyGradientEqualsCentralFiniteDifferencesWithRegularizationDropoutAndBatchNorm(
            @ForAll("smoothProblemsWithEveryOption") Problem problem) {
        BackpropResult result = Backprop.backprop(
                problem.network(), problem.x(), problem.target(), problem.regularization(), MatrixProducts.pureJava());

        for (int k = 0; k < problem.network().depth(); k++) {
            Layer layer = problem.network().layers().get(k);
            LayerGradients gradients = result.layers().get(k);
            assertMatchesFiniteDifferences(problem, layer.W(), gradients.dW());
            if (layer.hasBias()) {
                assertMatchesFiniteDifferences(problem, layer.b(), gradients.db());
            }
            if (layer.batchNorm() != null) {
                assertMatchesFiniteDifferences(
                        problem,
                        layer.batchNorm().gamma(),
                        gradients.batchNorm().dGamma());
                assertMatchesFiniteDifferences(
                        problem, layer.batchNorm().beta(), gradients.batchNorm().dBeta());
            }
        }
        assertMatchesFiniteDifferences(problem, problem.x(), result.inputGradient());
    }

    @Property(tries = 200)
    void weightAndBiasGradientsEqualCentralFiniteDifferences(@ForAll("smoothProblems") Problem problem) {
        BackpropResult result = Backprop.backprop(
                problem.network(), problem.x(), problem.target(), problem.regularization(), MatrixProducts.pureJava());

        for (int k = 0; k < problem.network().depth(); k++) {
            Layer layer = problem.network().layers().get(k);
            LayerGradients gradients = result.layers().get(k);
            assertMatchesFiniteDifferences(problem, layer.W(), gradients.dW());
            if (layer.hasBias()) {
                assertMatchesFiniteDifferences(problem, layer.b(), gradients.db());
            }
        }
    }

    @Property(tries = 200)
    void biasGradientIsTheSumOfDeltaOverTheSamples(@ForAll("smoothProblems") Problem problem) {
        BackpropResult result = Backprop.backprop(
                problem.network(), problem.x(), problem.target(), problem.regularization(), MatrixProducts.pureJava());

        for (LayerGradients layer : result.layers()) {
            if (layer.db() != null) {
                for (int j = 0; j < layer.delta().numCols; j++) {
                    double sum = 0;
                    for (int n = 0; n < layer.delta().numRows; n++) {
                        sum += layer.delta().get(n, j);
                    }
                    assertThat(layer.db().get(0, j)).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-12));
                }
            }
        }
    }

    @Property(tries = 100)
    void theEngineChangesNoneOfItsArguments(@ForAll("smoothProblems") Problem problem) {
        DMatrixRMaj x = problem.x().copy();
        DMatrixRMaj y = problem.y().copy();
        List<DMatrixRMaj> weights = problem.network().layers().stream()
                .map(layer -> layer.W().copy())
                .toList();

        Backprop.backprop(
                problem.network(), problem.x(), problem.target(), problem.regularization(), MatrixProducts.pureJava());

        assertThat(problem.x().data).containsExactly(x.data);
        assertThat(problem.y().data).containsExactly(y.data);
        for (int k = 0; k < weights.size(); k++) {
            assertThat(problem.network().layers().get(k).W().data).containsExactly(weights.get(k).data);
        }
    }

    /**
     * Perturbs each entry of {@code parameter} by ±H and ±2H (then restores it) and compares the
     * central difference with {@code analytic}. The difference's truncation error, c·H², is
     * measured rather than assumed: the quotient at 2H has 4c·H², so |D(H) − D(2H)| bounds it
     * where a batch of nearly equal samples makes batch normalization's curvature large.
     */
    private static void assertMatchesFiniteDifferences(Problem problem, DMatrixRMaj parameter, DMatrixRMaj analytic) {
        for (int i = 0; i < parameter.getNumElements(); i++) {
            double numeric = centralDifference(problem, parameter, i, H);
            double truncation = Math.abs(numeric - centralDifference(problem, parameter, i, 2 * H));
            double a = analytic.data[i];
            double allowed = MAX_RELATIVE_ERROR * (Math.abs(a) + Math.abs(numeric))
                    + truncation
                    + ROUNDING_FLOOR * Math.max(1, Math.abs(loss(problem)));
            assertThat(Math.abs(a - numeric))
                    .as("entry %d: analytic %s, numeric %s, truncation %s", i, a, numeric, truncation)
                    .isLessThanOrEqualTo(allowed);
        }
    }

    /** (L(p + h) − L(p − h)) / 2h for entry {@code i} of {@code parameter}, which it leaves as it was. */
    private static double centralDifference(Problem problem, DMatrixRMaj parameter, int i, double h) {
        double original = parameter.data[i];
        parameter.data[i] = original + h;
        double lossPlus = loss(problem);
        parameter.data[i] = original - h;
        double lossMinus = loss(problem);
        parameter.data[i] = original;
        return (lossPlus - lossMinus) / (2 * h);
    }

    private static double loss(Problem problem) {
        return Backprop.loss(
                problem.network(), problem.x(), problem.target(), problem.regularization(), MatrixProducts.pureJava());
    }
}
