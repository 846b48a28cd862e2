package dev.backprop.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.Http;
import jakarta.servlet.Filter;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.request.async.WebAsyncManagerIntegrationFilter;
import org.springframework.security.web.header.HeaderWriterFilter;

/** With nothing configured: the API is open, CORS is off, the headers are on every response. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DefaultSecurityTest {

    static final String EXAMPLE = """
            {"layout": "sample-first", "layers": [{"weights": [[2]], "activation": "identity"}], "x": [[1]], "y": [[1]]}""";

    @LocalServerPort
    int port;

    @Autowired
    SecurityFilterChain chain;

    Http http;

    @BeforeEach
    void http() {
        http = new Http(port);
    }

    @Test
    void withoutConfiguredKeysTheApiIsOpen() {
        assertThat(http.post("/api/v1/backprop", EXAMPLE).statusCode()).isEqualTo(200);
    }

    @Test
    void withoutConfiguredKeysARequestPassesOnlyTheFiltersThatWriteTheHeaders() {
        // nobody to authenticate: no security context, session, anonymous user or authorization per request
        assertThat(chain.getFilters())
                .extracting(Filter::getClass)
                .containsExactly(WebAsyncManagerIntegrationFilter.class, HeaderWriterFilter.class);
    }

    @Test
    void noSessionIsStarted() {
        for (HttpResponse<String> response : new HttpResponse[] {
            http.post("/api/v1/backprop", EXAMPLE), http.post("/api/v1/backprop", "{"), http.get("/swagger-ui.html")
        }) {
            assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
        }
    }

    @Test
    void securityHeadersAreOnAnswersAndProblemsAlike() {
        for (HttpResponse<String> response : new HttpResponse[] {
            http.post("/api/v1/backprop", EXAMPLE), http.post("/api/v1/backprop", "{"), http.get("/nowhere")
        }) {
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(response.headers().firstValue("Cache-Control"))
                    .get()
                    .asString()
                    .contains("no-store");
            assertThat(response.headers().firstValue("Content-Security-Policy"))
                    .get()
                    .asString()
                    .contains("default-src 'self'", "frame-ancestors 'none'");
        }
    }

    @Test
    void corsIsOffUnlessConfigured() {
        HttpResponse<String> preflight = http.options(
                "/api/v1/backprop", "Origin", "https://elsewhere.example", "Access-Control-Request-Method", "POST");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
        HttpResponse<String> call = http.post("/api/v1/backprop", EXAMPLE, "Origin", "https://elsewhere.example");
        assertThat(call.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void actuatorExposesOnlyHealthInfoAndPrometheus() {
        assertThat(http.get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(http.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(http.get("/actuator/info").statusCode()).isEqualTo(200);
        for (String hidden : new String[] {
            "/actuator/env",
            "/actuator/beans",
            "/actuator/heapdump",
            "/actuator/configprops",
            "/actuator/loggers",
            "/actuator/threaddump",
            "/actuator/shutdown"
        }) {
            HttpResponse<String> response = http.get(hidden);
            assertThat(response.statusCode()).as(hidden).isEqualTo(404);
            assertThat(Http.contentType(response)).as(hidden).startsWith("application/problem+json");
        }
    }
}
