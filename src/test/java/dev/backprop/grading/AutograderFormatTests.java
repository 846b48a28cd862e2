package dev.backprop.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.backprop.support.ServiceSlice;
import dev.backprop.support.WorkedExample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code "format": "gradescope"} and {@code "format": "prairielearn"} against the published
 * formats, field by field: Gradescope's autograder specification (results.json: top-level
 * {@code score}, {@code max_score}, {@code output}, {@code tests}; per test {@code name},
 * {@code score}, {@code max_score}, {@code status} "passed" or "failed", {@code output}) and
 * PrairieLearn's external grading results (top-level {@code gradable}, {@code score} 0..1,
 * {@code message}, {@code tests}; per test {@code name}, {@code points}, {@code max_points},
 * {@code message}). Each object may hold only the keys its format defines.
 */
@WebMvcTest(GradeController.class)
@Import(ServiceSlice.class)
class AutograderFormatTests {

    /** Keys Gradescope's results.json defines at the top level and per test. */
    private static final Set<String> GRADESCOPE_TOP = Set.of(
            "score",
            "max_score",
            "execution_time",
            "output",
            "output_format",
            "test_output_format",
            "test_name_format",
            "visibility",
            "stdout_visibility",
            "extra_data",
            "tests",
            "leaderboard");

    private static final Set<String> GRADESCOPE_TEST = Set.of(
            "score",
            "max_score",
            "status",
            "name",
            "name_format",
            "number",
            "output",
            "output_format",
            "tags",
            "visibility",
            "extra_data");

    /** Keys PrairieLearn's external grader result defines at the top level and per test. */
    private static final Set<String> PRAIRIELEARN_TOP =
            Set.of("gradable", "score", "message", "output", "images", "tests", "succeeded");

    private static final Set<String> PRAIRIELEARN_TEST =
            Set.of("name", "description", "points", "max_points", "message", "output", "images");

    private static final String PROBLEM = WorkedExample.REQUEST;

    /** The loss right (24.5), layer 1's ∂L/∂W transposed, layer 2's twice the reference. */
    private static final String SUBMISSION = """
            {"loss": 24.5,
             "layers": [{"weightGradient": [[7, 11, 1.5], [-3.5, 27, -17]]},
                        {"weightGradient": [[21, -54, -31]]}]}""";

    private static final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Test
    void gradescopeResultsJson() throws Exception {
        JsonNode result = grade("gradescope", "\"points\": {\"/layers/0/weightGradient\": 3, \"/loss\": 2}", false);

        assertThat(keys(result)).isSubsetOf(GRADESCOPE_TOP).contains("score", "max_score", "output", "tests");
        assertThat(result.get("score").isNumber()).isTrue();
        assertThat(result.get("score").asDouble()).isEqualTo(2.0);
        assertThat(result.get("max_score").asDouble()).isEqualTo(6.0);
        assertThat(result.get("output").asString()).startsWith("2 of 6 points: 1 of 3 fields correct.");
        JsonNode tests = result.get("tests");
        assertThat(tests.isArray()).isTrue();
        assertThat(tests).hasSize(3);
        double sum = 0;
        for (JsonNode test : tests) {
            assertThat(keys(test))
                    .isSubsetOf(GRADESCOPE_TEST)
                    .containsOnly("name", "score", "max_score", "status", "output");
            assertThat(test.get("name").isString()).isTrue();
            assertThat(test.get("score").isNumber()).isTrue();
            assertThat(test.get("max_score").isNumber()).isTrue();
            assertThat(test.get("status").asString()).isIn("passed", "failed");
            assertThat(test.get("output").isString()).isTrue();
            assertThat(test.get("score").asDouble())
                    .isBetween(0.0, test.get("max_score").asDouble());
            sum += test.get("score").asDouble();
        }
        assertThat(sum).isEqualTo(result.get("score").asDouble());
        assertThat(tests.get(0).get("name").asString()).isEqualTo("/loss");
        assertThat(tests.get(0).get("status").asString()).isEqualTo("passed");
        assertThat(tests.get(0).get("max_score").asDouble()).isEqualTo(2.0);
        assertThat(tests.get(1).get("name").asString()).isEqualTo("/layers/0/weightGradient");
        assertThat(tests.get(1).get("max_score").asDouble()).isEqualTo(3.0);
        assertThat(tests.get(1).get("score").asDouble()).isZero();
        assertThat(tests.get(1).get("status").asString()).isEqualTo("failed");
        assertThat(tests.get(1).get("output").asString()).startsWith("Wrong (transposed): You sent 2×3");
        assertThat(tests.get(2).get("max_score").asDouble()).isEqualTo(1.0);
        assertThat(tests.get(2).get("output").asString())
                .isEqualTo("Wrong (scaled), 3 of 3 entries outside the tolerance: "
                        + "Every entry is 2× the reference: the ½ of the half-sse loss was dropped.");
    }

