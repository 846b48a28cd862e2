package dev.backprop.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every request example a student can pick in Swagger UI, sent as Swagger UI sends it, answers 200
 * with the loss worked out independently of the service.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = OpenApiSnapshotTests.PINNED_SERVER)
@AutoConfigureRestTestClient
class OpenApiExamplesTests {

    /**
     * The worked example's loss is API.md's; the seed's network without the output bias has outputs
     * (−5, −3, 0, 4) against targets (1, 0, 0, 1), so sse = 36 + 9 + 0 + 9; the 2-2-2 sigmoid
     * network's total error is the classic walk-through's 0.298371109.
     */
    static final Map<String, Double> EXPECTED_LOSS = Map.of(
            "api-md-worked-example", 24.5,
            "seed-dimension-first", 54.0,
            "seed-sample-first", 54.0,
            "seed-torch", 54.0,
            "sigmoid-2-2-2", 0.298371109);

    static final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    RestTestClient client;

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/backprop", "/api/v1/forward"})
    void everyRequestExampleAnswersWithItsLoss(String path) {
        JsonNode spec = json.readTree(client.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        JsonNode examples = spec.path("paths").path(path).path("post").path("requestBody").path("content")
                .path("application/json").path("examples");

        assertThat(new TreeSet<>(examples.propertyNames())).containsExactlyElementsOf(new TreeSet<>(EXPECTED_LOSS.keySet()));
        for (String name : examples.propertyNames()) {
            String ref = examples.get(name).path("$ref").asString();
            JsonNode request = spec.at("/components/examples/" + ref.substring(ref.lastIndexOf('/') + 1) + "/value");
            assertThat(request.isObject()).as(name).isTrue();

            String answer = client.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(request.toString())
                    .exchange()
                    .expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(json.readTree(answer).path("loss").asDouble()).as(name + " on " + path)
                    .isCloseTo(EXPECTED_LOSS.get(name), within(1e-9));
        }
    }
}
