package dev.backprop.backprop;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * The forward and backward pass, oriented as the request's layout says.
 *
 * @param layout the layout of every matrix below
 * @param loss L
 * @param output y_out = z_L
 * @param outputGradient ∂L/∂y_out, N×D_L in every layout
 * @param layers per layer: s, z, δ, ∂L/∂W and ∂L/∂b
 * @param warnings where a convention decided the answer; omitted when empty
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "The forward and the backward pass, every matrix oriented as the request's layout says.")
public record BackpropResponse(
        @Schema(
                description = "The layout of the request, which orients every matrix below.",
                requiredMode = RequiredMode.REQUIRED)
        String layout,

        @Schema(description = "The loss L, a scalar.", requiredMode = RequiredMode.REQUIRED)
        double loss,

        @Schema(description = "The output y_out = z_L of the last layer.", requiredMode = RequiredMode.REQUIRED)
        DMatrixRMaj output,

        @Schema(
                description =
                        "∂L/∂y_out: the gradient of the loss with respect to the output (the seed: ∂L/∂y_out ∈ R^{N×1}).",
                requiredMode = RequiredMode.REQUIRED)
        DMatrixRMaj outputGradient,

        @Schema(
                description = "Per layer, index-aligned with the request's layers.",
                requiredMode = RequiredMode.REQUIRED)
        List<LayerResponse> layers,

        @ArraySchema(arraySchema = @Schema(description = Warning.LIST_DESCRIPTION))
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<Warning> warnings) {}
