package dev.backprop.web;

import java.io.IOException;

/**
 * Thrown by the request's input stream as soon as the body passes its limit. An
 * {@link IOException}, so that whoever is reading (Jackson, most often) stops and passes it on;
 * {@link ProblemHandler} and {@link ProblemErrorController} find it among the causes and answer
 * with its {@link #problem()}, which names the limit that fired.
 */
public class BodyTooLargeException extends IOException {

    private final transient BodySizeLimitFilter.Limit limit;

    BodyTooLargeException(BodySizeLimitFilter.Limit limit) {
        super("request body larger than " + limit.bytes() + " bytes (" + limit.property() + ")", null);
        this.limit = limit;
    }

    /** The 413 problem: the limit in bytes and the property that sets it. */
    public Problem problem() {
        return Problem.at(
                ProblemType.PAYLOAD_TOO_LARGE,
                "",
                "The request body is larger than the limit of " + limit.bytes() + " bytes (" + limit.property() + ")");
    }

    /** The body-size exception among the causes of a failure, or {@code null}. */
    static BodyTooLargeException findIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLargeException tooLarge) {
                return tooLarge;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
