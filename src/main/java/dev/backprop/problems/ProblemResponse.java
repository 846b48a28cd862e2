package dev.backprop.problems;

import dev.backprop.backprop.BackpropRequest;
import dev.backprop.backprop.BackpropResponse;
import dev.backprop.train.TrainRequest;
import dev.backprop.train.TrainResponse;
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
                                + "/explain or /grade; with `optimizer`, a /train request of one step.",
                oneOf = {BackpropRequest.class, TrainRequest.class},
                requiredMode = RequiredMode.REQUIRED)
        Object problem,

        @Schema(
                description = "The solution: the /backprop answer to the problem, or the /train answer to a /train "
                        + "problem.",
                oneOf = {BackpropResponse.class, TrainResponse.class},
                requiredMode = RequiredMode.REQUIRED)
        Object solution) {}
