package dev.backprop.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem as this service answers it, with its fields in the RFC's order. Every
 * problem+json body is one of these, written by {@link ProblemWriter}; a /backprop/batch result
 * holds one as its body.
 *
 * @param type the stable URI of the kind of problem, {@link ProblemType#type()}
 * @param title the kind's title, the same for every problem of one type
 * @param status the HTTP status, the type's own but for a problem known only by its status
 * @param detail what went wrong with this request, written for a person
 * @param instance the path of the request, when there is one to name
 * @param errors for invalid input, each thing wrong with its JSON pointer
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "errors"})
public record Problem(URI type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** A problem of a type, with the type's status. */
    public static Problem of(ProblemType type, String detail, List<FieldError> errors) {
        return new Problem(type.type(), type.title(), type.status().value(), detail, null, errors);
    }

    /** A problem with one error at one pointer, its detail also the problem's detail. */
    public static Problem at(ProblemType type, String pointer, String detail) {
        return of(type, detail, List.of(new FieldError(pointer, detail)));
    }

    /**
     * The problem an HTTP status stands for when nothing more is known, as when Tomcat or the
     * servlet container refuses a request before the API sees it: it tells no more than the status.
     */
    public static Problem forStatus(int status) {
        ProblemType type = ProblemType.forStatus(status);
        return new Problem(type.type(), type.title(), status, defaultDetail(status), null, List.of());
    }

    /** The same problem, about the request at this path. */
    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, errors);
    }

    private static String defaultDetail(int status) {
        return switch (status) {
            case 400 -> "The request is malformed: the HTTP request line, a header or the URL could not be read";
            case 401 -> "This endpoint needs a valid API key in the X-API-Key header";
            case 403 -> "This request is not allowed";
            case 404 -> "There is no resource at this path; the API is under /api/v1";
            case 405 -> "This method is not allowed on this path";
            case 408 -> "The request took too long to arrive";
            case 413 -> "The request is too large";
            case 414 -> "The URL is too long";
            case 431 -> "The request headers are too large";
            case 503 -> "The service is unavailable; retry shortly";
            default ->
                status >= 500
                        ? "The service failed to answer this request; it has been logged."
                        : "The request was refused";
        };
    }
}
