package dev.backprop.teaching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.backprop.nn.Activation;
import dev.backprop.nn.Loss;
import dev.backprop.support.LatexCheck;
import dev.backprop.support.ServiceSlice;
import dev.backprop.support.WorkedExample;
import dev.backprop.web.ProblemType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Gradient check, batch, explain and the function catalogue as a slice, with their invalid requests. */
@WebMvcTest(TeachingController.class)
@Import(ServiceSlice.class)
@TestPropertySource(properties = "backprop.teaching.batch-max-problems=3")
class TeachingControllerTests {

    /** The seed's network: a ReLU input exactly 0 in layer 1, sample 3, unit 2. */
    static final String SEED = WorkedExample.REQUEST;

    /** A smooth network in the torch layout, with biases. */
    static final String SMOOTH = """
            {"layout": "torch",
             "layers": [{"weights": [[0.5, -1], [0.25, 2], [1, 0.75]], "bias": [0.1, -0.2, 0.3], "activation": "tanh"},
                        {"weights": [[1, -0.5, 0.5], [0.2, 0.3, -0.4]], "bias": [0.5, 0], "activation": "sigmoid"}],
             "x": [[1, 2], [0, 1], [-1, 0.5]], "y": [[0, 1], [1, 0], [0.5, 0.5]], "loss": "binary-cross-entropy"}""";

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    // ---- gradient check

    @Test
    void gradientCheckPassesOnASmoothNetwork() throws Exception {
        mvc.perform(post("/api/v1/gradient-check")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(SMOOTH))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.epsilon").value(1e-6))
                .andExpect(jsonPath("$.passed").value(true))
                .andExpect(
                        result -> assertThat(json.readTree(result.getResponse().getContentAsString())
                                        .get("maxRelativeError")
                                        .doubleValue())
                                .isLessThan(1e-5)
                                .isPositive())
                .andExpect(jsonPath("$", not(hasKey("kinks"))))
                // torch: the numeric gradient has the shape of W_1 as sent, 3×2
                .andExpect(
                        jsonPath("$.layers[0].weightGradient.numeric.length()").value(3))
                .andExpect(jsonPath("$.layers[0].weightGradient.numeric[0].length()")
                        .value(2))
                .andExpect(jsonPath("$.layers[1].biasGradient.numeric.length()").value(2));
    }

    @Test
    void gradientCheckListsKinksOnReluTies() throws Exception {
        // s = −w_21 + 0·w_22 for sample 3: only W_1[1][0] moves it across 0
        mvc.perform(post("/api/v1/gradient-check")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(SEED))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.passed").value(true))
                .andExpect(jsonPath("$.kinks.length()").value(1))
                .andExpect(jsonPath("$.kinks[0].pointer").value("/layers/0/weights/1/0"))
                .andExpect(jsonPath("$.layers[0].weightGradient.analytic[1][0]").value(11.0));
    }

