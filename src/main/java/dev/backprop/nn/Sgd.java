package dev.backprop.nn;

import static dev.backprop.nn.InvalidHyperparameterException.requireFinite;
import static dev.backprop.nn.InvalidHyperparameterException.requireNonNegative;

import java.util.EnumSet;
import java.util.List;

/**
 * Stochastic gradient descent with momentum, {@code torch.optim.SGD} (1.13):
 *
 * <pre>
 * g_t ← ∇_θ f_t(θ_{t−1})
 * if λ ≠ 0:  g_t ← g_t + λ θ_{t−1}
 * if μ ≠ 0:
 *     if t > 1:  b_t ← μ b_{t−1} + (1 − τ) g_t
 *     else:      b_t ← g_t
 *     if nesterov:  g_t ← g_t + μ b_t
 *     else:         g_t ← b_t
 * θ_t ← θ_{t−1} − γ g_t
 * </pre>
 *
 * with γ the learning rate, μ the momentum, τ the dampening, λ the weight decay and b the
 * momentum buffer. "t > 1" is torch's "the state holds a momentum buffer": a fresh state gets
 * b_1 = g_1 (a clone), a {@link ParameterState#resume resumed} one, even at t = 0, the formula
 * (so an explicit zero buffer gives b_1 = (1 − τ) g_1).
 *
 * @param learningRate γ ≥ 0 (torch's {@code lr}, required)
 * @param momentum μ ≥ 0, default 0
 * @param dampening τ, default 0
 * @param nesterov Nesterov momentum, default false; needs μ > 0 and τ = 0
 * @param weightDecay λ ≥ 0 (an L2 penalty added to the gradient), default 0
 */
public record Sgd(double learningRate, double momentum, double dampening, boolean nesterov, double weightDecay)
        implements Optimizer {

    public static final String NAME = "sgd";
    public static final double DEFAULT_MOMENTUM = 0;
    public static final double DEFAULT_DAMPENING = 0;
    public static final boolean DEFAULT_NESTEROV = false;
    public static final double DEFAULT_WEIGHT_DECAY = 0;

    /** @throws InvalidHyperparameterException where torch's constructor raises ValueError */
    public Sgd {
        requireNonNegative(NAME, "learningRate", learningRate);
        requireNonNegative(NAME, "momentum", momentum);
        requireFinite(NAME, "dampening", dampening);
        requireNonNegative(NAME, "weightDecay", weightDecay);
        if (nesterov && !(momentum > 0 && dampening == 0)) {
            throw InvalidHyperparameterException.because(
                    NAME,
                    "nesterov",
                    true,
                    "Nesterov momentum needs a momentum > 0 and a dampening of 0 (momentum is " + momentum
                            + ", dampening " + dampening + ")");
        }
    }

    /** Plain gradient descent, θ ← θ − γ g, with torch's defaults for everything else. */
    public Sgd(double learningRate) {
        this(learningRate, DEFAULT_MOMENTUM, DEFAULT_DAMPENING, DEFAULT_NESTEROV, DEFAULT_WEIGHT_DECAY);
    }

    @Override
    public String apiName() {
        return NAME;
    }

    @Override
    public List<OptimizerBuffer> buffers() {
        return momentum != 0 ? List.of(OptimizerBuffer.MOMENTUM_BUFFER) : List.of();
    }

    /** torch has no momentum buffer before the first step: allocated here, held after it. */
    @Override
    public ParameterState initialState(int size) {
        EnumSet<OptimizerBuffer> buffers = EnumSet.noneOf(OptimizerBuffer.class);
        buffers.addAll(buffers());
        return ParameterState.zeros(size, buffers, EnumSet.noneOf(OptimizerBuffer.class));
    }

    @Override
    public void step(double[] theta, double[] gradient, ParameterState state) {
        state.requireSizes(theta, gradient);
        state.advance();
        double[] b = momentum != 0 ? state.buffer(OptimizerBuffer.MOMENTUM_BUFFER) : null;
        boolean clone = b != null && !state.holds(OptimizerBuffer.MOMENTUM_BUFFER);
        for (int i = 0; i < theta.length; i++) {
            double g = gradient[i];
            if (weightDecay != 0) {
                // g ← g + λ θ
                g = g + weightDecay * theta[i];
            }
            if (b != null) {
                if (clone) {
                    // b_1 ← g_1
                    b[i] = g;
                } else {
                    // b_t ← μ b_{t−1} + (1 − τ) g_t
                    b[i] = b[i] * momentum + (1 - dampening) * g;
                }
                // nesterov: g ← g + μ b, else g ← b
                g = nesterov ? g + momentum * b[i] : b[i];
            }
            // θ ← θ − γ g
            theta[i] = theta[i] + -learningRate * g;
        }
        if (clone) {
            state.hold(OptimizerBuffer.MOMENTUM_BUFFER);
        }
    }
}
