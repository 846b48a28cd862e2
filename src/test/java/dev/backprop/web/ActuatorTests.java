package dev.backprop.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.support.OkBody;
import dev.backprop.support.WorkedExample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** What operators may see (probes, metrics, version) and that nothing else of the actuator is reachable. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class ActuatorTests {

    @Autowired
    RestTestClient client;

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"})
    void probesAreUp(String path) {
        client.get()
                .uri(path)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
    }

    /** A charset no converter writes is the client's 406, not a 500 (and the probes answer after it). */
    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health", "/actuator/info"})
    void anAcceptInACharsetNoConverterWritesIsA406(String path) {
        client.get()
                .uri(path)
                .header("Accept", "application/json;charset=ISO-8859-1")
                .exchange()
                .expectStatus()
                .isEqualTo(406)
                .expectHeader()
                .contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(ProblemType.NOT_ACCEPTABLE.type().toString())
                .jsonPath("$.detail")
                .value(
                        String.class,
                        detail -> org.assertj.core.api.Assertions.assertThat(detail)
                                .contains("application/json;charset=ISO-8859-1"));
        client.get().uri(path).exchange().expectStatus().isOk();
    }

    @Test
    void healthShowsNoDetails() {
        client.get()
                .uri("/actuator/health")
                .exchange()
                .expectBody()
                .jsonPath("$.components")
                .doesNotExist();
    }

    @Test
    void infoHasTheBuildVersion() {
        client.get()
                .uri("/actuator/info")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.build.artifact")
                .isEqualTo("backprop-service")
                .jsonPath("$.build.version")
                .isNotEmpty();
    }

    @Test
    void prometheusHasTheLatencyHistogramAndTheEngineTimer() {
        String workedExample = WorkedExample.REQUEST;
        client.post()
                .uri("/api/v1/backprop")
                .contentType(MediaType.APPLICATION_JSON)
                .body(workedExample)
                .exchange()
                .expectStatus()
                .isOk();
        client.post()
                .uri("/api/v1/forward")
                .contentType(MediaType.APPLICATION_JSON)
                .body(workedExample)
                .exchange()
                .expectStatus()
                .isOk();

        String metrics = OkBody.get(client, "/actuator/prometheus");

        assertThat(metrics)
                .containsPattern(
                        "(?m)^http_server_requests_seconds_bucket\\{.*uri=\"/api/v1/backprop\".*le=\"[0-9.]+\".*} [1-9]")
                .containsPattern("(?m)^backprop_engine_seconds_bucket\\{.*endpoint=\"backprop\".*} [1-9]")
                .containsPattern("(?m)^backprop_engine_seconds_count\\{.*endpoint=\"backprop\".*} [1-9]")
                .containsPattern("(?m)^backprop_engine_seconds_count\\{.*endpoint=\"forward\".*} [1-9]");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/actuator",
                "/actuator/env",
                "/actuator/beans",
                "/actuator/configprops",
                "/actuator/metrics",
                "/actuator/loggers",
                "/actuator/mappings",
                "/actuator/heapdump",
                "/actuator/threaddump",
                "/actuator/shutdown",
                "/actuator/scheduledtasks",
                "/actuator/sbom"
            })
    void everythingElseIsNotFound(String path) {
        client.get()
                .uri(path)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(ProblemType.NOT_FOUND.type().toString())
                .jsonPath("$.status")
                .isEqualTo(404);
    }

    @Test
    void shutdownCannotBePosted() {
        client.post()
                .uri("/actuator/shutdown")
                .exchange()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectStatus()
                .is4xxClientError();
    }
}
