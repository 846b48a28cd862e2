package dev.backprop.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one writer of problem+json bodies, with the application's own mapper: {@link ProblemHandler}
 * (as a response entity), and straight to the servlet response for those outside Spring MVC that
 * answer a request themselves: the body-size filter, the security entry points, the
 * {@code /error} fallback and Tomcat's error report valve. The examples in the OpenAPI spec are
 * recorded from its output. An architecture rule keeps every other class from writing one.
 */
public final class ProblemWriter {

    private final JsonMapper json;

    public ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    /** The problem's body, as every problem+json response carries it. */
    public byte[] toJson(Problem problem) {
        return json.writeValueAsBytes(problem);
    }

    /** The answer of an exception handler: the problem's status, the headers given and the body. */
    public ResponseEntity<Object> entity(Problem problem, HttpHeaders headers) {
        return ResponseEntity.status(problem.status())
                .headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(toJson(problem));
    }

    /**
     * Replaces whatever the response holds with the problem, unless it is already on its way;
     * the headers already set (a {@code WWW-Authenticate}, a {@code Retry-After}) stay.
     */
    public void write(HttpServletResponse response, Problem problem) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        byte[] body = toJson(problem);
        response.resetBuffer();
        response.setStatus(problem.status());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }
}
