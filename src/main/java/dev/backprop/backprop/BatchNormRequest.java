package dev.backprop.backprop;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.backprop.nn.BatchNorm;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * Batch normalization of one layer.
 *
 * @param gamma γ, D_k numbers
 * @param beta β, D_k numbers
 * @param epsilon ε &gt; 0; 1e-5 when absent
 * @param runningMean the running mean, D_k numbers, or {@code null}
 * @param runningVariance the running variance, D_k numbers, or {@code null}
 * @param momentum in [0, 1]; 0.1 when absent
 * @param mode train (default) or eval
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
        description = "Batch normalization between s_k (after the bias) and f_k, as `F.batch_norm` and "
                + "`nn.BatchNorm1d`: ŝ = (s_k − μ)/√(σ² + ε), u = γ ⊙ ŝ + β, z_k = f_k(u). In `train` mode μ and σ² "
                + "are the mean and the biased variance of s_k over the N ≥ 2 samples; in `eval` mode the running "
                + "statistics (then required), for any N.",
        additionalProperties = AdditionalPropertiesValue.FALSE)
public record BatchNormRequest(
        @Schema(description = "γ: D_k numbers.", requiredMode = RequiredMode.REQUIRED)
        double[] gamma,

        @Schema(description = "β: D_k numbers.", requiredMode = RequiredMode.REQUIRED)
        double[] beta,

        @Schema(
                description = "ε > 0, added to the variance.",
                defaultValue = "" + BatchNorm.DEFAULT_EPSILON,
                minimum = "0",
                exclusiveMinimum = true)
        Double epsilon,

        @Schema(
                description = "The running mean, D_k numbers; with `runningVariance` (both or neither). In `train` "
                        + "mode the answer has it updated: (1 − momentum)·runningMean + momentum·μ.")
        double[] runningMean,

        @Schema(
                description = "The running variance, D_k numbers; with `runningMean`. In `train` mode the answer has "
                        + "it updated with the unbiased variance, as PyTorch: (1 − momentum)·runningVariance + "
                        + "momentum·σ²·N/(N − 1).")
        double[] runningVariance,

        @Schema(
                description = "The weight of this batch in the running statistics' update, in [0, 1].",
                defaultValue = "" + BatchNorm.DEFAULT_MOMENTUM,
                minimum = "0",
                maximum = "1")
        Double momentum,

        @Schema(
                description = "`train` normalizes with the batch's statistics, `eval` with the running ones.",
                allowableValues = {"train", "eval"},
                defaultValue = "train")
        String mode) {}
