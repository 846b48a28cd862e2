package dev.backprop.nn;

import static dev.backprop.nn.InvalidHyperparameterException.requireBeta;
import static dev.backprop.nn.InvalidHyperparameterException.requireNonNegative;

import java.util.List;

/**
 * Adam, {@code torch.optim.Adam} (1.13):
 *
 * <pre>
 * g_t ← ∇_θ f_t(θ_{t−1})
 * if λ ≠ 0:  g_t ← g_t + λ θ_{t−1}
 * m_t ← β_1 m_{t−1} + (1 − β_1) g_t
 * v_t ← β_2 v_{t−1} + (1 − β_2) g_t²
 * m̂_t ← m_t / (1 − β_1^t)
 * v̂_t ← v_t / (1 − β_2^t)
 * if amsgrad:  v̂_t^max ← max(v̂_{t−1}^max, v̂_t);  θ_t ← θ_{t−1} − γ m̂_t / (√v̂_t^max + ε)
 * else:        θ_t ← θ_{t−1} − γ m̂_t / (√v̂_t + ε)
 * </pre>
 *
 * computed as torch computes it: the step size γ / (1 − β_1^t) and √(1 − β_2^t) as scalars, then
 * θ ← θ + (−step size)·m / (√v / √(1 − β_2^t) + ε), per element (torch keeps the maximum of the
 * uncorrected v_t, which is the same thing). m, v, v^max are the buffers expAvg, expAvgSq,
 * maxExpAvgSq (the last only with amsgrad), zero in a fresh state.
 *
 * @param learningRate γ ≥ 0 (torch's {@code lr}, required)
 * @param beta1 β_1 in [0, 1), default 0.9
 * @param beta2 β_2 in [0, 1), default 0.999
 * @param epsilon ε ≥ 0, default 1e-8
 * @param weightDecay λ ≥ 0 (an L2 penalty added to the gradient), default 0
 * @param amsgrad the AMSGrad variant, default false
 */
public record Adam(double learningRate, double beta1, double beta2, double epsilon, double weightDecay, boolean amsgrad)
        implements Optimizer {

    public static final String NAME = "adam";
    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    public static final double DEFAULT_EPSILON = 1e-8;
    public static final double DEFAULT_WEIGHT_DECAY = 0;
    public static final boolean DEFAULT_AMSGRAD = false;

    /** @throws InvalidHyperparameterException where torch's constructor raises ValueError */
    public Adam {
        checkHyperparameters(NAME, learningRate, beta1, beta2, epsilon, weightDecay);
    }

    /** Adam with torch's defaults for everything but the learning rate. */
    public Adam(double learningRate) {
        this(learningRate, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON, DEFAULT_WEIGHT_DECAY, DEFAULT_AMSGRAD);
    }

    @Override
    public String apiName() {
        return NAME;
    }

    @Override
    public List<OptimizerBuffer> buffers() {
        return buffers(amsgrad);
    }

    @Override
    public void step(double[] theta, double[] gradient, ParameterState state) {
        state.requireSizes(theta, gradient);
        long t = state.advance();
        moments(theta, gradient, state, t, learningRate, beta1, beta2, epsilon, weightDecay, amsgrad);
    }

    static void checkHyperparameters(
            String name, double learningRate, double beta1, double beta2, double epsilon, double weightDecay) {
        requireNonNegative(name, "learningRate", learningRate);
        requireNonNegative(name, "epsilon", epsilon);
        requireBeta(name, "beta1", beta1);
        requireBeta(name, "beta2", beta2);
        requireNonNegative(name, "weightDecay", weightDecay);
    }

    static List<OptimizerBuffer> buffers(boolean amsgrad) {
        return amsgrad
                ? List.of(OptimizerBuffer.EXP_AVG, OptimizerBuffer.EXP_AVG_SQ, OptimizerBuffer.MAX_EXP_AVG_SQ)
                : List.of(OptimizerBuffer.EXP_AVG, OptimizerBuffer.EXP_AVG_SQ);
    }

    /**
     * Adam's update of step t, shared with {@link AdamW} (which decays θ first and passes λ = 0):
     * the moments, then θ, in torch's order.
     */
    static void moments(
            double[] theta,
            double[] gradient,
            ParameterState state,
            long t,
            double learningRate,
            double beta1,
            double beta2,
            double epsilon,
            double weightDecay,
            boolean amsgrad) {
        double[] m = state.buffer(OptimizerBuffer.EXP_AVG);
        double[] v = state.buffer(OptimizerBuffer.EXP_AVG_SQ);
        double[] vMax = amsgrad ? state.buffer(OptimizerBuffer.MAX_EXP_AVG_SQ) : null;
        // torch counts t in a float tensor and takes .item(): a double
        double step = t;
        double biasCorrection1 = 1 - Math.pow(beta1, step);
        double biasCorrection2 = 1 - Math.pow(beta2, step);
        double stepSize = learningRate / biasCorrection1;
        double biasCorrection2Sqrt = Math.sqrt(biasCorrection2);
        for (int i = 0; i < theta.length; i++) {
            double g = gradient[i];
            if (weightDecay != 0) {
                // g ← g + λ θ
                g = g + weightDecay * theta[i];
            }
            // m ← β_1 m + (1 − β_1) g
            m[i] = m[i] * beta1 + (1 - beta1) * g;
            // v ← β_2 v + (1 − β_2) g²   (addcmul: (1 − β_2)·g·g)
            v[i] = v[i] * beta2 + (1 - beta2) * g * g;
            double denominator;
            if (amsgrad) {
                // v^max ← max(v^max, v)
                vMax[i] = Math.max(vMax[i], v[i]);
                denominator = Math.sqrt(vMax[i]) / biasCorrection2Sqrt + epsilon;
            } else {
                denominator = Math.sqrt(v[i]) / biasCorrection2Sqrt + epsilon;
            }
            // θ ← θ − (γ / (1 − β_1^t)) · m / (√v / √(1 − β_2^t) + ε)   (addcdiv)
            theta[i] = theta[i] + -stepSize * m[i] / denominator;
        }
    }
}
