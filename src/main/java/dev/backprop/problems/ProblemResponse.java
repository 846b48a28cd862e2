package dev.backprop.problems;

import dev.backprop.backprop.BackpropRequest;
import dev.backprop.backprop.BackpropResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * A generated problem and its answer.
 *
 * @param problem a /backprop request
 * @param solution its /backprop response
 */
@Schema(description = "A generated problem and its solution.")
public record ProblemResponse(
        @Schema(
                description =
                        "The problem: a /backprop request with small integers, to hand out or to send to /backprop, "
                                + "/explain or /grade.",
                requiredMode = RequiredMode.REQUIRED)
        BackpropRequest problem,

        @Schema(
                description = "The solution: the /backprop answer to the problem.",
                requiredMode = RequiredMode.REQUIRED)
        BackpropResponse solution) {}
