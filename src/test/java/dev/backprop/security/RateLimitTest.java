package dev.backprop.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.Http;
import io.swagger.v3.core.util.Yaml;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A token bucket per API key against the running application. The rate is slow (one request
 * every 100 s) so that nothing refills while a test runs; each test uses a key of its own.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "backprop.api.keys=key-burst-a,key-burst-b,key-headers,key-problem,key-body,key-spec",
            "backprop.limits.rate.requests-per-second=0.01",
            "backprop.limits.rate.burst=3"
        })
class RateLimitTest {

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void http() {
        http = new Http(port);
    }

    @Test
    void aBurstFromOneKeyNeverSlowsAnother() {
        // both keys at once: the first sends far more than its burst, the second exactly its burst
        List<CompletableFuture<HttpResponse<String>>> first = IntStream.range(0, 12)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> backprop("key-burst-a")))
                .toList();
        List<CompletableFuture<HttpResponse<String>>> second = IntStream.range(0, 3)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> backprop("key-burst-b")))
                .toList();

        assertThat(statuses(first))
                .containsOnly(200, 429)
                .filteredOn(s -> s == 200)
                .hasSize(3);
        assertThat(statuses(second)).containsExactly(200, 200, 200);
        assertThat(backprop("key-burst-b").statusCode())
                .as("past its own burst")
                .isEqualTo(429);
    }

    @Test
    void everyAnswerCarriesThePolicyAndWhatIsLeft() {
        for (int remaining = 2; remaining >= 0; remaining--) {
            HttpResponse<String> response = backprop("key-headers");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("RateLimit-Policy")).hasValue("\"per-key\";q=3;w=300");
            // t: a token every 100 s, so the bucket is full again 100 s per missing token from now
            assertThat(response.headers().firstValue("RateLimit"))
                    .hasValue("\"per-key\";r=" + remaining + ";t=" + (3 - remaining) * 100);
            assertThat(response.headers().firstValue("Retry-After")).isEmpty();
        }
        HttpResponse<String> refused = backprop("key-headers");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("RateLimit-Policy")).hasValue("\"per-key\";q=3;w=300");
        assertThat(refused.headers().firstValue("RateLimit")).get().asString().startsWith("\"per-key\";r=0;t=");
        assertThat(refused.headers().firstValue("Retry-After").map(Long::parseLong))
                .get()
                .satisfies(seconds -> assertThat(seconds).isBetween(95L, 100L));
    }

    @Test
    void pastTheLimitTheAnswerIsARateLimitedProblem() {
        exhaust("key-problem");
        HttpResponse<String> response = backprop("key-problem");
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(Http.contentType(response)).startsWith("application/problem+json");
        JsonNode problem = Http.json(response);
        assertThat(problem.get("type").asString()).isEqualTo("urn:problem-type:backprop:rate-limited");
        assertThat(problem.get("title").asString()).isEqualTo("Rate limit exceeded");
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("detail").asString())
                .contains("rate limit of 0.01 requests per second, in bursts of up to 3 (backprop.limits.rate)")
                .contains("retry after "
                        + response.headers().firstValue("Retry-After").orElseThrow() + " s");
        assertThat(response.body()).doesNotContain("key-problem");
    }

    @Test
    void theLimitIsAppliedBeforeTheBodyIsRead() {
        exhaust("key-body");
        // a body that parsing would refuse with 400, and one whose computation would be refused with 422
        assertThat(http.post("/api/v1/backprop", "{", "X-API-Key", "key-body").statusCode())
                .isEqualTo(429);
        String huge = "{\"layout\": \"torch\", \"layers\": ["
                + "{\"weights\": [[1]], \"activation\": \"relu\"},".repeat(200)
                + "{\"weights\": [[1]], \"activation\": \"relu\"}], \"x\": [[1]], \"y\": [[1]]}";
        assertThat(http.post("/api/v1/backprop", huge, "X-API-Key", "key-body").statusCode())
                .isEqualTo(429);
    }

    @Test
    void requestsWithoutAValidKeyAreNotCountedAndGet401() {
        HttpResponse<String> response = http.post("/api/v1/backprop", DefaultSecurityTest.EXAMPLE);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("RateLimit")).isEmpty();
        assertThat(http.post("/api/v1/backprop", DefaultSecurityTest.EXAMPLE, "X-API-Key", "not-a-key")
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void theSpecsExampleIsWordedAsTheServiceWritesIt() throws IOException {
        exhaust("key-spec");
        String live = Http.json(backprop("key-spec")).get("detail").asString();
        com.fasterxml.jackson.databind.JsonNode spec =
                Yaml.mapper().readTree(Files.readString(Path.of("openapi", "openapi.yaml")));
        String documented = spec.at("/components/responses/TooManyRequests/content/application~1problem+json"
                        + "/examples/rate-limited/value/detail")
                .asText();
        assertThat(documented).isNotBlank();
        assertThat(withoutNumbers(live)).isEqualTo(withoutNumbers(documented));
    }

    private static String withoutNumbers(String detail) {
        return detail.replaceAll("\\d+(\\.\\d+)?", "N");
    }

    private void exhaust(String key) {
        for (int i = 0; i < 3; i++) {
            assertThat(backprop(key).statusCode()).isEqualTo(200);
        }
    }

    private HttpResponse<String> backprop(String key) {
        return http.post("/api/v1/backprop", DefaultSecurityTest.EXAMPLE, "X-API-Key", key);
    }

    private static List<Integer> statuses(List<CompletableFuture<HttpResponse<String>>> responses) {
        List<Integer> statuses = new ArrayList<>();
        responses.forEach(response -> statuses.add(response.join().statusCode()));
        return statuses;
    }
}
