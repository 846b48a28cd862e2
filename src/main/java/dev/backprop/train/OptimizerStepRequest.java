package dev.backprop.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.backprop.web.MatrixOrVector;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.Map;

/**
 * One optimizer step of named parameters by their gradients: the body of
 * {@code /optimizer-step}.
 *
 * @param optimizer the update rule and its hyperparameters
 * @param parameters θ by name, each a matrix or a vector
 * @param gradients ∂L/∂θ, exactly the names, kinds and shapes of {@code parameters}
 * @param state a previous answer's state, to continue from; a fresh state when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
        description = "Parameters, their gradients and an optimizer: one step of torch.optim. Unknown or duplicate "
                + "properties are rejected.",
        additionalProperties = AdditionalPropertiesValue.FALSE)
public record OptimizerStepRequest(
        @Schema(description = "The optimizer and its options.", requiredMode = RequiredMode.REQUIRED)
        OptimizerRequest optimizer,

        @Schema(
                description =
                        "The parameters θ before the step, by any names: each a Matrix or a Vector. At least " + "one.",
                example = "{\"w\": [[1, 2], [3, 4]], \"b\": [0.5, -1]}",
                minProperties = 1,
                requiredMode = RequiredMode.REQUIRED)
        Map<String, MatrixOrVector> parameters,

        @Schema(
                description = "The gradient ∂L/∂θ of each parameter: exactly the names of `parameters`, each the "
                        + "same kind (Matrix or Vector) and shape as its parameter.",
                example = "{\"w\": [[0.1, -0.2], [0.3, 0.4]], \"b\": [1, 0]}",
                requiredMode = RequiredMode.REQUIRED)
        Map<String, MatrixOrVector> gradients,

        @Schema(
                description = "Where to continue from: a previous answer's `state`, or one written by hand (e.g. a "
                        + "zero `momentumBuffer` for the course convention v = 0). Absent: the state torch has "
                        + "before its first step (t = 0; zero buffers, adagrad's `sum` filled with "
                        + "`initialAccumulatorValue`, and no sgd `momentumBuffer`, which the first step sets to "
                        + "the gradient).")
        OptimizerState state) {}
