package dev.backprop.nn;

import java.util.EnumSet;
import java.util.List;

/**
 * An update rule of {@code torch.optim} (1.13, the single-tensor path, float64), reproduced
 * operation by operation in torch's floating-point order. An implementation is an immutable
 * configuration (its hyperparameters); what changes from step to step is in a
 * {@link ParameterState}, one per parameter.
 *
 * <p>A training loop makes the states once, then steps each parameter by its gradient:
 *
 * <pre>{@code
 * ParameterState state = ParameterState.initial(optimizer, W.length);
 * for (int t = 0; t < steps; t++) {
 *     ... compute dW for W ...
 *     optimizer.step(W, dW, state);
 * }
 * }</pre>
 */
public sealed interface Optimizer permits Sgd, Adam, AdamW, RmsProp, Adagrad {

    /** The API names of the optimizers, in the order the API lists them. */
    List<String> NAMES = List.of(Sgd.NAME, Adam.NAME, AdamW.NAME, RmsProp.NAME, Adagrad.NAME);

    /** The name used in the public API, e.g. {@code adamw}. */
    String apiName();

    /** The learning rate η (torch's {@code lr}). */
    double learningRate();

    /** The buffers this configuration keeps per parameter after a step, as torch keeps them. */
    List<OptimizerBuffer> buffers();

    /**
     * One update, as {@code optimizer.step()} with {@code p.grad = gradient}: changes
     * {@code parameter} and the buffers of {@code state} in place and advances its step count.
     * Reads {@code gradient} and never changes it. Allocates nothing.
     *
     * @param parameter θ, any shape, row-major; overwritten with θ after the step
     * @param gradient g = ∂L/∂θ, the same length
     * @param state this parameter's state, made by {@link ParameterState#initial} or
     *     {@link ParameterState#resume} for this optimizer
     */
    void step(double[] parameter, double[] gradient, ParameterState state);

    /** torch's state before the first step; {@link ParameterState#initial} is the public door. */
    default ParameterState initialState(int size) {
        EnumSet<OptimizerBuffer> buffers = EnumSet.noneOf(OptimizerBuffer.class);
        buffers.addAll(buffers());
        return ParameterState.zeros(size, buffers, buffers);
    }
}
