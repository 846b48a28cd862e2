package dev.backprop.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.Http;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Failures that never reach a controller are problem+json too: the {@code /error} fallback,
 * Tomcat's own 400s, and whatever the client asks for in {@code Accept}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ErrorsOutsideMvcTest {

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void http() {
        http = new Http(port);
    }

    @Test
    void theErrorPathItselfIsAProblem() {
        HttpResponse<String> response = http.get("/error", "Accept", "text/html");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Http.contentType(response)).startsWith("application/problem+json");
        assertThat(Http.json(response).get("type").asString()).isEqualTo("urn:problem-type:backprop:not-found");
    }

    @Test
    void anUnknownPathAskedForAsHtmlIsStillAProblem() {
        HttpResponse<String> response = http.get("/no/such/page", "Accept", "text/html");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Http.contentType(response)).startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain("<html", "Whitelabel");
    }

    @Test
    void aRequestLineTomcatCannotParseIsAProblem() throws Exception {
        assertTomcatProblem(
                http.raw("GET /api/v1/a|b{} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 400);
    }

    @Test
    void aMalformedPercentEncodingIsAProblem() throws Exception {
        assertTomcatProblem(
                http.raw(
                        "POST /api/v1/%zz HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
                400);
    }

    @Test
    void aHeaderLargerThanTomcatAcceptsIsAProblem() throws Exception {
        assertTomcatProblem(
                http.raw("GET /api/v1/backprop HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(20_000)
                        + "\r\nConnection: close\r\n\r\n"),
                400);
    }

    @Test
    void garbageInsteadOfHttpIsAProblemOrNothing() throws Exception {
        String answer = http.raw("\u0016\u0003\u0001 not http at all\r\n\r\n");
        // Tomcat may close without a word; if it says something, it is a problem
        if (!answer.isEmpty()) {
            assertTomcatProblem(answer, 400);
        }
    }

    @Test
    void aWrongMethodIsAProblem() {
        HttpResponse<String> response = http.get("/api/v1/backprop");
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(Http.contentType(response)).startsWith("application/problem+json");
    }

    private static void assertTomcatProblem(String answer, int status) {
        String[] headAndBody = answer.split("\r\n\r\n", 2);
        assertThat(headAndBody[0])
                .startsWith("HTTP/1.1 " + status)
                .containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(headAndBody[0]).doesNotContainIgnoringCase("Server:");
        JsonNode problem = Http.json(headAndBody[1]);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asString()).startsWith("urn:problem-type:backprop:");
        assertThat(headAndBody[1]).doesNotContain("Tomcat", "Exception", "<html");
    }
}
