package dev.backprop.nn;

import org.ejml.data.DMatrixRMaj;

/** One step of the backward pass through an activation: δ_k from g = ∂L/∂z_k. */
@FunctionalInterface
public interface ActivationBackward {

    /** δ_k = g ⊙ f′(s_k) (softmax: its Jacobian applied to g), as the engine computes it. */
    ActivationBackward EXACT = (k, f, s, z, g) -> {
        DMatrixRMaj delta = new DMatrixRMaj(s.numRows, s.numCols);
        f.backward(s, z, g, delta);
        return delta;
    };

    /**
     * @param k the layer's index, 0 for layer 1
     * @param f the layer's activation
     * @param s s_k, N×D_k
     * @param z z_k = f(s_k), N×D_k
     * @param g ∂L/∂z_k, N×D_k; not modified
     * @return δ_k, a new N×D_k matrix
     */
    DMatrixRMaj delta(int k, Activation f, DMatrixRMaj s, DMatrixRMaj z, DMatrixRMaj g);
}