    @Test
    void gradientCheckFailsAWrongGradient() throws Exception {
        // with ε = 0.5 the differences of a tanh network are far from its derivative: the check has teeth
        mvc.perform(post("/api/v1/gradient-check")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(SMOOTH.replace("\"loss\"", "\"epsilon\": 0.5, \"loss\"")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.passed").value(false));
    }

    @Test
    void gradientCheckRefusesAStepThatLeavesTheLossDomain() throws Exception {
        // binary cross-entropy on probabilities: w = 1 + 1 makes the output 1.8, whose log(1 − a) is NaN
        mvc.perform(post("/api/v1/gradient-check")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"layout": "sample-first", "layers": [{"weights": [[1]], "activation": "identity"}],
                                 "x": [[0.9]], "y": [[1]], "loss": "binary-cross-entropy",
                                 "lossInput": "probabilities", "epsilon": 1}"""))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type")
                        .value(ProblemType.NON_FINITE_RESULT.type().toString()))
                .andExpect(jsonPath("$.errors[0].pointer").value("/layers/0/weights/0/0"));
    }

    // ---- batch

    @Test
    void oneBadProblemNeverFailsTheOthers() throws Exception {
        String bad = SEED.replace("[[1, -2, 1]]", "[[1, -2]]");
        String body = "{\"problems\": [" + SEED + ", " + bad + ", " + SMOOTH + "]}";
        mvc.perform(post("/api/v1/backprop/batch")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.results.length()").value(3))
                .andExpect(jsonPath("$.results[0].status").value(200))
                .andExpect(jsonPath("$.results[0].body.loss").value(24.5))
                .andExpect(jsonPath("$.results[1].status").value(400))
                .andExpect(jsonPath("$.results[1].body.type").value("urn:problem-type:backprop:shape-mismatch"))
                .andExpect(jsonPath("$.results[1].body.errors[0].pointer").value("/layers/1/weights"))
                .andExpect(jsonPath("$.results[2].status").value(200))
                .andExpect(jsonPath("$.results[2].body.layout").value("torch"));
    }

    @Test
    void aProblemThatIsNotEvenAValidRequestFailsAlone() throws Exception {
        String body = "{\"problems\": [" + SEED.replace("\"weights\": [[1, -2, 1]]", "\"wieghts\": [[1, -2, 1]]")
                + ", 7, " + SEED + "]}";
        mvc.perform(post("/api/v1/backprop/batch")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.results[0].status").value(400))
                .andExpect(jsonPath("$.results[0].body.type").value("urn:problem-type:backprop:unknown-property"))
                .andExpect(jsonPath("$.results[0].body.errors[0].pointer").value("/layers/1/wieghts"))
                .andExpect(jsonPath("$.results[1].status").value(400))
                .andExpect(jsonPath("$.results[1].body.type").value("urn:problem-type:backprop:wrong-type"))
                .andExpect(jsonPath("$.results[2].status").value(200));
    }

    // ---- explain

    @ParameterizedTest
    @ValueSource(strings = {"seed", "smooth", "sample-first-softmax"})
    void explainWritesMarkdownWhoseLatexIsWellFormed(String name) throws Exception {
        String problem =
                switch (name) {
                    case "seed" -> SEED;
                    case "smooth" -> SMOOTH;
                    default ->
                        SMOOTH.replace("\"torch\"", "\"sample-first\"")
                                .replace("[[0.5, -1], [0.25, 2], [1, 0.75]]", "[[0.5, -1, 0.25], [2, 1, 0.75]]")
                                .replace("[[1, -0.5, 0.5], [0.2, 0.3, -0.4]]", "[[1, 0.2], [-0.5, 0.3], [0.5, -0.4]]")
                                .replace("\"sigmoid\"", "\"softmax\"")
                                .replace("binary-cross-entropy", "mse");
                };
        String markdown = mvc.perform(post("/api/v1/explain")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(problem))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/markdown"))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(markdown)
                .startsWith("# ")
                .contains("## Forward pass", "## Backward pass", "\\overset{[N \\times D_1]}{\\delta_1}");
        assertThat(LatexCheck.fragments(markdown)).isNotEmpty().allSatisfy(LatexCheck::assertWellFormed);
        // the samples KaTeX itself parses in scripts/katex/check-latex.mjs
        Path sample = Path.of("target", "explain", name + ".md");
        Files.createDirectories(sample.getParent());
        Files.writeString(sample, markdown);
    }

    /**
     * Every request example of /explain (release 1.1's regularization, upstream gradient, batch
     * norm, dimension-first-throughout with probabilities, a /train step): well-formed LaTeX, and a
     * sample for KaTeX.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "regularized-softmax-classifier",
                "layer-test-upstream-gradient",
                "batch-norm-layer",
                "planar-tanh-sigmoid-probabilities",
                "train-2-2-2-one-step"
            })
    void explainOfEveryReleaseOneOneExampleIsWellFormed(String example) throws Exception {
        String file;
        try (var in = getClass().getResourceAsStream("/openapi/examples/" + example + ".json")) {
            file = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String request = tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(file)
                .get("value")
                .toString();
        String markdown = mvc.perform(post("/api/v1/explain")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(request))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(LatexCheck.fragments(markdown)).isNotEmpty().allSatisfy(LatexCheck::assertWellFormed);
        Path sample = Path.of("target", "explain", example + ".md");
        Files.createDirectories(sample.getParent());
        Files.writeString(sample, markdown);
    }

    @Test
    void explainShowsThisProblemsNumbersInTheSeedsNotation() throws Exception {
        mvc.perform(post("/api/v1/explain")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(SEED))
                .andExpect(content()
                        .string(containsString(
                                "\\overset{[D_1 \\times N]}{s_1} = \\overset{[D_1 \\times D_{0}]}{W_1}")))
                .andExpect(content().string(containsString("= 24.5")))
                .andExpect(
                        content()
                                .string(
                                        containsString(
                                                "\\begin{bmatrix}-1 & -1 & -1 & 3 \\\\ 4 & 2 & 0 & -2 \\\\ 3 & 1 & -1 & 1\\end{bmatrix}")))
                .andExpect(content().string(containsString("`relu-input-zero`")));
    }

    // ---- functions

    @Test
    void theFunctionCatalogueComesFromTheEnums() throws Exception {
        String body = mvc.perform(get("/api/v1/functions"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.layouts[*].name")
                        .value(org.hamcrest.Matchers.contains(
                                "dimension-first", "sample-first", "torch", "dimension-first-throughout")))
                .andExpect(jsonPath("$.layouts[0].weights").value("D_k×D_{k-1}"))
                .andExpect(jsonPath("$.layouts[1].samples").value("N×D_k"))
                .andExpect(jsonPath("$.activations[?(@.name == 'relu')].kinkedAtZero")
                        .value(hasItem(true)))
                .andExpect(jsonPath("$.losses[?(@.name == 'mse')].pytorch").value(hasItem("nn.MSELoss()")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        JsonNode catalogue = json.readTree(body);
        assertThat(catalogue.get("activations")).hasSize(Activation.values().length);
        assertThat(catalogue.get("losses")).hasSize(Loss.values().length);
        for (String group : new String[] {"activations", "losses"}) {
            for (JsonNode entry : catalogue.get(group)) {
                LatexCheck.assertWellFormed(entry.get("latex").asString());
            }
        }
        for (JsonNode layout : catalogue.get("layouts")) {
            for (String formula : new String[] {"forward", "weightGradient", "inputGradient"}) {
                LatexCheck.assertWellFormed(layout.get(formula).asString());
            }
        }
    }

    // ---- invalid requests

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "/api/v1/gradient-check|SEED_WITH \"epsilonn\": 1e-4,|/epsilonn|unknown-property|400",
                "/api/v1/gradient-check|SEED_WITH \"epsilon\": 0,|/epsilon|invalid-value|400",
                "/api/v1/gradient-check|SEED_WITH \"epsilon\": \"small\",|/epsilon|wrong-type|400",
                "/api/v1/explain|SEED_WITH \"verbose\": true,|/verbose|unknown-property|400",
                "/api/v1/explain|SEED_WITH \"loss\": \"l1\",|/loss|duplicate-property|400",
                "/api/v1/backprop/batch|{\"problem\": []}|/problem|unknown-property|400",
                "/api/v1/backprop/batch|{}|/problems|missing-property|400",
                "/api/v1/backprop/batch|{\"problems\": {}}|/problems|wrong-type|400",
                "/api/v1/backprop/batch|{\"problems\": [1, 2, 3, 4]}|/problems|limit-exceeded|422"
            })
    void invalidRequestsArePointedAt(String path, String body, String pointer, String type, int status)
            throws Exception {
        String content = body.replace("SEED_WITH", SEED.substring(0, SEED.indexOf('{') + 1));
        if (content.startsWith("{\"layout") || content.startsWith("{ \"")) {
            content = content + SEED.substring(SEED.indexOf('{') + 1);
        }
        mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(content))
                .andExpect(status().is(status))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:problem-type:backprop:" + type))
                .andExpect(jsonPath("$.errors[0].pointer").value(pointer));
    }
}
