package dev.backprop.train;

import dev.backprop.web.MatrixOrVector;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.Map;

/**
 * An optimizer's state: the steps taken and, per parameter, its buffers by name. An answer's
 * state, sent back, continues where it left off.
 *
 * @param step t, the steps taken
 * @param parameters per parameter name, its buffers by name, each shaped like the parameter
 */
@Schema(
        name = "OptimizerState",
        description = "The state torch.optim keeps between steps: the step count t and, per parameter, its buffers, "
                + "each the kind and shape of the parameter. Which buffers exist depends on the optimizer and its "
                + "options: sgd `momentumBuffer` (momentum ≠ 0); adam and adamw `expAvg`, `expAvgSq`, and "
                + "`maxExpAvgSq` with amsgrad; rmsprop `squareAvg`, `momentumBuffer` (momentum > 0), `gradAvg` "
                + "(centered); adagrad `sum`. A state sent must hold exactly those, for exactly the parameters "
                + "sent.",
        additionalProperties = AdditionalPropertiesValue.FALSE)
public record OptimizerState(
        @Schema(
                description = "t, the steps taken: 0 before the first. adam, adamw and adagrad use it (bias "
                        + "correction, learning-rate decay); the answer's is t + 1, at most 2^53, where a double "
                        + "still counts every step: so a request's is at most 2^53 − 1.",
                minimum = "0",
                maximum = "" + TrainService.MAX_STEP,
                requiredMode = RequiredMode.REQUIRED)
        Long step,

        @Schema(
                description = "Per parameter name, its buffers by name: `{\"w\": {\"momentumBuffer\": [[0, 0]]}}`; "
                        + "`{}` for an optimizer that keeps none (sgd without momentum).",
                example = "{\"w\": {\"momentumBuffer\": [[0, 0], [0, 0]]}, \"b\": {\"momentumBuffer\": [0, 0]}}",
                requiredMode = RequiredMode.REQUIRED)
        Map<String, Map<String, MatrixOrVector>> parameters) {}
