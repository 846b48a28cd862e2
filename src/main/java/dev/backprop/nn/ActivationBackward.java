package dev.backprop.nn;

import org.ejml.data.DMatrixRMaj;

/** One step of the backward pass through an activation: ∂L/∂u_k from g = ∂L/∂f(u_k). */
@FunctionalInterface
public interface ActivationBackward {

    /** ∂L/∂u_k = g ⊙ f′(u_k) (softmax: its Jacobian applied to g), as the engine computes it. */
    ActivationBackward EXACT = new ActivationBackward() {
        @Override
        public DMatrixRMaj delta(int k, Activation f, DMatrixRMaj s, DMatrixRMaj z, DMatrixRMaj g) {
            DMatrixRMaj delta = new DMatrixRMaj(s.numRows, s.numCols);
            f.backward(s, z, g, delta);
            return delta;
        }

        // straight into the matrix given, without the one the other form returns
        @Override
        public void delta(int k, Activation f, DMatrixRMaj s, DMatrixRMaj z, DMatrixRMaj g, DMatrixRMaj delta) {
            f.backward(s, z, g, delta);
        }
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

    /**
     * {@link #delta(int, Activation, DMatrixRMaj, DMatrixRMaj, DMatrixRMaj)} written into {@code
     * delta}, N×D_k, which may be the same matrix as {@code g}: what a pass into matrices it was
     * given calls.
     */
    default void delta(int k, Activation f, DMatrixRMaj s, DMatrixRMaj z, DMatrixRMaj g, DMatrixRMaj delta) {
        delta.setTo(delta(k, f, s, z, g));
    }
}
