package dev.backprop.web;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every request example a student can pick in Swagger UI, sent as Swagger UI sends it to every
 * operation that offers it, answers 200 with a value worked out independently of the service.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class OpenApiExamplesTests {

    static final JsonMapper json = JsonMapper.builder().build();

    /**
     * What each example answers on each operation, keyed "example → operationId". The worked
     * example's loss is API.md's; the seed's network without the output bias has outputs
     * (−5, −3, 0, 4) against targets (1, 0, 0, 1), so sse = 36 + 9 + 0 + 9; the 2-2-2 sigmoid
     * network's total error is the classic walk-through's 0.298371109; /grade's example is API.md's;
     * the generated problems are the committed files of ProblemControllerTests.
     */
    static final Map<String, Consumer<String>> EXPECTED = Map.ofEntries(
            entry("api-md-worked-example → backprop", loss(24.5)),
            entry("api-md-worked-example → forward", loss(24.5)),
            entry(
                    "api-md-worked-example → explain",
                    markdown -> assertThat(markdown)
                            .startsWith("# Forward and backward pass, step by step")
                            .contains("L = ", "= 24.5")),
            entry("seed-dimension-first → backprop", loss(54.0)),
            entry("seed-dimension-first → forward", loss(54.0)),
            entry("seed-sample-first → backprop", loss(54.0)),
            entry("seed-sample-first → forward", loss(54.0)),
            entry("seed-torch → backprop", loss(54.0)),
            entry("seed-torch → forward", loss(54.0)),
            entry("sigmoid-2-2-2 → backprop", loss(0.298371109)),
            entry("sigmoid-2-2-2 → forward", loss(0.298371109)),
            entry("grade-api-md-submission → grade", body -> {
                JsonNode grade = json.readTree(body);
                assertThat(grade.path("score").asDouble()).isCloseTo(1.0 / 3, within(1e-15));
                assertThat(grade.at("/fields/0/correct").asBoolean()).isTrue();
                assertThat(grade.at("/fields/1/diagnosis").asString()).isEqualTo("transposed");
                assertThat(grade.at("/fields/2/diagnosis").asString()).isEqualTo("scaled");
                assertThat(grade.at("/fields/2/factor").asDouble()).isEqualTo(2.0);
            }),
            entry("problems-seed-42 → generate", sameBytesAs("/problems/seed-42-defaults.json")),
            entry("problems-seed-7-every-option → generate", sameBytesAs("/problems/seed-7-torch-mse-bias.json")),
            entry("gradient-check-seed → gradientCheck", body -> {
                JsonNode check = json.readTree(body);
                assertThat(check.path("passed").asBoolean()).isTrue();
                // the third sample x = (−1, 0) gives hidden unit 2 the input 0·(−1) + 2·0 = 0: a ReLU tie
                assertThat(check.path("kinks").isEmpty()).isFalse();
            }),
            entry("batch-one-good-one-bad → batch", body -> {
                JsonNode batch = json.readTree(body);
                assertThat(batch.at("/results/0/status").asInt()).isEqualTo(200);
                assertThat(batch.at("/results/0/body/loss").asDouble()).isEqualTo(24.5);
                assertThat(batch.at("/results/1/status").asInt()).isEqualTo(400);
                assertThat(batch.at("/results/1/body/errors/0/pointer").asString())
                        .isEqualTo("/layers/1/weights");
            }));

    @Autowired
    RestTestClient client;

    @Test
    void everyRequestExampleAnswers200WithItsValue() {
        JsonNode spec = json.readTree(client.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
        List<String> sent = new ArrayList<>();
        List<String> withoutExamples = new ArrayList<>();
        for (String path : spec.path("paths").propertyNames()) {
            JsonNode operation = spec.path("paths").path(path).path("post");
            if (operation.isMissingNode() || !path.startsWith("/api/")) {
                continue;
            }
            String id = operation.path("operationId").asString();
            JsonNode examples = operation.at("/requestBody/content/application~1json/examples");
            if (examples.isEmpty()) {
                withoutExamples.add(id);
            }
            for (String name : examples.propertyNames()) {
                String ref = examples.get(name).path("$ref").asString();
                JsonNode request =
                        spec.at("/components/examples/" + ref.substring(ref.lastIndexOf('/') + 1) + "/value");
                String key = name + " → " + id;
                assertThat(request.isObject()).as(key).isTrue();
                assertThat(EXPECTED).as("an expected answer for %s", key).containsKey(key);

                String answer = client.post()
                        .uri(path)
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(request.toString())
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody();
                EXPECTED.get(key).accept(answer);
                sent.add(key);
            }
        }
        assertThat(withoutExamples)
                .as("POST operations without a request example")
                .isEmpty();
        assertThat(new TreeSet<>(sent)).containsExactlyElementsOf(new TreeSet<>(EXPECTED.keySet()));
    }

    private static Consumer<String> loss(double expected) {
        return body -> assertThat(json.readTree(body).path("loss").asDouble()).isCloseTo(expected, within(1e-9));
    }

    private static Consumer<String> sameBytesAs(String resource) {
        return body -> {
            try (InputStream in = OpenApiExamplesTests.class.getResourceAsStream(resource)) {
                assertThat(in).as(resource).isNotNull();
                assertThat(body).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
    }
}
