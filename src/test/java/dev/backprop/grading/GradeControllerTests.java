package dev.backprop.grading;

import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.backprop.support.ServiceSlice;
import dev.backprop.support.WorkedExample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** {@code POST /api/v1/grade} as a slice: the API's example, and every kind of invalid request with its pointer. */
@WebMvcTest(GradeController.class)
@Import(ServiceSlice.class)
class GradeControllerTests {

    private static final String PROBLEM = WorkedExample.REQUEST;

    /** The API's example of /grade. */
    private static final String EXAMPLE = """
            {"problem": PROBLEM,
             "submission": {"loss": 24.5,
                            "layers": [{"weightGradient": [[7, 11, 1.5], [-3.5, 27, -17]]},
                                       {"weightGradient": [[21, -54, -31]]}]},
             "tolerance": {"rtol": 1e-5, "atol": 1e-8}}""".replace("PROBLEM", PROBLEM);

    @Autowired
    MockMvc mvc;

    @Test
    void theApiExample() throws Exception {
        mvc.perform(post("/api/v1/grade")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(EXAMPLE))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.score").value(1.0 / 3))
                .andExpect(jsonPath("$.correct").value(1))
                .andExpect(jsonPath("$.total").value(3))
                .andExpect(jsonPath("$.fields[0].pointer").value("/loss"))
                .andExpect(jsonPath("$.fields[0].correct").value(true))
                .andExpect(jsonPath("$.fields[0].maxAbsError").value(0.0))
                .andExpect(jsonPath("$.fields[0]", not(hasKey("diagnosis"))))
                .andExpect(jsonPath("$.fields[1].diagnosis").value("transposed"))
                .andExpect(jsonPath("$.fields[2].diagnosis").value("scaled"))
                .andExpect(jsonPath("$.fields[2].factor").value(2.0))
                .andExpect(jsonPath("$.fields[2].wrongEntries").value(3))
                .andExpect(jsonPath("$.fields[2]", not(hasKey("reference"))))
                .andExpect(jsonPath("$.warnings[0].code").value("relu-input-zero"))
                .andExpect(jsonPath("$.warnings[0].pointer").value("/problem/layers/0"))
                .andExpect(jsonPath("$.warnings[0].detail")
                        .value(org.hamcrest.Matchers.allOf(
                                org.hamcrest.Matchers.containsString("in layer 0 "),
                                org.hamcrest.Matchers.containsString("/layers/0/preActivation/1/2"))));
    }

    /** A /train problem, told by its optimizer: W_2 after one step of η = 0.5, with the sign of the step flipped. */
    @Test
    void aTrainProblemIsToldByItsOptimizer() throws Exception {
        // ∂L/∂W_2 = [[10.5, -27, -15.5]] (the worked example's), so W_2 + η·∂L/∂W_2 = [[6.25, -15.5, -6.75]]
        String body = """
                {"problem": PROBLEM_WITH_OPTIMIZER,
                 "submission": {"lossHistory": [24.5],
                                "layers": [{}, {"weights": [[6.25, -15.5, -6.75]]}]}}""".replace(
                        "PROBLEM_WITH_OPTIMIZER",
                        PROBLEM.replace(
                                "\"loss\": \"half-sse\"",
                                "\"loss\": \"half-sse\", "
                                        + "\"optimizer\": {\"name\": \"sgd\", \"learningRate\": 0.5}, \"steps\": 1"));
        mvc.perform(post("/api/v1/grade")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.fields[0].pointer").value("/lossHistory"))
                .andExpect(jsonPath("$.fields[0].diagnosis").value("shape-mismatch"))
                .andExpect(jsonPath("$.fields[0].hint")
                        .value("You sent a vector of 1 numbers; the loss history is steps + 1 = 2 numbers, "
                                + "L_0 before the first step to L_steps after the last."))
                .andExpect(jsonPath("$.fields[1].pointer").value("/layers/1/weights"))
                .andExpect(jsonPath("$.fields[1].diagnosis").value("update-sign"));
    }

    @Test
    void anUnknownMistakeIsAnExplicitNullAndRevealShowsTheReference() throws Exception {
        String body = """
                {"problem": PROBLEM, "submission": {"outputGradient": [[1], [2], [3], [5]]}, "reveal": true}""".replace("PROBLEM", PROBLEM);
        mvc.perform(post("/api/v1/grade")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.fields[0]", hasKey("diagnosis")))
                .andExpect(jsonPath("$.fields[0].diagnosis").value(nullValue()))
                .andExpect(jsonPath("$.fields[0].reference[3][0]").value(3.5));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"problem\": PROBLEM, \"submission\": {\"loss\": 1}, \"revael\": true}|/revael|unknown-property",
                "{\"problem\": PROBLEM, \"submission\": {\"los\": 1}}|/submission/los|unknown-property",
                "{\"problem\": PROBLEM, \"submission\": {\"layers\": [{\"wieghtGradient\": [[1]]}]}}|/submission/layers/0/wieghtGradient|unknown-property",
                "{\"problem\": PROBLEM, \"submission\": {\"loss\": 1}, \"tolerance\": {\"rtol\": \"1e-3\"}}|/tolerance/rtol|wrong-type",
                "{\"problem\": PROBLEM, \"submission\": {\"loss\": 1}, \"tolerance\": {\"atol\": -1}}|/tolerance/atol|invalid-value",
                "{\"submission\": {\"loss\": 1}}|/problem|missing-property",
                "{\"problem\": PROBLEM}|/submission|missing-property",
                "{\"problem\": PROBLEM, \"submission\": {}}|/submission|invalid-value",
                "{\"problem\": PROBLEM, \"submission\": {\"layers\": [{}, {}, {}]}}|/submission/layers/2|invalid-value",
                "{\"problem\": PROBLEM, \"submission\": {\"layers\": [{\"delta\": [[1, \"2\"]]}]}}|/submission/layers/0/delta/0/1|wrong-type",
                "{\"problem\": {\"layout\": \"torch\"}, \"submission\": {\"loss\": 1}}|/problem/layers|missing-property",
                "{\"problem\": PROBLEM, \"submission\": {\"loss\": 1}, \"reveal\": 1}|/reveal|wrong-type"
            })
    void invalidRequestsArePointedAt(String body, String pointer, String type) throws Exception {
        mvc.perform(post("/api/v1/grade")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body.replace("PROBLEM", PROBLEM)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:problem-type:backprop:" + type))
                .andExpect(jsonPath("$.errors[0].pointer").value(pointer));
    }
}
