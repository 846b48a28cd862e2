package dev.backprop.web;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.backprop.support.GoldenCases;
import dev.backprop.support.JsonAssertions;
import dev.backprop.support.LiveSpec;
import dev.backprop.support.OkBody;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
            entry("worked-example → backprop", loss(24.5)),
            entry("worked-example → forward", loss(24.5)),
            entry(
                    "worked-example → explain",
                    markdown -> assertThat(markdown)
                            .startsWith("# Forward and backward pass, step by step")
                            .contains("L = ", "= 24.5")),
            entry("matrix-note-dimension-first → backprop", loss(54.0)),
            entry("matrix-note-dimension-first → forward", loss(54.0)),
            entry("matrix-note-sample-first → backprop", loss(54.0)),
            entry("matrix-note-sample-first → forward", loss(54.0)),
            entry("matrix-note-torch → backprop", loss(54.0)),
            entry("matrix-note-torch → forward", loss(54.0)),
            entry("sigmoid-2-2-2 → backprop", loss(0.298371109)),
            entry("regularized-softmax-classifier → backprop", pyTorchAnswer("regularized-softmax-classifier")),
            entry("regularized-softmax-classifier → forward", pyTorchLoss("regularized-softmax-classifier")),
            entry("regularized-softmax-classifier → gradientCheck", gradientCheckPasses()),
            entry(
                    "regularized-softmax-classifier → explain",
                    markdown -> assertThat(markdown).contains("R = ", "\\lVert W_k \\rVert_F^2")),
            entry("train-2-2-2-one-step → train", pyTorchAnswer("train-2-2-2-one-step")),
            entry(
                    "train-2-2-2-one-step → explain",
                    markdown -> assertThat(markdown)
                            .contains(
                                    "## The update",
                                    "w' = w - \\eta \\frac{\\partial L}{\\partial w} = 0.4 - 0.5",
                                    "0.358916")),
            entry("train-momentum-continued → train", pyTorchAnswer("train-momentum-continued")),
            entry("train-adam-planar → train", pyTorchAnswer("train-adam-planar")),
            entry("layer-test-upstream-gradient → backprop", pyTorchAnswer("layer-test-upstream-gradient")),
            entry(
                    "layer-test-upstream-gradient → explain",
                    markdown -> assertThat(markdown).contains("no loss").doesNotContain("## Loss")),
            entry("batch-norm-layer → backprop", pyTorchAnswer("batch-norm-layer")),
            entry("batch-norm-layer → forward", pyTorchLoss("batch-norm-layer")),
            entry("batch-norm-layer → gradientCheck", gradientCheckPasses()),
            entry(
                    "batch-norm-layer → explain",
                    markdown -> assertThat(markdown).contains("\\hat s_1", "\\frac{\\partial L}{\\partial \\gamma_1}")),
            entry("planar-tanh-sigmoid-probabilities → backprop", pyTorchAnswer("planar-tanh-sigmoid-probabilities")),
            entry("planar-tanh-sigmoid-probabilities → forward", pyTorchLoss("planar-tanh-sigmoid-probabilities")),
            entry("planar-tanh-sigmoid-probabilities → gradientCheck", gradientCheckPasses()),
            entry(
                    "planar-tanh-sigmoid-probabilities → explain",
                    markdown -> assertThat(markdown).contains("\\overset{[D_2 \\times N]}{\\delta_2}")),
            entry("sigmoid-2-2-2 → forward", loss(0.298371109)),
            entry("grade-worked-example → grade", body -> {
                JsonNode grade = json.readTree(body);
                assertThat(grade.path("score").asDouble()).isCloseTo(1.0 / 3, within(1e-15));
                assertThat(grade.at("/fields/0/correct").asBoolean()).isTrue();
                assertThat(grade.at("/fields/1/diagnosis").asString()).isEqualTo("transposed");
                assertThat(grade.at("/fields/2/diagnosis").asString()).isEqualTo("scaled");
                assertThat(grade.at("/fields/2/factor").asDouble()).isEqualTo(2.0);
            }),
            entry("grade-gradescope → grade", recordedResponse("grade-gradescope")),
            entry("grade-prairielearn → grade", recordedResponse("grade-prairielearn")),
            entry("problems-seed-42 → generate", sameBytesAs("/problems/seed-42-defaults.json")),
            entry("problems-seed-7-every-option → generate", sameBytesAs("/problems/seed-7-torch-mse-bias.json")),
            entry("gradient-check-matrix-note → gradientCheck", body -> {
                JsonNode check = json.readTree(body);
                assertThat(check.path("passed").asBoolean()).isTrue();
                // the third sample x = (−1, 0) gives hidden unit 2 the input 0·(−1) + 2·0 = 0: a ReLU tie
                assertThat(check.path("kinks").isEmpty()).isFalse();
            }),
            entry("optimizer-step-sgd-momentum-zero-velocity → optimizerStep", body -> {
                // v = 0.9·0 − 0.1·g, w ← w + v
                JsonNode step = json.readTree(body);
                assertThat(step.at("/parameters/w/0/1").asDouble()).isCloseTo(-0.975, within(1e-15));
                assertThat(step.at("/parameters/w/1/0").asDouble()).isCloseTo(0.4, within(1e-15));
                assertThat(step.at("/parameters/b/1").asDouble()).isCloseTo(1.04, within(1e-15));
                assertThat(step.at("/state/step").asInt()).isEqualTo(1);
                assertThat(step.at("/state/parameters/b/momentumBuffer/0").asDouble())
                        .isEqualTo(0.2);
            }),
            entry("optimizer-step-adam-first-step → optimizerStep", body -> {
                // m̂ = g, v̂ = g²: w − 0.01·g/(|g| + 1e-8)
                JsonNode step = json.readTree(body);
                assertThat(step.at("/parameters/w/0/0").asDouble()).isCloseTo(0.99, within(1e-9));
                assertThat(step.at("/parameters/w/0/1").asDouble()).isCloseTo(2.01, within(1e-9));
                assertThat(step.at("/state/parameters/w/expAvgSq/0/1").asDouble())
                        .isCloseTo(0.004, within(1e-15));
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
        JsonNode spec = LiveSpec.read(client);
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

                String answer = OkBody.of(client.post()
                        .uri(path)
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(request.toString()));
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

    /** The example's whole /backprop or /train answer equals PyTorch's, from scripts/golden/generate_examples.py. */
    private static Consumer<String> pyTorchAnswer(String example) {
        return body ->
                JsonAssertions.assertClose(goldenExample(example).response(), json.readTree(body), Set.of("warnings"));
    }

    /** The example's /forward loss equals PyTorch's /backprop loss. */
    private static Consumer<String> pyTorchLoss(String example) {
        return loss(goldenExample(example).response().path("loss").asDouble());
    }

    private static Consumer<String> gradientCheckPasses() {
        return body -> assertThat(json.readTree(body).path("passed").asBoolean())
                .as(body)
                .isTrue();
    }

    private static GoldenCases.GoldenCase goldenExample(String example) {
        return GoldenCases.of("openapi-example-cases.jsonl").stream()
                .filter(golden -> golden.name().equals("openapi-example/" + example))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no golden case openapi-example/" + example));
    }

    /** The answer equals the value of the 200 response's example, recorded by AutograderFormatTests. */
    private static Consumer<String> recordedResponse(String name) {
        return body -> {
            try (InputStream in =
                    OpenApiExamplesTests.class.getResourceAsStream("/openapi/responses/" + name + ".json")) {
                assertThat(in).as(name).isNotNull();
                assertThat(json.readTree(body)).isEqualTo(json.readTree(in).get("value"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
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
