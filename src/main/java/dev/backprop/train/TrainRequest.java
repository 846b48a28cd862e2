package dev.backprop.train;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * A /backprop request with targets, an optimizer, a number of steps and, optionally, the state
 * of an earlier run to continue.
 *
 * @param optimizer the update rule and its options
 * @param steps the number of steps, at least 1; 1 when absent
 * @param state a previous answer's state, or {@code null} to start as torch.optim does
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
        description = "Gradient descent on the minibatch: a /backprop request with `y` (every option of it holds in "
                + "each step), the optimizer, the number of steps and, to continue a run, its state.",
        additionalProperties = AdditionalPropertiesValue.FALSE)
public record TrainRequest(
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

        @Schema(description = "The targets: N samples of D_L numbers.", requiredMode = RequiredMode.REQUIRED)
        DMatrixRMaj y,

        @Schema(description = "The loss L, as for /backprop.", defaultValue = "half-sse")
        String loss,

        @Schema(
                description = "As for /backprop.",
                allowableValues = {"sum", "mean", "batch-mean"})
        String reduction,

        @Schema(
                description = "As for /backprop.",
                allowableValues = {"logits", "probabilities"})
        String lossInput,

        @Schema(description = "As for /backprop: part of the loss and of every gradient of every step.")
        RegularizationRequest regularization,

        @Schema(description = "The update rule, as torch.optim (1.13) takes it.", requiredMode = RequiredMode.REQUIRED)
        OptimizerRequest optimizer,

        @Schema(
                description =
                        "The number of steps, each the whole minibatch forward and backward then one update of "
                                + "every parameter; at least 1, at most `backprop.limits.compute.max-steps` (the maximum below).",
                defaultValue = "1",
                minimum = "1",
                format = "int32")
        Integer steps,

        @Schema(
                description =
                        "The `state` of an earlier answer, to continue where it stopped; absent: the state "
                                + "torch.optim starts from (SGD's first step with momentum then sets its buffer to the gradient).")
        TrainState state) {

    /** The problem of each step, as /backprop takes it. */
    BackpropRequest problem() {
        return new BackpropRequest(layout, layers, x, y, loss, reduction, lossInput, regularization, null);
    }
}
