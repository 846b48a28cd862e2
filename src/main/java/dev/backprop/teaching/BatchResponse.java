package dev.backprop.teaching;

import java.util.List;

/**
 * The answers of a batch, index-aligned with its problems.
 *
 * @param results one per problem
 */
public record BatchResponse(List<Result> results) {

    /**
     * @param status the status /backprop would have answered this problem with
     * @param body its /backprop response, or its problem details
     */
    public record Result(int status, Object body) {}
}
