package dev.backprop.teaching;

import dev.backprop.backprop.BackpropRequest;
import dev.backprop.backprop.LayerRequest;
import dev.backprop.backprop.RegularizationRequest;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * A /backprop request and the step of the finite differences.
 *
 * @param epsilon the step ε of the central differences; 1e-6 when absent
 */
@Schema(
        description = "A /backprop request with, optionally, the step ε of the finite differences.",
        additionalProperties = AdditionalPropertiesValue.FALSE)
public record GradientCheckRequest(
        @Schema(
                description = "How every matrix of the request and the answer is oriented.",
                requiredMode = RequiredMode.REQUIRED)
        String layout,

        @ArraySchema(
                arraySchema =
                        @Schema(
                                description = "Layer 1 to layer L, as for /backprop.",
                                requiredMode = RequiredMode.REQUIRED),
                minItems = 1)
        List<LayerRequest> layers,

        @Schema(description = "The inputs z_0 = x: N samples of D_0 numbers.", requiredMode = RequiredMode.REQUIRED)
        DMatrixRMaj x,

        @Schema(description = "The targets: N samples of D_L numbers; or give `outputGradient` instead.")
        DMatrixRMaj y,

        @Schema(description = "The loss L whose gradient is checked.", defaultValue = "half-sse")
        String loss,

        @Schema(
                description = "As for /backprop.",
                allowableValues = {"sum", "mean", "batch-mean"})
        String reduction,

        @Schema(
                description = "As for /backprop.",
                allowableValues = {"logits", "probabilities"})
        String lossInput,

        @Schema(description = "As for /backprop: the checked loss includes the penalty.")
        RegularizationRequest regularization,

        @Schema(description = "As for /backprop: the checked L is Σ outputGradient ⊙ y_out (+ the penalty).")
        DMatrixRMaj outputGradient,

        @Schema(
                description =
                        "The step ε of the central differences, in (0, 1]. Too large a step measures curvature, too small "
                                + "a one rounding error; 1e-6 suits float64.",
                defaultValue = "" + GradientCheckService.DEFAULT_EPSILON,
                minimum = "0",
                exclusiveMinimum = true,
                maximum = "1")
        Double epsilon) {

    BackpropRequest problem() {
        return new BackpropRequest(layout, layers, x, y, loss, reduction, lossInput, regularization, outputGradient);
    }
}
