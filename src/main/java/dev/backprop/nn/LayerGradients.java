package dev.backprop.nn;

import org.ejml.data.DMatrixRMaj;

/**
 * The backward pass through one layer.
 *
 * @param s the pre-activation s_k, N×D_k
 * @param z the activation z_k, N×D_k
 * @param delta δ_k = ∂L/∂s_k, N×D_k
 * @param dW ∂L/∂W_k, D_{k-1}×D_k
 * @param db ∂L/∂b_k, 1×D_k, or {@code null} when the layer has no bias
 */
public record LayerGradients(DMatrixRMaj s, DMatrixRMaj z, DMatrixRMaj delta, DMatrixRMaj dW, DMatrixRMaj db) {}
