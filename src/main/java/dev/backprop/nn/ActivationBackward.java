package dev.backprop.nn;

import org.ejml.data.DMatrixRMaj;

/** One step of the backward pass through an activation: ∂L/∂u_k from g = ∂L/∂f(u_k). */
@FunctionalInterface
public interface ActivationBackward {

    /** ∂L/∂u_k = g ⊙ f′(u_k) (softmax: its Jacobian applied to g), as the engine computes it. */
    ActivationBackward EXACT = (k, f, s, z, g) -> {
        DMatrixRMaj delta = new DMatrixRMaj(s.numRows, s.numCols);
        f.backward(s, z, g, delta);
        return delta;
    };

    /**
     * @param k the layer's index, 0 for layer 1
     * @param f the layer's activation
     * @param s the activation's input u_k (s_k without batch normalization), N×D_k
     * @param z the activation's output f(u_k), before dropout, N×D_k
     * @param g ∂L/∂f(u_k), N×D_k; not modified
     * @return ∂L/∂u_k (δ_k without batch normalization), a new N×D_k matrix
     */
    DMatrixRMaj delta(int k, Activation f, DMatrixRMaj s, DMatrixRMaj z, DMatrixRMaj g);
}
