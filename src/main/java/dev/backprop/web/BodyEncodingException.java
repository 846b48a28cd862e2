package dev.backprop.web;

import java.io.EOFException;
import java.io.IOException;

/**
 * Thrown by the request's input stream when a body sent with {@code Content-Encoding: gzip} is not
 * gzip data, or ends before it does: a 400, never a JSON syntax error, since there is no JSON to
 * speak of.
 */
public class BodyEncodingException extends BodyException {

    private final boolean truncated;

    BodyEncodingException(IOException failure) {
        super("request body is not valid gzip data: " + failure.getMessage());
        this.truncated = failure instanceof EOFException;
    }

    @Override
    public Problem problem() {
        return Problem.at(
                ProblemType.BAD_REQUEST,
                "",
                truncated
                        ? "The body ends before its gzip data does (Content-Encoding: gzip): send the whole gzip of "
                                + "the JSON"
                        : "The body is not valid gzip data, but its Content-Encoding is gzip: send the gzip of the "
                                + "JSON, or the JSON itself without a Content-Encoding");
    }
}