    @Test
    void prairieLearnExternalGraderResult() throws Exception {
        JsonNode result = grade("prairielearn", "\"points\": {\"/layers/0/weightGradient\": 3, \"/loss\": 2}", false);

        assertThat(keys(result)).isSubsetOf(PRAIRIELEARN_TOP).containsOnly("gradable", "score", "message", "tests");
        assertThat(result.get("gradable").isBoolean()).isTrue();
        assertThat(result.get("gradable").asBoolean()).isTrue();
        assertThat(result.get("score").isNumber()).isTrue();
        assertThat(result.get("score").asDouble()).isEqualTo(2.0 / 6);
        assertThat(result.get("message").asString()).startsWith("2 of 6 points: 1 of 3 fields correct.");
        JsonNode tests = result.get("tests");
        assertThat(tests).hasSize(3);
        for (JsonNode test : tests) {
            assertThat(keys(test))
                    .isSubsetOf(PRAIRIELEARN_TEST)
                    .containsOnly("name", "points", "max_points", "message");
            assertThat(test.get("points").asDouble())
                    .isBetween(0.0, test.get("max_points").asDouble());
            assertThat(test.get("message").isString()).isTrue();
        }
        assertThat(tests.get(0).get("name").asString()).isEqualTo("/loss");
        assertThat(tests.get(0).get("points").asDouble()).isEqualTo(2.0);
        assertThat(tests.get(0).get("message").asString()).isEqualTo("Correct.");
        assertThat(tests.get(1).get("max_points").asDouble()).isEqualTo(3.0);
        assertThat(tests.get(1).get("points").asDouble()).isZero();
    }

    @Test
    void theReferenceAppearsOnlyWhenRevealed() throws Exception {
        String wrongLoss = "{\"loss\": 30}";
        for (String format : List.of("gradescope", "prairielearn")) {
            String hidden = json.writeValueAsString(grade(format, wrongLoss, null, false));
            assertThat(hidden).as(format).doesNotContain("24.5").doesNotContain("5.5");
            String revealed = json.writeValueAsString(grade(format, wrongLoss, null, true));
            assertThat(revealed).as(format).contains("Reference: 24.5.");
        }
    }

    @Test
    void thePointsNameSubmittedFields() throws Exception {
        String body = request("gradescope", SUBMISSION, "\"points\": {\"/layers/1/delta\": 2, \"/loss\": -1}", false);
        mvc.perform(post("/api/v1/grade")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].pointer").value("/points/~1layers~11~1delta"))
                .andExpect(jsonPath("$.errors[1].pointer").value("/points/~1loss"));
        mvc.perform(post("/api/v1/grade")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(request("moodle", SUBMISSION, null, false)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].pointer").value("/format"));
    }

    @Test
    void theDefaultFormatIsVersionOnesAndWeighsTheScore() throws Exception {
        JsonNode plain = grade(null, null, false);
        assertThat(plain.has("fields")).isTrue();
        assertThat(plain.get("score").asDouble()).isEqualTo(1.0 / 3);
        JsonNode weighted = grade(null, "\"points\": {\"/loss\": 2}", false);
        assertThat(weighted.get("score").asDouble()).isEqualTo(2.0 / 4);
        assertThat(weighted.get("correct").asInt()).isEqualTo(1);
    }

    /**
     * The 200 response's examples in the spec are the service's own answers to the request
     * examples {@code grade-gradescope} and {@code grade-prairielearn}: recorded here with
     * {@code -Dopenapi.update=true}, compared otherwise.
     */
    @ParameterizedTest
    @ValueSource(strings = {"grade-gradescope", "grade-prairielearn"})
    void theSpecsResponseExamplesAreRecordedAnswers(String name) throws Exception {
        JsonNode request =
                json.readTree(Files.readString(Path.of("src/main/resources/openapi/examples", name + ".json")));
        String body = mvc.perform(post("/api/v1/grade")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(request.get("value"))))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        Path recorded = Path.of("src/main/resources/openapi/responses", name + ".json");
        if (Boolean.getBoolean("openapi.update")) {
            ObjectNode example = json.createObjectNode();
            example.put("summary", request.get("summary").asString().replace(": a results file", ": the results file"));
            example.set("value", json.readTree(body));
            Files.writeString(recorded, json.writerWithDefaultPrettyPrinter().writeValueAsString(example) + "\n");
        }
        assertThat(json.readTree(body))
                .isEqualTo(json.readTree(Files.readString(recorded)).get("value"));
    }

    // ---- helpers

    private JsonNode grade(String format, String points, boolean reveal) throws Exception {
        return grade(format, SUBMISSION, points, reveal);
    }

    private JsonNode grade(String format, String submission, String points, boolean reveal) throws Exception {
        String body = mvc.perform(post("/api/v1/grade")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(request(format, submission, points, reveal)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return json.readTree(body);
    }

    private static String request(String format, String submission, String points, boolean reveal) {
        List<String> members = new ArrayList<>(List.of("\"problem\": " + PROBLEM, "\"submission\": " + submission));
        if (format != null) {
            members.add("\"format\": \"" + format + "\"");
        }
        if (points != null) {
            members.add(points);
        }
        if (reveal) {
            members.add("\"reveal\": true");
        }
        return "{" + String.join(", ", members) + "}";
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.propertyNames().forEach(keys::add);
        return keys;
    }
}
