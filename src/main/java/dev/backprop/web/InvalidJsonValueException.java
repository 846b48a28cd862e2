package dev.backprop.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON value that has the right syntax but cannot be a matrix or vector: a string, a
 * non-finite number, a ragged or empty row. Jackson prepends the path to the offending value as
 * the exception leaves each enclosing object and array.
 */
public class InvalidJsonValueException extends MismatchedInputException {

    private final ProblemType problemType;

    InvalidJsonValueException(JsonParser parser, ProblemType problemType, String message) {
        super(parser, message);
        this.problemType = problemType;
    }

    public ProblemType problemType() {
        return problemType;
    }
}
