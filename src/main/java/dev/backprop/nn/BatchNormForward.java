package dev.backprop.nn;

import org.ejml.data.DMatrixRMaj;

/**
 * Batch normalization's forward pass through one layer.
 *
 * @param mean μ, 1×D_k: the batch's, or the running mean in eval mode
 * @param variance σ², 1×D_k: the batch's biased variance, or the running variance in eval mode
 * @param invStd 1/√(σ² + ε), 1×D_k
 * @param normalized ŝ, N×D_k
 * @param output u = γ ⊙ ŝ + β, N×D_k
 * @param runningMean the updated running mean (training mode with running statistics), else {@code null}
 * @param runningVariance the updated running variance, likewise
 */
public record BatchNormForward(
        DMatrixRMaj mean,
        DMatrixRMaj variance,
        DMatrixRMaj invStd,
        DMatrixRMaj normalized,
        DMatrixRMaj output,
        DMatrixRMaj runningMean,
        DMatrixRMaj runningVariance) {}
