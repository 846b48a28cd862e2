package dev.backprop.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The optimizers against hand-worked steps and against the conventions courses write; torch's
 * own numbers are the golden cases of /optimizer-step.
 */
class OptimizerTests {

    /** Rounding in the last bits of numbers of order one. */
    private static final double TOLERANCE = 1e-15;

    @Test
    void sgdWithMomentumTwoStepsByHand() {
        // γ = 0.1, μ = 0.9; θ = (1, 2), g_1 = (0.5, −1), g_2 = (1, 1)
        Sgd sgd = new Sgd(0.1, 0.9, 0, false, 0);
        double[] theta = {1, 2};
        ParameterState state = ParameterState.initial(sgd, 2);

        // b_1 = g_1 = (0.5, −1); θ_1 = θ − 0.1·b_1 = (0.95, 2.1)
        sgd.step(theta, new double[] {0.5, -1}, state);
        assertThat(state.buffer(OptimizerBuffer.MOMENTUM_BUFFER)).containsExactly(0.5, -1);
        assertThat(theta).containsExactly(new double[] {0.95, 2.1}, within(TOLERANCE));

        // b_2 = 0.9·b_1 + g_2 = (1.45, 0.1); θ_2 = θ_1 − 0.1·b_2 = (0.805, 2.09)
        sgd.step(theta, new double[] {1, 1}, state);
        assertThat(state.buffer(OptimizerBuffer.MOMENTUM_BUFFER))
                .containsExactly(new double[] {1.45, 0.1}, within(TOLERANCE));
        assertThat(theta).containsExactly(new double[] {0.805, 2.09}, within(TOLERANCE));
        assertThat(state.step()).isEqualTo(2);
    }

    @Test
    void courseVelocityFromZeroEqualsSgdMomentumFromAnExplicitZeroBuffer() {
        // v ← μ v − η g, w ← w + v, from v = 0 (CS231n, deeplearning.ai)
        double mu = 0.9;
        double eta = 0.05;
        SplittableRandom random = new SplittableRandom(7);
        int size = 6;
        double[] w = random.doubles(size, -1, 1).toArray();
        double[] v = new double[size];
        double[] theta = w.clone();
        Sgd sgd = new Sgd(eta, mu, 0, false, 0);
        ParameterState state =
                ParameterState.resume(sgd, size, 0, Map.of(OptimizerBuffer.MOMENTUM_BUFFER, new double[size]));

        for (int t = 0; t < 20; t++) {
            double[] g = random.doubles(size, -2, 2).toArray();
            for (int i = 0; i < size; i++) {
                v[i] = mu * v[i] - eta * g[i];
                w[i] = w[i] + v[i];
            }
            sgd.step(theta, g, state);

            assertThat(theta).containsExactly(w, within(1e-12));
            // torch's buffer is the course's velocity over −η
            double[] b = state.buffer(OptimizerBuffer.MOMENTUM_BUFFER);
            for (int i = 0; i < size; i++) {
                assertThat(-eta * b[i]).isCloseTo(v[i], within(1e-12));
            }
        }
    }

    @Test
    void aFreshSgdBufferIsTheGradientAnExplicitZeroOneIsDamped() {
        Sgd sgd = new Sgd(0.1, 0.9, 0.5, false, 0);
        double[] gradient = {2, -4};

        ParameterState fresh = ParameterState.initial(sgd, 2);
        assertThat(fresh.holds(OptimizerBuffer.MOMENTUM_BUFFER)).isFalse();
        sgd.step(new double[] {0, 0}, gradient, fresh);
        // b_1 = g_1, the clone torch makes
        assertThat(fresh.buffer(OptimizerBuffer.MOMENTUM_BUFFER)).containsExactly(2, -4);
        assertThat(fresh.holds(OptimizerBuffer.MOMENTUM_BUFFER)).isTrue();

        ParameterState zero =
                ParameterState.resume(sgd, 2, 0, Map.of(OptimizerBuffer.MOMENTUM_BUFFER, new double[] {0, 0}));
        sgd.step(new double[] {0, 0}, gradient, zero);
        // b_1 = μ·0 + (1 − τ) g_1
        assertThat(zero.buffer(OptimizerBuffer.MOMENTUM_BUFFER)).containsExactly(1, -2);
    }

    @Test
    void nesterovLooksAhead() {
        // θ = 1, g = 2, γ = 0.1, μ = 0.5: b_1 = 2, g ← g + μ b = 3, θ = 1 − 0.3
        Sgd sgd = new Sgd(0.1, 0.5, 0, true, 0);
        double[] theta = {1};
        sgd.step(theta, new double[] {2}, ParameterState.initial(sgd, 1));
        assertThat(theta[0]).isCloseTo(0.7, within(TOLERANCE));
    }

