package dev.backprop.nn;

import static dev.backprop.nn.InvalidHyperparameterException.requireNonNegative;

import java.util.ArrayList;
import java.util.List;

/**
 * RMSprop, {@code torch.optim.RMSprop} (1.13):
 *
 * <pre>
 * g_t ← ∇_θ f_t(θ_{t−1})
 * if λ ≠ 0:  g_t ← g_t + λ θ_{t−1}
 * v_t ← α v_{t−1} + (1 − α) g_t²
 * ṽ_t ← v_t
 * if centered:  g_t^ave ← α g_{t−1}^ave + (1 − α) g_t;  ṽ_t ← ṽ_t − (g_t^ave)²
 * if μ > 0:  b_t ← μ b_{t−1} + g_t / (√ṽ_t + ε);  θ_t ← θ_{t−1} − γ b_t
 * else:      θ_t ← θ_{t−1} − γ g_t / (√ṽ_t + ε)
 * </pre>
 *
 * v, g^ave and b are the buffers squareAvg, gradAvg (only when centered) and momentumBuffer (only
 * with μ > 0), zero in a fresh state.
 *
 * @param learningRate γ ≥ 0 (torch's {@code lr}, required)
 * @param alpha α ≥ 0, the smoothing constant, default 0.99
 * @param epsilon ε ≥ 0, default 1e-8
 * @param weightDecay λ ≥ 0, default 0
 * @param momentum μ ≥ 0, default 0
 * @param centered normalise by the estimated variance of the gradient, default false
 */
public record RmsProp(
        double learningRate, double alpha, double epsilon, double weightDecay, double momentum, boolean centered)
        implements Optimizer {

    public static final String NAME = "rmsprop";
    public static final double DEFAULT_ALPHA = 0.99;
    public static final double DEFAULT_EPSILON = 1e-8;
    public static final double DEFAULT_WEIGHT_DECAY = 0;
    public static final double DEFAULT_MOMENTUM = 0;
    public static final boolean DEFAULT_CENTERED = false;

    /** @throws InvalidHyperparameterException where torch's constructor raises ValueError */
    public RmsProp {
        requireNonNegative(NAME, "learningRate", learningRate);
        requireNonNegative(NAME, "epsilon", epsilon);
        requireNonNegative(NAME, "momentum", momentum);
        requireNonNegative(NAME, "weightDecay", weightDecay);
        requireNonNegative(NAME, "alpha", alpha);
    }

    /** RMSprop with torch's defaults for everything but the learning rate. */
    public RmsProp(double learningRate) {
        this(learningRate, DEFAULT_ALPHA, DEFAULT_EPSILON, DEFAULT_WEIGHT_DECAY, DEFAULT_MOMENTUM, DEFAULT_CENTERED);
    }

    @Override
    public String apiName() {
        return NAME;
    }

    @Override
    public List<OptimizerBuffer> buffers() {
        List<OptimizerBuffer> buffers = new ArrayList<>(3);
        buffers.add(OptimizerBuffer.SQUARE_AVG);
        if (momentum > 0) {
            buffers.add(OptimizerBuffer.MOMENTUM_BUFFER);
        }
        if (centered) {
            buffers.add(OptimizerBuffer.GRAD_AVG);
        }
        return List.copyOf(buffers);
    }

    @Override
    public void step(double[] theta, double[] gradient, ParameterState state) {
        state.requireSizes(theta, gradient);
        state.advance();
        double[] v = state.buffer(OptimizerBuffer.SQUARE_AVG);
        double[] gAve = centered ? state.buffer(OptimizerBuffer.GRAD_AVG) : null;
        double[] b = momentum > 0 ? state.buffer(OptimizerBuffer.MOMENTUM_BUFFER) : null;
        for (int i = 0; i < theta.length; i++) {
            double g = gradient[i];
            if (weightDecay != 0) {
                // g ← g + λ θ
                g = g + weightDecay * theta[i];
            }
            // v ← α v + (1 − α) g²   (addcmul: (1 − α)·g·g)
            v[i] = v[i] * alpha + (1 - alpha) * g * g;
            double average;
            if (gAve != null) {
                // g^ave ← α g^ave + (1 − α) g
                gAve[i] = gAve[i] * alpha + (1 - alpha) * g;
                // √(v − (g^ave)²)   (addcmul with value −1)
                average = Math.sqrt(v[i] + -gAve[i] * gAve[i]);
            } else {
                average = Math.sqrt(v[i]);
            }
            average = average + epsilon;
            if (b != null) {
                // b ← μ b + g / (√ṽ + ε);  θ ← θ − γ b
                b[i] = b[i] * momentum + g / average;
                theta[i] = theta[i] + -learningRate * b[i];
            } else {
                // θ ← θ − γ g / (√ṽ + ε)   (addcdiv)
                theta[i] = theta[i] + -learningRate * g / average;
            }
        }
    }
}
