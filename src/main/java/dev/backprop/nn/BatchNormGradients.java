package dev.backprop.nn;

import org.ejml.data.DMatrixRMaj;

/**
 * Batch normalization's backward pass through one layer.
 *
 * @param ds ∂L/∂s, N×D_k
 * @param dGamma ∂L/∂γ, 1×D_k
 * @param dBeta ∂L/∂β, 1×D_k
 */
public record BatchNormGradients(DMatrixRMaj ds, DMatrixRMaj dGamma, DMatrixRMaj dBeta) {}
