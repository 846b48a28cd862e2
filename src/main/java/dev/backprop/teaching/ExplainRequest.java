package dev.backprop.teaching;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.backprop.backprop.BackpropRequest;
import dev.backprop.backprop.LayerRequest;
import dev.backprop.backprop.RegularizationRequest;
import dev.backprop.train.OptimizerRequest;
import dev.backprop.train.TrainRequest;
import dev.backprop.train.TrainState;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * What /explain explains: a /backprop request, or a /train request of one step (with {@code
 * optimizer}), whose update is then written out too.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
        description = "A /backprop request, or a /train request (with `optimizer`) of one step: then the update of "
                + "one weight of each layer is written out too.",
        additionalProperties = AdditionalPropertiesValue.FALSE)
public record ExplainRequest(
        @Schema(description = "As for /backprop.", requiredMode = RequiredMode.REQUIRED)
        String layout,

        @ArraySchema(
                arraySchema = @Schema(description = "As for /backprop.", requiredMode = RequiredMode.REQUIRED),
                minItems = 1)
        List<LayerRequest> layers,

        @Schema(description = "As for /backprop.", requiredMode = RequiredMode.REQUIRED)
        DMatrixRMaj x,

        @Schema(description = "As for /backprop; required with `optimizer`.")
        DMatrixRMaj y,

        @Schema(description = "As for /backprop.", defaultValue = "half-sse")
        String loss,

        @Schema(
                description = "As for /backprop.",
                allowableValues = {"sum", "mean", "batch-mean"})
        String reduction,

        @Schema(
                description = "As for /backprop.",
                allowableValues = {"logits", "probabilities"})
        String lossInput,

        @Schema(description = "As for /backprop.") RegularizationRequest regularization,

        @Schema(description = "As for /backprop; not with `optimizer`.")
        DMatrixRMaj outputGradient,

        @Schema(description = "As for /train: the step's update is written out.")
        OptimizerRequest optimizer,

        @Schema(
                description = "As for /train; /explain writes out one step, so only 1.",
                defaultValue = "1",
                minimum = "1",
                maximum = "1")
        Integer steps,

        @Schema(description = "As for /train.") TrainState state) {

    BackpropRequest problem() {
        return new BackpropRequest(layout, layers, x, y, loss, reduction, lossInput, regularization, outputGradient);
    }

    TrainRequest training() {
        return new TrainRequest(layout, layers, x, y, loss, reduction, lossInput, regularization, optimizer, 1, state);
    }
}
