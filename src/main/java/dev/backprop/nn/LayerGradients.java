package dev.backprop.nn;

import org.ejml.data.DMatrixRMaj;

/**
 * The forward and backward pass through one layer.
 *
 * @param forward s_k, z_k and the batch-norm terms
 * @param activationGradient ∂L/∂z_k, N×D_k
 * @param outputDelta ∂L/∂u_k, N×D_k (the same matrix as delta without batch normalization)
 * @param delta δ_k = ∂L/∂s_k, N×D_k
 * @param dW ∂L/∂W_k, D_{k-1}×D_k, with the regularization's term
 * @param db ∂L/∂b_k, 1×D_k, or {@code null} when the layer has no bias
 * @param batchNorm ∂L/∂γ and ∂L/∂β, or {@code null} without batch normalization
 */
public record LayerGradients(
        LayerForward forward,
        DMatrixRMaj activationGradient,
        DMatrixRMaj outputDelta,
        DMatrixRMaj delta,
        DMatrixRMaj dW,
        DMatrixRMaj db,
        BatchNormGradients batchNorm) {

    /** s_k. */
    public DMatrixRMaj s() {
        return forward.s();
    }

    /** z_k. */
    public DMatrixRMaj z() {
        return forward.z();
    }
}
