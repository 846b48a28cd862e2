package dev.backprop.backprop;

import static dev.backprop.support.JsonAssertions.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.backprop.support.ServiceSlice;
import dev.backprop.support.WorkedExample;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/** The worked example: the answer must be the documented one, exactly, field by field. */
@WebMvcTest(BackpropController.class)
@Import(ServiceSlice.class)
public class WorkedExampleTests {

    static final String REQUEST = WorkedExample.REQUEST;

    /** API.md's response, as printed there. */
    static final String RESPONSE = """
            {
              "layout": "dimension-first",
              "loss": 24.5,
              "output": [[-4.5, -2.5, 0.5, 4.5]],
              "outputGradient": [[-5.5], [-2.5], [0.5], [3.5]],
              "layers": [
                {"preActivation": [[-1, -1, -1, 3], [4, 2, 0, -2], [3, 1, -1, 1]],
                 "activation":    [[0, 0, 0, 3], [4, 2, 0, 0], [3, 1, 0, 1]],
                 "delta":         [[0, 11, -5.5], [0, 5, -2.5], [0, 0, 0], [3.5, 0, 3.5]],
                 "weightGradient": [[7, -3.5], [11, 27], [1.5, -17]]},
                {"preActivation": [[-4.5, -2.5, 0.5, 4.5]],
                 "activation":    [[-4.5, -2.5, 0.5, 4.5]],
                 "delta":         [[-5.5], [-2.5], [0.5], [3.5]],
                 "weightGradient": [[10.5, -27, -15.5]],
                 "biasGradient":  [-4]}
              ]
            }
            """;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Test
    void theFixtureIsTheSpecsWorkedExample() throws Exception {
        try (var in = WorkedExampleTests.class.getResourceAsStream("/openapi/examples/worked-example.json")) {
            assertThat(JSON.readTree(in).get("value")).isEqualTo(JSON.readTree(REQUEST));
        }
    }

    @Test
    void backpropAnswersExactlyWhatApiMdPrints() throws Exception {
        String answer = mvc.perform(post("/api/v1/backprop")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(REQUEST))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andReturn()
                .getResponse()
                .getContentAsString();

        // exact: every number of this example is an integer or a half
        assertClose(
                JSON.readTree(RESPONSE),
                JSON.readTree(answer),
                "",
                0,
                0,
                Set.of("warnings", "inputGradient", "activationGradient"));
    }

    /**
     * Release 1.1's ∂L/∂x and ∂L/∂z_k of the same example, by hand: ∂L/∂z_1 = ∂L/∂y_out · W_2
     * (4×1 · 1×3), ∂L/∂z_2 = ∂L/∂y_out, and ∂L/∂x = δ_1 · W_1 (4×3 · 3×2).
     */
    @Test
    void theNewGradientsAreTheHandDerivedOnes() throws Exception {
        String answer = mvc.perform(post("/api/v1/backprop")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(REQUEST))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.dataLoss").doesNotExist())
                .andExpect(jsonPath("$.regularizationLoss").doesNotExist())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String expected = """
                {"inputGradient": [[-5.5, 16.5], [-2.5, 7.5], [0, 0], [7, 0]],
                 "layers": [{"activationGradient": [[-5.5, 11, -5.5], [-2.5, 5, -2.5], [0.5, -1, 0.5], [3.5, -7, 3.5]]},
                            {"activationGradient": [[-5.5], [-2.5], [0.5], [3.5]]}]}""";
        Set<String> others = Set.of(
                "layout",
                "loss",
                "output",
                "outputGradient",
                "warnings",
                "preActivation",
                "activation",
                "delta",
                "weightGradient",
                "biasGradient");
        assertClose(JSON.readTree(expected), JSON.readTree(answer), "", 0, 0, others);
    }

    @Test
    void forwardAnswersTheForwardFieldsAndTheLossWhenYIsGiven() throws Exception {
        mvc.perform(post("/api/v1/forward")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(REQUEST))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.loss").value(24.5))
                .andExpect(jsonPath("$.output[0][3]").value(4.5))
                .andExpect(jsonPath("$.outputGradient").doesNotExist())
                .andExpect(jsonPath("$.layers[0].activation[1][0]").value(4.0))
                .andExpect(jsonPath("$.layers[0].delta").doesNotExist())
                .andExpect(jsonPath("$.layers[1].weightGradient").doesNotExist());
    }

    @Test
    void forwardWithoutYHasNoLoss() throws Exception {
        mvc.perform(post("/api/v1/forward")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(WorkedExample.WITHOUT_Y))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.loss").doesNotExist())
                .andExpect(jsonPath("$.output[0][0]").value(-4.5));
    }
}
