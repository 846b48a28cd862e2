package dev.backprop.backprop;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * The forward pass, oriented as the request's layout says.
 *
 * @param layout the layout of every matrix below
 * @param loss L, present when the request gave y
 * @param dataLoss the loss without the penalty, with y and a regularization
 * @param regularizationLoss the penalty, with y and a regularization
 * @param output y_out = z_L
 * @param layers per layer: s and z
 * @param warnings where a convention decided the answer; omitted when empty
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "The forward pass, every matrix oriented as the request's layout says.")
public record ForwardResponse(
        @Schema(
                description = "The layout of the request, which orients every matrix below.",
                requiredMode = RequiredMode.REQUIRED)
        String layout,

        @Schema(
                description = "The loss L, a scalar (with the regularization's penalty): present exactly when the "
                        + "request gave y.")
        Double loss,

        @Schema(description = "The loss of the output against y alone; with y and `regularization`.")
        Double dataLoss,

        @Schema(description = "The regularization's penalty; with y and `regularization`.")
        Double regularizationLoss,

        @Schema(description = "The output y_out = z_L of the last layer.", requiredMode = RequiredMode.REQUIRED)
        DMatrixRMaj output,

        @Schema(
                description = "Per layer, index-aligned with the request's layers: preActivation and activation only.",
                requiredMode = RequiredMode.REQUIRED)
        List<LayerResponse> layers,

        @ArraySchema(arraySchema = @Schema(description = Warning.LIST_DESCRIPTION))
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<Warning> warnings) {}