    @Test
    void adamsFirstStepMovesEachEntryByAboutTheLearningRate() {
        // m̂_1 = g, v̂_1 = g²: θ_1 = θ − γ g / (|g| + ε)
        Adam adam = new Adam(0.01);
        double[] theta = {1, -1, 0.5};
        double[] g = {3, -0.25, 1e-3};
        adam.step(theta, g, ParameterState.initial(adam, 3));
        for (int i = 0; i < 3; i++) {
            double expected = new double[] {1, -1, 0.5}[i] - 0.01 * g[i] / (Math.abs(g[i]) + 1e-8);
            assertThat(theta[i]).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void adamWDecaysTheParameterNotTheGradient() {
        // with β_1 = β_2 = 0 and ε = 0 the Adam part is −γ·sign(g): θ = θ(1 − γλ) − γ
        AdamW adamW = new AdamW(0.1, 0, 0, 0, 0.5, false);
        double[] theta = {2};
        adamW.step(theta, new double[] {4}, ParameterState.initial(adamW, 1));
        assertThat(theta[0]).isCloseTo(2 * (1 - 0.05) - 0.1, within(TOLERANCE));
    }

    @Test
    void adagradStartsFromItsInitialAccumulatorAndDecaysItsRate() {
        Adagrad adagrad = new Adagrad(1, 1, 0, 3, 0);
        double[] theta = {0};
        ParameterState state = ParameterState.initial(adagrad, 1);
        assertThat(state.buffer(OptimizerBuffer.SUM)).containsExactly(3);
        // sum = 3 + 1 = 4, θ = 0 − 1·1/2
        adagrad.step(theta, new double[] {1}, state);
        assertThat(theta[0]).isEqualTo(-0.5);
        // γ̃ = 1/(1 + 1·1) = 0.5, sum = 4 + 5 = 9, θ = −0.5 − 0.5·(−√5)/3
        adagrad.step(theta, new double[] {-Math.sqrt(5)}, state);
        assertThat(theta[0]).isCloseTo(-0.5 + 0.5 * Math.sqrt(5) / 3, within(TOLERANCE));
    }

    @Test
    void centeredRmsPropWithMomentumByHand() {
        // α = 0.5, ε = 0, μ = 0.5, γ = 1; g = 2: v = 2, g^ave = 1, √(v − 1) = 1, b = 2, θ = −2
        RmsProp rmsProp = new RmsProp(1, 0.5, 0, 0, 0.5, true);
        double[] theta = {0};
        ParameterState state = ParameterState.initial(rmsProp, 1);
        rmsProp.step(theta, new double[] {2}, state);
        assertThat(state.buffer(OptimizerBuffer.SQUARE_AVG)).containsExactly(2);
        assertThat(state.buffer(OptimizerBuffer.GRAD_AVG)).containsExactly(1);
        assertThat(state.buffer(OptimizerBuffer.MOMENTUM_BUFFER)).containsExactly(2);
        assertThat(theta).containsExactly(-2);
    }

    @Test
    void buffersExistExactlyWhenTorchKeepsThem() {
        assertThat(new Sgd(0.1).buffers()).isEmpty();
        assertThat(new Sgd(0.1, 0.9, 0, false, 0).buffers()).containsExactly(OptimizerBuffer.MOMENTUM_BUFFER);
        assertThat(new Adam(0.1).buffers()).containsExactly(OptimizerBuffer.EXP_AVG, OptimizerBuffer.EXP_AVG_SQ);
        assertThat(new AdamW(0.1, 0.9, 0.999, 1e-8, 0.01, true).buffers())
                .containsExactly(OptimizerBuffer.EXP_AVG, OptimizerBuffer.EXP_AVG_SQ, OptimizerBuffer.MAX_EXP_AVG_SQ);
        assertThat(new RmsProp(0.1).buffers()).containsExactly(OptimizerBuffer.SQUARE_AVG);
        assertThat(new RmsProp(0.1, 0.99, 1e-8, 0, 0.9, true).buffers())
                .containsExactly(OptimizerBuffer.SQUARE_AVG, OptimizerBuffer.MOMENTUM_BUFFER, OptimizerBuffer.GRAD_AVG);
        assertThat(new Adagrad(0.1).buffers()).containsExactly(OptimizerBuffer.SUM);
    }

    @Test
    void aStepNeverChangesTheGradient() {
        double[] gradient = {1, -2, 3};
        for (Optimizer optimizer : new Optimizer[] {
            new Sgd(0.1, 0.9, 0.1, false, 0.5),
            new Adam(0.1, 0.8, 0.9, 1e-8, 0.5, true),
            new AdamW(0.1),
            new RmsProp(0.1, 0.9, 1e-8, 0.5, 0.9, true),
            new Adagrad(0.1, 0.1, 0.5, 0.1, 1e-10)
        }) {
            optimizer.step(new double[] {1, 1, 1}, gradient, ParameterState.initial(optimizer, 3));
            assertThat(gradient).as(optimizer.apiName()).containsExactly(1, -2, 3);
        }
    }

    @Test
    void outOfRangeHyperparametersAreRefusedAsTorchRefusesThem() {
        assertThatThrownBy(() -> new Sgd(0.1, 0, 0, true, 0))
                .isInstanceOfSatisfying(
                        InvalidHyperparameterException.class,
                        e -> assertThat(e.option()).isEqualTo("nesterov"));
        assertThatThrownBy(() -> new Sgd(-1))
                .isInstanceOfSatisfying(
                        InvalidHyperparameterException.class,
                        e -> assertThat(e.option()).isEqualTo("learningRate"));
        assertThatThrownBy(() -> new Adam(0.1, 0.9, 1, 1e-8, 0, false))
                .isInstanceOfSatisfying(
                        InvalidHyperparameterException.class,
                        e -> assertThat(e.option()).isEqualTo("beta2"));
        assertThatThrownBy(() -> new RmsProp(0.1, -0.5, 1e-8, 0, 0, false))
                .isInstanceOfSatisfying(
                        InvalidHyperparameterException.class,
                        e -> assertThat(e.option()).isEqualTo("alpha"));
        assertThatThrownBy(() -> new Adagrad(Double.POSITIVE_INFINITY))
                .isInstanceOf(InvalidHyperparameterException.class);
    }

    @Test
    void aResumedStateNeedsExactlyTheOptimizersBuffers() {
        Adam adam = new Adam(0.1);
        assertThatThrownBy(() -> ParameterState.resume(adam, 2, 1, Map.of(OptimizerBuffer.EXP_AVG, new double[2])))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ParameterState.resume(
                        adam,
                        2,
                        1,
                        Map.of(OptimizerBuffer.EXP_AVG, new double[2], OptimizerBuffer.EXP_AVG_SQ, new double[3])))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
