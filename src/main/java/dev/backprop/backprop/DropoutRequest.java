package dev.backprop.backprop;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import org.ejml.data.DMatrixRMaj;

/**
 * Inverted dropout with a given mask.
 *
 * @param mask 0 or 1 per entry, shaped like the layer's activation in the layout
 * @param keepProbability q in (0, 1]
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
        description = "Inverted dropout, as PyTorch's with p = 1 − keepProbability, with the mask given: z_k = "
                + "f_k(·) ⊙ mask / q, and ∂L/∂f_k(·) = ∂L/∂z_k ⊙ mask / q in the backward pass. The answer's "
                + "`activation` is z_k after dropout.",
        additionalProperties = AdditionalPropertiesValue.FALSE)
public record DropoutRequest(
        @Schema(
                description = "1 keeps a unit of a sample, 0 drops it; shaped like the layer's activation.",
                requiredMode = RequiredMode.REQUIRED)
        DMatrixRMaj mask,

        @Schema(
                description = "q, the probability of keeping a unit, in (0, 1].",
                requiredMode = RequiredMode.REQUIRED,
                minimum = "0",
                exclusiveMinimum = true,
                maximum = "1")
        Double keepProbability) {}
