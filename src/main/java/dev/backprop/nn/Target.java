package dev.backprop.nn;

import org.ejml.data.DMatrixRMaj;

/** Where the backward pass starts: targets and a loss, or a given upstream gradient ∂L/∂y_out. */
public sealed interface Target {

    /**
     * Targets compared with y_out by a loss.
     *
     * @param y N×D_L
     * @param loss the loss and its conventions
     */
    record Labels(DMatrixRMaj y, LossFunction loss) implements Target {}

    /**
     * A layer test's "dout": the backward pass starts from it, as if L = Σ dLdyOut ⊙ y_out.
     *
     * @param dLdyOut ∂L/∂y_out, N×D_L
     */
    record UpstreamGradient(DMatrixRMaj dLdyOut) implements Target {}
}
