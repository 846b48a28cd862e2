package dev.backprop.teaching;

import dev.backprop.backprop.BackpropResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;

/**
 * The answers of a batch, index-aligned with its problems.
 *
 * @param results one per problem
 */
@Schema(description = "The answers of a batch.")
public record BatchResponse(
        @Schema(
                description = "One result per problem, index-aligned with the request's problems.",
                requiredMode = RequiredMode.REQUIRED)
        List<Result> results) {

    /**
     * @param status the status /backprop would have answered this problem with
     * @param body its /backprop response, or its problem details
     */
    @Schema(name = "BatchResult", description = "What /backprop would have answered one problem.")
    public record Result(
            @Schema(
                    description =
                            "The HTTP status /backprop would have answered this problem with: 200, or the status of its "
                                    + "problem (400, 422, ...).",
                    requiredMode = RequiredMode.REQUIRED,
                    example = "200")
            int status,

            @Schema(
                    description =
                            "For status 200 the /backprop response; otherwise the problem details /backprop would have "
                                    + "answered, with `errors` whose pointers point into this problem.",
                    oneOf = {BackpropResponse.class, dev.backprop.web.Problem.class},
                    requiredMode = RequiredMode.REQUIRED)
            Object body) {}
}
