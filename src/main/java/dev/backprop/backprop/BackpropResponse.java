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
 * @param loss L, the total with the regularization; {@code null} when the request gives ∂L/∂y_out
 * @param dataLoss the loss of the output against y, when the request has a regularization and y
 * @param regularizationLoss the regularization's penalty, when the request has one
 * @param output y_out = z_L
 * @param outputGradient ∂L/∂y_out, oriented as δ_L
 * @param inputGradient ∂L/∂x, oriented as δ
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

        @Schema(
                description = "The loss L, a scalar: the data loss plus the regularization's penalty. Absent when the "
                        + "request gives `outputGradient` instead of `y`.")
        Double loss,

        @Schema(description = "The loss of the output against y alone; present when the request has `regularization`.")
        Double dataLoss,

        @Schema(
                description = "The regularization's penalty l2·Σ‖W_k‖²_F + l1·Σ|W_k|; present when the request has "
                        + "`regularization`.")
        Double regularizationLoss,

        @Schema(description = "The output y_out = z_L of the last layer.", requiredMode = RequiredMode.REQUIRED)
        DMatrixRMaj output,

        @Schema(
                description = "∂L/∂y_out: the gradient of the loss with respect to the output, oriented as δ_L "
                        + "(N×D_L; D_L×N in dimension-first-throughout). The one sent when the request gives it.",
                requiredMode = RequiredMode.REQUIRED)
        DMatrixRMaj outputGradient,

        @Schema(
                description = "∂L/∂x = ∂L/∂z_0, oriented as δ (N×D_0; D_0×N in dimension-first-throughout).",
                requiredMode = RequiredMode.REQUIRED)
        DMatrixRMaj inputGradient,

        @Schema(
                description = "Per layer, index-aligned with the request's layers.",
                requiredMode = RequiredMode.REQUIRED)
        List<LayerResponse> layers,

        @ArraySchema(arraySchema = @Schema(description = Warning.LIST_DESCRIPTION))
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<Warning> warnings) {}
