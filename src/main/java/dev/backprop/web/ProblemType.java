package dev.backprop.web;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * Every kind of problem the API reports, each with a stable {@code type} URI, a title and a
 * status. Clients switch on the URI; the title never changes for a given URI.
 */
public enum ProblemType {
    MALFORMED_JSON("malformed-json", "Malformed JSON", HttpStatus.BAD_REQUEST),
    DUPLICATE_PROPERTY("duplicate-property", "Duplicate property", HttpStatus.BAD_REQUEST),
    MISSING_PROPERTY("missing-property", "Missing property", HttpStatus.BAD_REQUEST),
    UNKNOWN_PROPERTY("unknown-property", "Unknown property", HttpStatus.BAD_REQUEST),
    WRONG_TYPE("wrong-type", "Wrong type", HttpStatus.BAD_REQUEST),
    NON_FINITE_NUMBER("non-finite-number", "Number is not finite", HttpStatus.BAD_REQUEST),
    INVALID_MATRIX("invalid-matrix", "Ragged or empty matrix", HttpStatus.BAD_REQUEST),
    UNKNOWN_NAME("unknown-name", "Unknown layout, activation or loss", HttpStatus.BAD_REQUEST),
    INVALID_VALUE("invalid-value", "Invalid value", HttpStatus.BAD_REQUEST),
    SHAPE_MISMATCH("shape-mismatch", "Shapes do not chain", HttpStatus.BAD_REQUEST),
    INPUT_LIMIT("input-limit", "Input exceeds a parser limit", HttpStatus.BAD_REQUEST),
    PAYLOAD_TOO_LARGE("payload-too-large", "Request body too large", HttpStatus.CONTENT_TOO_LARGE),
    UNAUTHORIZED("unauthorized", "Missing or invalid API key", HttpStatus.UNAUTHORIZED),
    FORBIDDEN("forbidden", "Forbidden", HttpStatus.FORBIDDEN),
    NOT_FOUND("not-found", "Not found", HttpStatus.NOT_FOUND),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", HttpStatus.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", HttpStatus.NOT_ACCEPTABLE),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    NON_FINITE_RESULT("non-finite-result", "Result is not finite", HttpStatus.UNPROCESSABLE_CONTENT),
    OUTPUT_OUT_OF_RANGE("output-out-of-range", "Output outside the loss's domain", HttpStatus.UNPROCESSABLE_CONTENT),
    LIMIT_EXCEEDED("limit-exceeded", "Compute limit exceeded", HttpStatus.UNPROCESSABLE_CONTENT),
    RATE_LIMITED("rate-limited", "Rate limit exceeded", HttpStatus.TOO_MANY_REQUESTS),
    OVERLOADED("overloaded", "Service saturated", HttpStatus.SERVICE_UNAVAILABLE),
    BAD_REQUEST("bad-request", "Bad request", HttpStatus.BAD_REQUEST),
    TIMEOUT("timeout", "Request timeout", HttpStatus.REQUEST_TIMEOUT),
    INTERNAL_ERROR("internal-error", "Internal error", HttpStatus.INTERNAL_SERVER_ERROR);

    /** The prefix of every type URI; a URN, since the types are names, not pages. */
    public static final String URI_PREFIX = "urn:problem-type:backprop:";

    private final URI type;
    private final String title;
    private final HttpStatus status;

    ProblemType(String slug, String title, HttpStatus status) {
        this.type = URI.create(URI_PREFIX + slug);
        this.title = title;
        this.status = status;
    }

    public URI type() {
        return type;
    }

    public String title() {
        return title;
    }

    public HttpStatus status() {
        return status;
    }

    /**
     * The kind of problem an HTTP status stands for when nothing more is known, as when Tomcat or
     * the servlet container rejects a request before the API sees it.
     */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 408 -> TIMEOUT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RATE_LIMITED;
            case 503 -> OVERLOADED;
            default -> status >= 500 ? INTERNAL_ERROR : BAD_REQUEST;
        };
    }
}
