package dev.backprop.web;

import java.io.IOException;

/**
 * The request body could not be read as sent, before any JSON: it is larger than its limit, or it
 * is not what its {@code Content-Encoding} says. Thrown by the body's input stream, an {@link
 * IOException} so that whoever is reading (Jackson, most often) stops and passes it on; {@link
 * ProblemHandler} and {@link ProblemErrorController} find it among the causes and answer with its
 * {@link #problem()}.
 */
public abstract class BodyException extends IOException {

    BodyException(String message) {
        super(message, null);
    }

    /** The problem the request is answered with. */
    public abstract Problem problem();

    /** The body exception among the causes of a failure, or {@code null}. */
    static BodyException findIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyException body) {
                return body;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
