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

    /**
     * Matrices for layer k's backward pass, aliased as the pass writes them: δ_k is ∂L/∂u_k
     * without batch normalization, ∂L/∂f(u_k) is written over ∂L/∂u_k's matrix with dropout.
     *
     * @param forward layer k's forward pass, which the backward pass reads
     * @param activationGradient the matrix that holds ∂L/∂z_k: ∂L/∂y_out for the last layer, else
     *     the matrix layer k + 1's pass writes δ_{k+1}·W_{k+1}ᵀ into
     */
    static LayerGradients newFor(Layer layer, LayerForward forward, DMatrixRMaj activationGradient) {
        int N = activationGradient.numRows;
        int D = layer.units();
        DMatrixRMaj du = new DMatrixRMaj(N, D);
        BatchNormGradients batchNorm = layer.batchNorm() == null
                ? null
                : new BatchNormGradients(new DMatrixRMaj(N, D), new DMatrixRMaj(1, D), new DMatrixRMaj(1, D));
        return new LayerGradients(
                forward,
                activationGradient,
                du,
                batchNorm == null ? du : batchNorm.ds(),
                new DMatrixRMaj(layer.inputs(), D),
                layer.hasBias() ? new DMatrixRMaj(1, D) : null,
                batchNorm);
    }

    /** s_k. */
    public DMatrixRMaj s() {
        return forward.s();
    }

    /** z_k. */
    public DMatrixRMaj z() {
        return forward.z();
    }
}
