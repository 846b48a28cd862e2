package dev.backprop.nn;

import static dev.backprop.nn.InvalidHyperparameterException.requireNonNegative;

import java.util.Arrays;
import java.util.List;

/**
 * Adagrad, {@code torch.optim.Adagrad} (1.13):
 *
 * <pre>
 * g_t ← ∇_θ f_t(θ_{t−1})
 * γ̃ ← γ / (1 + (t − 1) η)
 * if λ ≠ 0:  g_t ← g_t + λ θ_{t−1}
 * state_sum_t ← state_sum_{t−1} + g_t²
 * θ_t ← θ_{t−1} − γ̃ g_t / (√state_sum_t + ε)
 * </pre>
 *
 * with η the learning-rate decay. state_sum is the buffer sum, which torch fills with the initial
 * accumulator value when it makes the optimizer; a {@link ParameterState#resume resumed} state
 * brings its own sum, and the initial accumulator value is then unused.
 *
 * @param learningRate γ ≥ 0 (torch's {@code lr}, required)
 * @param lrDecay η ≥ 0, default 0
 * @param weightDecay λ ≥ 0, default 0
 * @param initialAccumulatorValue ≥ 0, the sum of a fresh state, default 0
 * @param epsilon ε ≥ 0, default 1e-10
 */
public record Adagrad(
        double learningRate, double lrDecay, double weightDecay, double initialAccumulatorValue, double epsilon)
        implements Optimizer {

    public static final String NAME = "adagrad";
    public static final double DEFAULT_LR_DECAY = 0;
    public static final double DEFAULT_WEIGHT_DECAY = 0;
    public static final double DEFAULT_INITIAL_ACCUMULATOR_VALUE = 0;
    public static final double DEFAULT_EPSILON = 1e-10;

    /** @throws InvalidHyperparameterException where torch's constructor raises ValueError */
    public Adagrad {
        requireNonNegative(NAME, "learningRate", learningRate);
        requireNonNegative(NAME, "lrDecay", lrDecay);
        requireNonNegative(NAME, "weightDecay", weightDecay);
        requireNonNegative(NAME, "initialAccumulatorValue", initialAccumulatorValue);
        requireNonNegative(NAME, "epsilon", epsilon);
    }

    /** Adagrad with torch's defaults for everything but the learning rate. */
    public Adagrad(double learningRate) {
        this(learningRate, DEFAULT_LR_DECAY, DEFAULT_WEIGHT_DECAY, DEFAULT_INITIAL_ACCUMULATOR_VALUE, DEFAULT_EPSILON);
    }

    @Override
    public String apiName() {
        return NAME;
    }

    @Override
    public List<OptimizerBuffer> buffers() {
        return List.of(OptimizerBuffer.SUM);
    }

    /** torch fills the sum with the initial accumulator value. */
    @Override
    public ParameterState initialState(int size) {
        ParameterState state = Optimizer.super.initialState(size);
        Arrays.fill(state.buffer(OptimizerBuffer.SUM), initialAccumulatorValue);
        return state;
    }

    @Override
    public void step(double[] theta, double[] gradient, ParameterState state) {
        state.requireSizes(theta, gradient);
        // torch counts t in a float tensor and takes .item(): a double
        double t = state.advance();
        // γ̃ ← γ / (1 + (t − 1) η)
        double decayedRate = learningRate / (1 + (t - 1) * lrDecay);
        double[] sum = state.buffer(OptimizerBuffer.SUM);
        for (int i = 0; i < theta.length; i++) {
            double g = gradient[i];
            if (weightDecay != 0) {
                // g ← g + λ θ
                g = g + weightDecay * theta[i];
            }
            // state_sum ← state_sum + g²   (addcmul with value 1)
            sum[i] = sum[i] + g * g;
            // θ ← θ − γ̃ g / (√state_sum + ε)   (addcdiv)
            theta[i] = theta[i] + -decayedRate * g / (Math.sqrt(sum[i]) + epsilon);
        }
    }
}
