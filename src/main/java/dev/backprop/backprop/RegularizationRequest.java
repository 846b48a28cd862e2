package dev.backprop.backprop;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue;

/**
 * A penalty on the weights: R = l2·Σ_k ‖W_k‖²_F + l1·Σ_k Σ|W_k|.
 *
 * @param l2 c2 ≥ 0, 0 when absent
 * @param l1 c1 ≥ 0, 0 when absent
 * @param includeBias whether the biases are penalized too; false when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
        description = "R = l2·Σ_k ‖W_k‖²_F + l1·Σ_k Σ|W_k| (over the biases too with `includeBias`; batch-norm γ, β "
                + "never), added to the data loss. Each weight gradient gains 2·l2·W + l1·sign(W), sign(0) = 0; δ_k is "
                + "unchanged. Courses write l2 as reg (CS231n: reg·ΣW²), reg/2 (½·reg·ΣW²), λ/(2m) or λ/(2n).",
        additionalProperties = AdditionalPropertiesValue.FALSE)
public record RegularizationRequest(
        @Schema(description = "c2 ≥ 0, the coefficient of Σ‖W_k‖²_F.", defaultValue = "0", minimum = "0")
        Double l2,

        @Schema(description = "c1 ≥ 0, the coefficient of Σ|W_k|.", defaultValue = "0", minimum = "0")
        Double l1,

        @Schema(description = "Whether the biases are penalized too.", defaultValue = "false")
        Boolean includeBias) {}
