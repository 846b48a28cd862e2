package dev.backprop.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.backprop.backprop.BackpropService;
import dev.backprop.support.ServiceSlice;
import dev.backprop.support.Services;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** {@code POST /api/v1/problems}: reproducible to the byte, the seed's defaults, ties avoided, strict input. */
@WebMvcTest(ProblemController.class)
@Import(ServiceSlice.class)
class ProblemControllerTests {

    private static final String GENERAL = """
            {"seed": 7, "layerSizes": [3, 4, 2], "batchSize": 3, "layout": "torch", "activations": ["leaky-relu", "identity"],
             "loss": "mse", "bias": true, "valueRange": [-2, 2], "avoidTies": true}""";

    /** v1.1's options: a /train problem of one step of sgd (η = 0.5 by default) with an l2 penalty. */
    private static final String TRAIN = """
            {"seed": 11, "layerSizes": [2, 2, 2], "batchSize": 2, "layout": "sample-first",
             "activations": ["relu", "identity"], "loss": "half-sse", "reduction": "batch-mean",
             "valueRange": [-1, 1], "regularization": {"l2": 0.25}, "optimizer": {"name": "sgd"}}""";

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    /** The committed answers: any change to the generator, the engine or the JSON shows here. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"seed\": 42}|seed-42-defaults.json",
                "GENERAL|seed-7-torch-mse-bias.json",
                "TRAIN|seed-11-train-sgd-l2.json"
            })
    void theSameRequestGivesTheSameBytes(String request, String expectedFile) throws Exception {
        String body =
                switch (request) {
                    case "GENERAL" -> GENERAL;
                    case "TRAIN" -> TRAIN;
                    default -> request;
                };
        byte[] first = generate(body);
        byte[] second = generate(body);
        assertThat(second).isEqualTo(first);
        byte[] expected;
        try (InputStream in = getClass().getResourceAsStream("/problems/" + expectedFile)) {
            expected = in == null ? new byte[0] : in.readAllBytes();
        }
        if (!java.util.Arrays.equals(expected, first)) {
            // written beside the build output, to compare by eye or commit after a deliberate change
            Path actual = Path.of("target", "problems", expectedFile);
            Files.createDirectories(actual.getParent());
            Files.write(actual, first);
        }
        assertThat(new String(first, java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(new String(expected, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void theDefaultsAreTheSeedsNetwork() throws Exception {
        JsonNode problem = json.readTree(generate("{\"seed\": 1}")).get("problem");
        assertThat(problem.get("layout").asString()).isEqualTo("dimension-first");
        assertThat(problem.get("loss").asString()).isEqualTo("half-sse");
        assertThat(problem.get("layers")).hasSize(2);
        assertThat(shape(problem.get("layers").get(0).get("weights"))).isEqualTo("3×2");
        assertThat(shape(problem.get("layers").get(1).get("weights"))).isEqualTo("1×3");
        assertThat(problem.get("layers").get(0).get("activation").asString()).isEqualTo("relu");
        assertThat(problem.get("layers").get(1).get("activation").asString()).isEqualTo("identity");
        assertThat(problem.get("layers").get(0).has("bias")).isFalse();
        assertThat(shape(problem.get("x"))).isEqualTo("2×4");
        assertThat(shape(problem.get("y"))).isEqualTo("1×4");
        for (JsonNode row : problem.get("x")) {
            for (JsonNode value : row) {
                assertThat(value.doubleValue()).isBetween(-3.0, 3.0).isEqualTo(Math.rint(value.doubleValue()));
            }
        }
    }

    @Test
    void avoidTiesLeavesNoReluInputAtZero() throws Exception {
        int tiesWithout = 0;
        for (long seed = 0; seed < 30; seed++) {
            assertThat(reluZeros(json.readTree(generate("{\"seed\": " + seed + "}"))))
                    .as("seed %d", seed)
                    .isZero();
            tiesWithout += reluZeros(json.readTree(generate("{\"seed\": " + seed + ", \"avoidTies\": false}")));
        }
        // the test has teeth: without avoidTies the same seeds do draw ties
        assertThat(tiesWithout).isPositive();
    }

    @Test
    void theSolutionIsTheBackpropAnswer() throws Exception {
        JsonNode generated = json.readTree(generate(GENERAL));
        String answer = mvcBackprop(generated.get("problem").toString());
        assertThat(json.readTree(answer)).isEqualTo(generated.get("solution"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{}|/seed|missing-property",
                "{\"seed\": 1, \"sed\": 2}|/sed|unknown-property",
                "{\"seed\": \"1\"}|/seed|wrong-type",
                "{\"seed\": 1, \"layerSizes\": [2]}|/layerSizes|invalid-value",
                "{\"seed\": 1, \"layerSizes\": [2, 0, 1]}|/layerSizes/1|invalid-value",
                "{\"seed\": 1, \"batchSize\": 0}|/batchSize|invalid-value",
                "{\"seed\": 1, \"activations\": [\"relu\"]}|/activations|invalid-value",
                "{\"seed\": 1, \"activations\": [\"relu\", \"linear\"]}|/activations/1|unknown-name",
                "{\"seed\": 1, \"layout\": \"rows\"}|/layout|unknown-name",
                "{\"seed\": 1, \"loss\": \"l1\"}|/loss|unknown-name",
                "{\"seed\": 1, \"valueRange\": [3, -3]}|/valueRange|invalid-value",
                "{\"seed\": 1, \"valueRange\": [0, 0]}|/avoidTies|limit-exceeded",
                "{\"seed\": 1, \"loss\": \"cross-entropy\", \"layerSizes\": [2, 3, 1]}|/layerSizes/2|invalid-value",
                "{\"seed\": 1, \"loss\": \"multiclass-hinge\", \"layerSizes\": [2, 1]}|/layerSizes/1|invalid-value"
            })
    void invalidRequestsArePointedAt(String body, String pointer, String type) throws Exception {
        mvc.perform(post("/api/v1/problems")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().is4xxClientError())
                .andExpect(jsonPath("$.type").value("urn:problem-type:backprop:" + type))
                .andExpect(jsonPath("$.errors[0].pointer").value(pointer));
    }

    /** An integer its field cannot hold is out of the field's range, in the words of the field's own check. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"seed\": 1e30}|/seed|/seed is 1e30, but it must be an integer from -9223372036854775808 to 9223372036854775807",
                "{\"seed\": -99999999999999999999}|/seed|/seed is -99999999999999999999, but it must be an integer from -9223372036854775808 to 9223372036854775807",
                "{\"seed\": 1, \"batchSize\": 3000000000}|/batchSize|/batchSize is 3000000000, but it must be an integer from 1 to 64",
                "{\"seed\": 1, \"layerSizes\": [2, 3000000000]}|/layerSizes/1|/layerSizes/1 is 3000000000, but it must be an integer from 1 to 16",
                "{\"seed\": 1, \"valueRange\": [-1e10, 3]}|/valueRange/0|/valueRange/0 is -1e10, but it must be an integer from -100 to 100"
            })
    void anIntegerItsFieldCannotHoldIsAnInvalidValueNamingTheRange(String body, String pointer, String detail)
            throws Exception {
        mvc.perform(post("/api/v1/problems")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:problem-type:backprop:invalid-value"))
                .andExpect(jsonPath("$.errors[0].pointer").value(pointer))
                .andExpect(jsonPath("$.errors[0].detail").value(detail));
    }

    /** An integer is any number without a fractional part, as JSON Schema's integer: 42.0 is 42. */
    @Test
    void anIntegerMayBeWrittenWithAFractionOrAnExponent() throws Exception {
        assertThat(generate("{\"seed\": 42.0, \"batchSize\": 4e0}"))
                .isEqualTo(generate("{\"seed\": 42, \"batchSize\": 4}"));
        mvc.perform(post("/api/v1/problems")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"seed\": 42.5}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:problem-type:backprop:wrong-type"))
                .andExpect(jsonPath("$.errors[0].pointer").value("/seed"))
                .andExpect(jsonPath("$.errors[0].detail")
                        .value("/seed is 42.5, but must be an integer: a number without a fractional part"));
    }

    private byte[] generate(String body) throws Exception {
        return mvc.perform(post("/api/v1/problems")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
    }

    private String mvcBackprop(String problem) throws IOException {
        BackpropService service = Services.backprop();
        return json.writeValueAsString(
                service.backprop(json.readValue(problem, dev.backprop.backprop.BackpropRequest.class)));
    }

    private static String shape(JsonNode matrix) {
        return matrix.size() + "×" + matrix.get(0).size();
    }

    private static int reluZeros(JsonNode generated) {
        int zeros = 0;
        JsonNode layers = generated.get("problem").get("layers");
        for (int k = 0; k < layers.size(); k++) {
            if (layers.get(k).get("activation").asString().contains("relu")) {
                for (JsonNode row :
                        generated.get("solution").get("layers").get(k).get("preActivation")) {
                    for (JsonNode s : row) {
                        zeros += s.doubleValue() == 0 ? 1 : 0;
                    }
                }
            }
        }
        return zeros;
    }
}
