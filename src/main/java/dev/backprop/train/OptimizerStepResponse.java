package dev.backprop.train;

import dev.backprop.web.MatrixOrVector;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.Map;

/**
 * The parameters after one step, and the state to continue from.
 *
 * @param parameters θ after the step, by name, in the order, kind and shape sent
 * @param state t + 1 and every parameter's buffers after the step
 */
@Schema(description = "The parameters after one step, and the state to send with the next one.")
public record OptimizerStepResponse(
        @Schema(
                description = "θ after the step, by name: the names, kinds and shapes of the request's `parameters`.",
                requiredMode = RequiredMode.REQUIRED)
        Map<String, MatrixOrVector> parameters,

        @Schema(
                description = "The state after the step: send it back as `state` to take the next one.",
                requiredMode = RequiredMode.REQUIRED)
        OptimizerState state) {}
