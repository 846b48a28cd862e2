package dev.backprop.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.Http;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/** With API keys and CORS origins configured, as the environment would configure them. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "backprop.api.keys=first-secret-key-0001, second-secret-key-0002",
            "backprop.cors.allowed-origins=https://teach.example"
        })
@ExtendWith(OutputCaptureExtension.class)
class ApiKeyTest {

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void http() {
        http = new Http(port);
    }

    @Test
    void withoutAKeyTheApiAnswers401() {
        HttpResponse<String> response = http.post("/api/v1/backprop", DefaultSecurityTest.EXAMPLE);
        assertUnauthorized(response);
        assertThat(Http.json(response).get("detail").asString()).contains("needs an API key");
    }

    @Test
    void withAWrongKeyTheApiAnswers401() {
        for (String wrong :
                new String[] {"wrong", "first-secret-key-000", "first-secret-key-00011", "", " first-secret-key-0001x"
                }) {
            assertUnauthorized(http.post("/api/v1/backprop", DefaultSecurityTest.EXAMPLE, "X-API-Key", wrong));
        }
        assertUnauthorized(http.get("/api/v1/anything", "X-API-Key", "wrong"));
    }

    @Test
    void withAnyConfiguredKeyTheApiAnswers() {
        assertThat(http.post("/api/v1/backprop", DefaultSecurityTest.EXAMPLE, "X-API-Key", "first-secret-key-0001")
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.post("/api/v1/forward", DefaultSecurityTest.EXAMPLE, "X-API-Key", "second-secret-key-0002")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void withoutARateConfiguredNoKeyIsRateLimited() {
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> response =
                    http.post("/api/v1/forward", DefaultSecurityTest.EXAMPLE, "X-API-Key", "first-secret-key-0001");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("RateLimit")).isEmpty();
            assertThat(response.headers().firstValue("RateLimit-Policy")).isEmpty();
        }
    }

    @Test
    void aValidKeyWithAnInvalidBodyStillGetsTheBodyProblem() {
        HttpResponse<String> response = http.post("/api/v1/backprop", "{", "X-API-Key", "first-secret-key-0001");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.json(response).get("type").asString()).isEqualTo("urn:problem-type:backprop:malformed-json");
    }

    @Test
    void healthProbesAndDocumentationStayOpen() {
        assertThat(http.get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(http.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        // no documentation on this branch: not found, but never refused
        assertThat(http.get("/v3/api-docs").statusCode()).isNotIn(401, 403);
        assertThat(http.get("/swagger-ui/index.html").statusCode()).isNotIn(401, 403);
    }

    @Test
    void keysNeverReachTheLog(CapturedOutput output) {
        http.post("/api/v1/backprop", DefaultSecurityTest.EXAMPLE, "X-API-Key", "first-secret-key-0001");
        http.post("/api/v1/backprop", DefaultSecurityTest.EXAMPLE, "X-API-Key", "a-guessed-key-9999");
        assertThat(output.getAll()).doesNotContain("secret-key", "a-guessed-key");
    }

    @Test
    void configuredOriginsGetCorsOthersDoNot() {
        HttpResponse<String> allowed = http.options(
                "/api/v1/backprop",
                "Origin",
                "https://teach.example",
                "Access-Control-Request-Method",
                "POST",
                "Access-Control-Request-Headers",
                "content-type,x-api-key");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://teach.example");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers"))
                .get()
                .asString()
                .containsIgnoringCase("x-api-key");

        HttpResponse<String> other = http.options(
                "/api/v1/backprop", "Origin", "https://evil.example", "Access-Control-Request-Method", "POST");
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(Http.contentType(other)).startsWith("application/problem+json");
        assertThat(Http.json(other).get("type").asString()).isEqualTo("urn:problem-type:backprop:forbidden");
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Http.contentType(response)).startsWith("application/problem+json");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("ApiKey header=\"X-API-Key\"");
        assertThat(Http.json(response).get("type").asString()).isEqualTo("urn:problem-type:backprop:unauthorized");
        assertThat(response.body()).doesNotContain("secret-key");
    }
}
