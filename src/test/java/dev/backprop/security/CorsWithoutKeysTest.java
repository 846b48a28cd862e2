package dev.backprop.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.Http;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** CORS configured without API keys: the open API answers the configured origin and refuses others. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "backprop.cors.allowed-origins=https://teach.example")
class CorsWithoutKeysTest {

    @LocalServerPort
    int port;

    @Test
    void configuredOriginsGetCorsOthersAProblem() {
        Http http = new Http(port);
        HttpResponse<String> preflight = http.options(
                "/api/v1/backprop", "Origin", "https://teach.example", "Access-Control-Request-Method", "POST");
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue("https://teach.example");

        HttpResponse<String> call =
                http.post("/api/v1/backprop", DefaultSecurityTest.EXAMPLE, "Origin", "https://teach.example");
        assertThat(call.statusCode()).isEqualTo(200);
        assertThat(call.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://teach.example");
        assertThat(call.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

        HttpResponse<String> other =
                http.post("/api/v1/backprop", DefaultSecurityTest.EXAMPLE, "Origin", "https://evil.example");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(Http.contentType(other)).startsWith("application/problem+json");
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
}
