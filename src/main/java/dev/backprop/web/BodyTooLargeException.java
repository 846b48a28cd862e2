package dev.backprop.web;

import java.io.IOException;

/**
 * Thrown by the request's input stream as soon as the body passes the limit. An
 * {@link IOException}, so that whoever is reading (Jackson, most often) stops and passes it on;
 * {@link ProblemHandler} and {@link ProblemErrorController} find it among the causes and answer 413.
 */
public class BodyTooLargeException extends IOException {

    private final long limit;

    BodyTooLargeException(long limit) {
        super("request body larger than " + limit + " bytes", null);
        this.limit = limit;
    }

    public long limit() {
        return limit;
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

    /** The client-facing detail of a body past the limit. */
    static String detail(long limit) {
        return "The request body is larger than the limit of " + limit + " bytes (backprop.limits.max-body-size)";
    }
}
