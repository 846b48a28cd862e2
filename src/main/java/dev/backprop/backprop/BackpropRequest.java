package dev.backprop.backprop;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * A network, a minibatch and a layout: the body of {@code /backprop} and {@code /forward}.
 *
 * @param layout dimension-first, sample-first or torch
 * @param layers layer 1 to layer L
 * @param x the inputs, oriented as the layout says
 * @param y the targets, oriented as the layout says; optional for {@code /forward}
 * @param loss the API name of the loss; half-sse when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
        description =
                "A network, a minibatch of N samples and the layout of every matrix in it. Unknown or duplicate properties are rejected.",
        additionalProperties = AdditionalPropertiesValue.FALSE)
public record BackpropRequest(
        @Schema(
                description = "How every matrix of the request and the answer is oriented.",
                requiredMode = RequiredMode.REQUIRED)
        String layout,

        @ArraySchema(
                arraySchema =
                        @Schema(
                                description = "Layer 1 to layer L: `layers[k]` is layer k+1 of the seed's notation, "
                                        + "fed by the layer before it (layer 1 by x).",
                                requiredMode = RequiredMode.REQUIRED),
                minItems = 1)
        List<LayerRequest> layers,

        @Schema(description = "The inputs z_0 = x: N samples of D_0 numbers.", requiredMode = RequiredMode.REQUIRED)
        DMatrixRMaj x,

        @Schema(
                description = "The targets: N samples of D_L numbers, compared with the output z_L by the loss. "
                        + "Required by /backprop; optional for /forward, which then answers without a loss.",
                requiredMode = RequiredMode.REQUIRED)
        DMatrixRMaj y,

        @Schema(description = "The loss L, a scalar over the whole minibatch.", defaultValue = "half-sse")
        String loss) {}
