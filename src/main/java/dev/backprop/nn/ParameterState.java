package dev.backprop.nn;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * What an {@link Optimizer} keeps for one parameter between steps, as {@code optimizer.state[p]}
 * does: the number of steps taken and the named buffers, each a {@code double[]} as long as the
 * parameter. Mutable: made once per parameter and request, then updated in place by every
 * {@link Optimizer#step} (no allocation per step). Not thread-safe; one request owns it.
 *
 * <p>A buffer may be allocated but not yet <em>held</em>: SGD's momentum buffer before the first
 * step of a fresh state, which torch creates then as a copy of the gradient.
 */
public final class ParameterState {

    private final int size;
    private final EnumMap<OptimizerBuffer, double[]> buffers;
    private final EnumSet<OptimizerBuffer> held;
    private long step;

    private ParameterState(int size, long step, EnumMap<OptimizerBuffer, double[]> buffers, Set<OptimizerBuffer> held) {
        this.size = size;
        this.step = step;
        this.buffers = buffers;
        this.held = held.isEmpty() ? EnumSet.noneOf(OptimizerBuffer.class) : EnumSet.copyOf(held);
    }

    /**
     * The state torch gives a parameter before its first step: step 0, every buffer of
     * {@code optimizer.buffers()} zero (Adagrad's sum filled with its initial accumulator value),
     * SGD's momentum buffer allocated but not held.
     */
    public static ParameterState initial(Optimizer optimizer, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a parameter has at least one number, not " + size);
        }
        return optimizer.initialState(size);
    }

    /**
     * A state to continue from, as a previous step left it: {@code buffers} must hold exactly
     * {@code optimizer.buffers()}, each of {@code size} numbers. The arrays are copied.
     *
     * @param step the steps taken so far, t ≥ 0
     * @throws IllegalArgumentException when a buffer is missing, extra or of another length
     */
    public static ParameterState resume(
            Optimizer optimizer, int size, long step, Map<OptimizerBuffer, double[]> buffers) {
        if (step < 0) {
            throw new IllegalArgumentException("the step count is at least 0, not " + step);
        }
        Set<OptimizerBuffer> needed = EnumSet.noneOf(OptimizerBuffer.class);
        needed.addAll(optimizer.buffers());
        if (!needed.equals(buffers.keySet())) {
            throw new IllegalArgumentException(
                    optimizer.apiName() + " keeps the buffers " + needed + ", not " + buffers.keySet());
        }
        EnumMap<OptimizerBuffer, double[]> copies = new EnumMap<>(OptimizerBuffer.class);
        buffers.forEach((buffer, values) -> {
            if (values.length != size) {
                throw new IllegalArgumentException(
                        buffer.apiName() + " has " + values.length + " numbers, but the parameter has " + size);
            }
            copies.put(buffer, values.clone());
        });
        return new ParameterState(size, step, copies, needed);
    }

    /** A fresh state with every buffer of {@code allocated} zero, those of {@code held} held. */
    static ParameterState zeros(int size, Set<OptimizerBuffer> allocated, Set<OptimizerBuffer> held) {
        EnumMap<OptimizerBuffer, double[]> buffers = new EnumMap<>(OptimizerBuffer.class);
        for (OptimizerBuffer buffer : allocated) {
            buffers.put(buffer, new double[size]);
        }
        return new ParameterState(size, 0, buffers, held);
    }

    /** An independent copy: the same step count, held buffers and values. */
    public ParameterState copy() {
        EnumMap<OptimizerBuffer, double[]> copies = new EnumMap<>(OptimizerBuffer.class);
        buffers.forEach((buffer, values) -> copies.put(buffer, values.clone()));
        return new ParameterState(size, step, copies, held);
    }

    /** The steps taken: t after t calls of {@link Optimizer#step}. */
    public long step() {
        return step;
    }

    /** The numbers of the parameter, and of each buffer. */
    public int size() {
        return size;
    }

    /** Whether the buffer has a value (torch's state has the key, and not {@code None}). */
    public boolean holds(OptimizerBuffer buffer) {
        return held.contains(buffer);
    }

    /** The buffers that have a value, in {@link OptimizerBuffer} order. */
    public Set<OptimizerBuffer> heldBuffers() {
        return Collections.unmodifiableSet(held);
    }

    /**
     * The buffer itself, not a copy: the next step changes it in place.
     *
     * @throws IllegalArgumentException when this state keeps no such buffer
     */
    public double[] buffer(OptimizerBuffer buffer) {
        double[] values = buffers.get(buffer);
        if (values == null) {
            throw new IllegalArgumentException("this state keeps no " + buffer.apiName());
        }
        return values;
    }

    /** Marks a buffer as holding a value, once a step has written it. */
    void hold(OptimizerBuffer buffer) {
        held.add(buffer);
    }

    /** t ← t + 1, at the start of a step as torch counts; the new t. */
    long advance() {
        return ++step;
    }

    /** Checks that a step may combine these arrays with this state. */
    void requireSizes(double[] parameter, double[] gradient) {
        if (parameter.length != size || gradient.length != size) {
            throw new IllegalArgumentException("the parameter has " + parameter.length + " numbers and the gradient "
                    + gradient.length + ", but the state is for " + size);
        }
    }
}
