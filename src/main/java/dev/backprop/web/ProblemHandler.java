package dev.backprop.web;

import dev.backprop.limits.OverloadedException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.ejml.data.DMatrixRMaj;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure into an RFC 9457 problem: a stable {@code type}, a {@code title}, the
 * {@code status}, a {@code detail} for a person and, for invalid input, {@code errors} with JSON
 * pointers. No stack trace, class name or internal message reaches the client. The body is
 * written by {@link ProblemWriter}, like every other problem the service answers.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private static final Map<Class<? extends Exception>, ProblemType> FRAMEWORK_TYPES = Map.of(
            HttpRequestMethodNotSupportedException.class, ProblemType.METHOD_NOT_ALLOWED,
            HttpMediaTypeNotSupportedException.class, ProblemType.UNSUPPORTED_MEDIA_TYPE,
            HttpMediaTypeNotAcceptableException.class, ProblemType.NOT_ACCEPTABLE,
            NoResourceFoundException.class, ProblemType.NOT_FOUND,
            NoHandlerFoundException.class, ProblemType.NOT_FOUND);

    private final ProblemWriter problems;

    public ProblemHandler(ProblemWriter problems) {
        this.problems = problems;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handle(Exception exception, HttpServletRequest request) {
        HttpHeaders headers = new HttpHeaders();
        if (exception instanceof OverloadedException overloaded) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(overloaded.retryAfterSeconds()));
        }
        return problems.entity(problemFor(exception).withInstance(request.getRequestURI()), headers);
    }

    /**
     * The problem a request would be answered with had it failed with this exception: for a
     * feature that answers several requests in one (the batch) and must describe each failure
     * exactly as the single endpoint would. Handles {@link ApiException}, a body past its limit or
     * not in its encoding, Jackson's exceptions from reading a value, and anything else as an
     * internal error (logged, never shown).
     */
    public static Problem problemFor(Exception exception) {
        if (exception instanceof ApiException api) {
            return Problem.of(api.type(), api.getMessage(), api.errors());
        }
        BodyException body = BodyException.findIn(exception);
        if (body != null) {
            return body.problem();
        }
        if (exception instanceof HttpMessageNotReadableException unreadable) {
            return describe(unreadable.getCause());
        }
        if (exception instanceof JacksonException jackson) {
            return describe(jackson);
        }
        log.error("Unexpected failure", exception);
        return Problem.of(
                ProblemType.INTERNAL_ERROR,
                "The service failed to answer this request; it has been logged.",
                List.of());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException exception, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problems.entity(problemFor(exception).withInstance(path(request)), new HttpHeaders());
    }

    /**
     * A 406 in this service's words: what the endpoint answers, and the Accept header that refuses
     * all of it (a media type it does not name, or one it gives the quality 0, see {@link
     * AcceptQualities}).
     */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(
            HttpMediaTypeNotAcceptableException exception,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        String answered = exception.getSupportedMediaTypes().stream()
                .map(MediaType::toString)
                .distinct()
                .collect(Collectors.joining(", "));
        return notAcceptable(
                request,
                "accepts none of what this endpoint answers: " + (answered.isEmpty() ? "nothing" : answered),
                headers);
    }

    /**
     * With no cause, Spring MVC found no converter for the representation it chose by the {@code
     * Accept} header (a charset no converter writes, {@code application/json;charset=ISO-8859-1}
     * on the actuator's endpoints): the client asked for what the endpoint cannot answer, a 406,
     * not the service's failure. With a cause, the answer could not be written: a 500.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotWritable(
            HttpMessageNotWritableException exception, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (exception.getCause() != null) {
            return super.handleHttpMessageNotWritable(exception, headers, status, request);
        }
        return notAcceptable(
                request,
                "asks for a representation this endpoint cannot write: it writes JSON in UTF-8, and"
                        + " application/json in UTF-16 or UTF-32 on request",
                new HttpHeaders());
    }

    /** A 406 whose detail quotes the request's Accept header, then says why it is refused. */
    private ResponseEntity<Object> notAcceptable(WebRequest request, String why, HttpHeaders headers) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        String detail = "The Accept header" + (accept == null ? "" : " (" + shortened(accept) + ")") + " " + why;
        Problem problem =
                Problem.of(ProblemType.NOT_ACCEPTABLE, detail, List.of()).withInstance(path(request));
        return problems.entity(problem, headers);
    }

    /**
     * Spring MVC's own refusals (a wrong method, media type or path): its detail, with this
     * service's type and title, and its headers ({@code Allow}, {@code Accept}).
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception exception, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(exception, body, headers, status, request);
        if (response == null) {
            return null;
        }
        ProblemType type = FRAMEWORK_TYPES.getOrDefault(
                exception.getClass(), status.is5xxServerError() ? ProblemType.INTERNAL_ERROR : ProblemType.BAD_REQUEST);
        String detail = response.getBody() instanceof ProblemDetail framework ? framework.getDetail() : null;
        Problem problem = new Problem(type.type(), type.title(), status.value(), detail, path(request), List.of());
        HttpHeaders kept = new HttpHeaders();
        kept.putAll(response.getHeaders());
        kept.remove(HttpHeaders.CONTENT_TYPE);
        return problems.entity(problem, kept);
    }

    private static String path(WebRequest request) {
        return request instanceof ServletWebRequest servlet
                ? servlet.getRequest().getRequestURI()
                : null;
    }

    /** The problem for a body Jackson could not read, with the pointer of where it stopped. */
    private static Problem describe(Throwable cause) {
        if (cause instanceof InvalidJsonValueException invalid) {
            String pointer = JsonPointers.of(invalid.getPath());
            return invalid(invalid.problemType(), pointer, pointer + " " + invalid.getOriginalMessage());
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String pointer = JsonPointers.of(unknown.getPath());
            return invalid(
                    ProblemType.UNKNOWN_PROPERTY,
                    pointer,
                    "Unknown property \"" + unknown.getPropertyName() + "\" at " + pointer
                            + "; the properties allowed there are " + unknown.getKnownPropertyIds());
        }
        if (cause instanceof MismatchedInputException trailing && secondRootValue(trailing)) {
            return invalid(
                    ProblemType.MALFORMED_JSON,
                    "",
                    "The body has more after its JSON value: send exactly one JSON object");
        }
        if (cause instanceof InvalidNullException nullValue) {
            String pointer = JsonPointers.of(nullValue.getPath());
            return invalid(
                    ProblemType.WRONG_TYPE,
                    pointer,
                    where(pointer) + " is null, but must be " + kind(nullValue.getTargetType())
                            + ": null is not a value in this API (leave an optional property out to take its default)");
        }
        if (cause instanceof MismatchedInputException mismatch) {
            String pointer = JsonPointers.of(mismatch.getPath());
            return invalid(
                    ProblemType.WRONG_TYPE, pointer, where(pointer) + " has the wrong type: " + expected(mismatch));
        }
        if (cause instanceof StreamConstraintsException limit) {
            String pointer = limit.getPath().isEmpty() ? pointerOf(limit) : JsonPointers.of(limit.getPath());
            // Jackson names the Java method that holds the limit: the client is told the limit only
            String message = firstLine(limit.getOriginalMessage()).replaceAll(", from `[^`]*`", "");
            return invalid(
                    ProblemType.INPUT_LIMIT,
                    pointer,
                    where(pointer) + " exceeds a limit of the JSON parser: " + message);
        }
        if (cause instanceof StreamReadException syntax) {
            String pointer = pointerOf(syntax);
            String message = syntax.getOriginalMessage();
            // Jackson 3.1 reports a duplicate property and a NaN or Infinity as a plain
            // StreamReadException, with nothing but its message to tell them from a syntax error
            if (message.startsWith("Duplicate Object property")) {
                return invalid(
                        ProblemType.DUPLICATE_PROPERTY,
                        pointer,
                        message.replace("Object property", "property") + " at " + pointer
                                + ": every property may appear once");
            }
            if (message.contains("'NaN'") || message.contains("Infinity'")) {
                return invalid(
                        ProblemType.NON_FINITE_NUMBER,
                        pointer,
                        pointer + " is not a finite number: NaN and Infinity are not JSON numbers");
            }
            String location = syntax.getLocation() == null
                    ? ""
                    : " at line " + syntax.getLocation().getLineNr() + ", column "
                            + syntax.getLocation().getColumnNr();
            return invalid(
                    ProblemType.MALFORMED_JSON,
                    pointer,
                    "The body is not valid JSON" + location + ": " + firstLine(message));
        }
        if (cause instanceof JacksonException other) {
            String pointer = JsonPointers.of(other.getPath());
            return invalid(
                    ProblemType.WRONG_TYPE,
                    pointer,
                    where(pointer) + " could not be read: " + firstLine(other.getOriginalMessage()));
        }
        return invalid(ProblemType.MALFORMED_JSON, "", "The body is missing or is not valid JSON");
    }

    private static String expected(MismatchedInputException mismatch) {
        Class<?> target = mismatch.getTargetType();
        if (target == null) {
            return firstLine(mismatch.getOriginalMessage());
        }
        String expected = kind(target);
        String found = mismatch.getCurrentToken() == null
                ? ""
                : ", but found "
                        + switch (mismatch.getCurrentToken()) {
                            case START_OBJECT -> "an object";
                            case START_ARRAY -> "an array";
                            case VALUE_STRING -> "a string";
                            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                            case VALUE_NULL -> "null";
                            default -> "something else";
                        };
        return "expected " + expected + found;
    }

    /** The JSON value a request's field of this Java type is read from, in the API's words. */
    private static String kind(Class<?> target) {
        if (target == null) {
            return "a value";
        }
        if (target == String.class) {
            return "a string";
        }
        if (target == double.class || target == Double.class || target == float.class) {
            return "a number";
        }
        if (target == int.class || target == Integer.class || target == long.class || target == Long.class) {
            return "an integer";
        }
        if (target == boolean.class || target == Boolean.class) {
            return "true or false";
        }
        if (target == DMatrixRMaj.class) {
            return "a matrix";
        }
        if (target == double[].class) {
            return "a vector";
        }
        if (target == MatrixOrVector.class) {
            return "a matrix or a vector";
        }
        if (target.isArray() || java.util.Collection.class.isAssignableFrom(target)) {
            return "an array";
        }
        if (target.isRecord() || Map.class.isAssignableFrom(target)) {
            return "an object";
        }
        return "a different value";
    }

    /**
     * Whether the parser had begun a second value at the root of the document: what
     * {@code FAIL_ON_TRAILING_TOKENS} reports, once the body's one value was read.
     */
    private static boolean secondRootValue(MismatchedInputException mismatch) {
        if (!(mismatch.processor() instanceof JsonParser parser) || parser.streamReadContext() == null) {
            return false;
        }
        TokenStreamContext root = parser.streamReadContext();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        return root.getEntryCount() > 1;
    }

    private static String pointerOf(JacksonException exception) {
        if (exception.processor() instanceof JsonParser parser && parser.streamReadContext() != null) {
            return parser.streamReadContext().pathAsPointer().toString();
        }
        return "";
    }

    /** A header as the client sent it, cut short, for a detail. */
    private static String shortened(String header) {
        return header.length() > 100 ? header.substring(0, 100) + "…" : header;
    }

    private static String where(String pointer) {
        return pointer.isEmpty() ? "The body" : pointer;
    }

    /** The first line of a parser message, without the parser's notes on where its source was. */
    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        for (String note : new String[] {" (start marker at", " at [Source"}) {
            int at = message.indexOf(note);
            if (at >= 0 && (end < 0 || at < end)) {
                end = at;
            }
        }
        String line = end < 0 ? message : message.substring(0, end);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private static Problem invalid(ProblemType type, String pointer, String detail) {
        return Problem.at(type, pointer, detail);
    }
}
