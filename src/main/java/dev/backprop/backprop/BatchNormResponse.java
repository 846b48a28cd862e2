package dev.backprop.backprop;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import org.ejml.data.DMatrixRMaj;

/**
 * Batch normalization's terms of one layer, oriented as the request's layout says.
 *
 * @param mean μ
 * @param variance σ² (biased), or the running variance in eval mode
 * @param normalized ŝ, oriented as s_k
 * @param output u = γ ⊙ ŝ + β, oriented as s_k
 * @param outputDelta ∂L/∂u, oriented as δ_k; absent from /forward
 * @param gammaGradient ∂L/∂γ; absent from /forward
 * @param betaGradient ∂L/∂β; absent from /forward
 * @param runningMean the updated running mean, in train mode when the request gives one
 * @param runningVariance the updated running variance, likewise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Batch normalization's terms of layer k.")
public record BatchNormResponse(
        @Schema(
                description = "μ: the batch's mean of s_k per unit, or the running mean in `eval` mode.",
                requiredMode = RequiredMode.REQUIRED)
        double[] mean,

        @Schema(
                description =
                        "σ²: the batch's biased variance of s_k per unit, or the running variance in `eval` mode.",
                requiredMode = RequiredMode.REQUIRED)
        double[] variance,

        @Schema(description = "ŝ = (s_k − μ)/√(σ² + ε).", requiredMode = RequiredMode.REQUIRED)
        DMatrixRMaj normalized,

        @Schema(description = "u = γ ⊙ ŝ + β, the input of f_k.", requiredMode = RequiredMode.REQUIRED)
        DMatrixRMaj output,

        @Schema(description = "∂L/∂u. /backprop only.") DMatrixRMaj outputDelta,

        @Schema(description = "∂L/∂γ = Σ_n ∂L/∂u ⊙ ŝ. /backprop only.")
        double[] gammaGradient,

        @Schema(description = "∂L/∂β = Σ_n ∂L/∂u. /backprop only.")
        double[] betaGradient,

        @Schema(
                description = "The running mean after this batch: (1 − momentum)·runningMean + momentum·μ; in `train` "
                        + "mode when the request gives running statistics.")
        double[] runningMean,

        @Schema(
                description = "The running variance after this batch, updated with the unbiased variance "
                        + "σ²·N/(N − 1), as PyTorch; in `train` mode when the request gives running statistics.")
        double[] runningVariance) {}
