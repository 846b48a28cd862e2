package dev.backprop.nn;

import java.util.List;

/**
 * Adam with decoupled weight decay, {@code torch.optim.AdamW} (1.13):
 *
 * <pre>
 * g_t ← ∇_θ f_t(θ_{t−1})
 * θ_t ← θ_{t−1} − γ λ θ_{t−1}
 * m_t ← β_1 m_{t−1} + (1 − β_1) g_t
 * v_t ← β_2 v_{t−1} + (1 − β_2) g_t²
 * m̂_t ← m_t / (1 − β_1^t)
 * v̂_t ← v_t / (1 − β_2^t)
 * if amsgrad:  v̂_t^max ← max(v̂_{t−1}^max, v̂_t);  θ_t ← θ_t − γ m̂_t / (√v̂_t^max + ε)
 * else:        θ_t ← θ_t − γ m̂_t / (√v̂_t + ε)
 * </pre>
 *
 * The decay is θ ← θ·(1 − γλ), applied even when λ = 0 (a product by 1), and never enters the
 * moments; the rest is {@link Adam}'s update, computed in the same order.
 *
 * @param learningRate γ ≥ 0 (torch's {@code lr}, required)
 * @param beta1 β_1 in [0, 1), default 0.9
 * @param beta2 β_2 in [0, 1), default 0.999
 * @param epsilon ε ≥ 0, default 1e-8
 * @param weightDecay λ ≥ 0, default 0.01 (not Adam's 0)
 * @param amsgrad the AMSGrad variant, default false
 */
public record AdamW(
        double learningRate, double beta1, double beta2, double epsilon, double weightDecay, boolean amsgrad)
        implements Optimizer {

    public static final String NAME = "adamw";
    public static final double DEFAULT_WEIGHT_DECAY = 0.01;

    /** @throws InvalidHyperparameterException where torch's constructor raises ValueError */
    public AdamW {
        Adam.checkHyperparameters(NAME, learningRate, beta1, beta2, epsilon, weightDecay);
    }

    /** AdamW with torch's defaults for everything but the learning rate. */
    public AdamW(double learningRate) {
        this(
                learningRate,
                Adam.DEFAULT_BETA1,
                Adam.DEFAULT_BETA2,
                Adam.DEFAULT_EPSILON,
                DEFAULT_WEIGHT_DECAY,
                Adam.DEFAULT_AMSGRAD);
    }

    @Override
    public String apiName() {
        return NAME;
    }

    @Override
    public List<OptimizerBuffer> buffers() {
        return Adam.buffers(amsgrad);
    }

    @Override
    public void step(double[] theta, double[] gradient, ParameterState state) {
        state.requireSizes(theta, gradient);
        long t = state.advance();
        // θ ← θ·(1 − γλ)
        double decay = 1 - learningRate * weightDecay;
        for (int i = 0; i < theta.length; i++) {
            theta[i] = theta[i] * decay;
        }
        Adam.moments(theta, gradient, state, t, learningRate, beta1, beta2, epsilon, 0, amsgrad);
    }
}
