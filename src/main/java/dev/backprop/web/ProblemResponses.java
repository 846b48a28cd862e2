package dev.backprop.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a problem+json body straight to a servlet response, for the places outside Spring MVC
 * that answer a request themselves: the body-size filter, the security entry points, the
 * {@code /error} fallback. The same fields, in the same order, as {@link ProblemHandler}'s.
 */
public final class ProblemResponses {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemResponses() {}

    /** The problem body of a type, with an HTTP status that may differ from the type's own. */
    public static Map<String, Object> body(ProblemType type, int status, String detail, List<FieldError> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.type().toString());
        body.put("title", type.title());
        body.put("status", status);
        body.put("detail", detail);
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        return body;
    }

    /** Replaces whatever the response holds with the problem, unless it is already on its way. */
    public static void write(HttpServletResponse response, ProblemType type, String detail, List<FieldError> errors)
            throws IOException {
        write(response, type, type.status().value(), detail, errors);
    }

    static void write(
            HttpServletResponse response, ProblemType type, int status, String detail, List<FieldError> errors)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        byte[] bytes = JSON.writeValueAsBytes(body(type, status, detail, errors));
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.flushBuffer();
    }
}
