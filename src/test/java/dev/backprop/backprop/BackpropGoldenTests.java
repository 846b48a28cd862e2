package dev.backprop.backprop;

import static dev.backprop.support.JsonAssertions.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.support.GoldenCases;
import dev.backprop.support.GoldenCases.GoldenCase;
import dev.backprop.support.ServiceSlice;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every field of /backprop and /forward against PyTorch float64 (autograd), to 1e-9 relative, on
 * the committed golden cases: every layout × activation × loss, with and without bias, depth 1–4,
 * N = 1 and D = 1, exact ReLU ties and saturated inputs.
 */
@WebMvcTest(BackpropController.class)
@Import(ServiceSlice.class)
class BackpropGoldenTests {

    private static final Set<String> WARNINGS = Set.of("warnings");

    /** Release 1's cases predate ∂L/∂x and ∂L/∂z_k, which the release 1.1 cases check. */
    private static final Set<String> V1_IGNORED = Set.of("warnings", "inputGradient", "activationGradient");

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper mapper;

    static List<GoldenCase> cases() {
        return GoldenCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void backpropEqualsPyTorch(GoldenCase golden) throws Exception {
        JsonNode answer = post("/api/v1/backprop", golden.request());

        assertClose(golden.response(), answer, V1_IGNORED);
    }

    static List<GoldenCase> v11Cases() {
        return GoldenCases.of("backprop-v11-cases.jsonl");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("v11Cases")
    void everyReleaseOneOneOptionEqualsPyTorch(GoldenCase golden) throws Exception {
        JsonNode answer = post("/api/v1/backprop", golden.request());

        assertClose(golden.response(), answer, WARNINGS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("v11Cases")
    void forwardOfEveryReleaseOneOneOptionEqualsPyTorch(GoldenCase golden) throws Exception {
        JsonNode answer = post("/api/v1/forward", golden.request());

        assertClose(forwardPart(golden.response(), golden.request().has("y")), answer, WARNINGS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void forwardEqualsPyTorch(GoldenCase golden) throws Exception {
        JsonNode answer = post("/api/v1/forward", golden.request());

        assertClose(forwardPart(golden.response(), true), answer, WARNINGS);
    }

    /** The fields of a /backprop answer that /forward gives too. */
    private static ObjectNode forwardPart(JsonNode backprop, boolean withLoss) {
        ObjectNode expected = (ObjectNode) backprop.deepCopy();
        expected.remove(List.of("outputGradient", "inputGradient"));
        if (!withLoss) {
            expected.remove(List.of("loss", "dataLoss", "regularizationLoss"));
        }
        for (JsonNode layer : expected.get("layers")) {
            ((ObjectNode) layer).remove(List.of("delta", "activationGradient", "weightGradient", "biasGradient"));
            if (layer.has("batchNorm")) {
                ((ObjectNode) layer.get("batchNorm")).remove(List.of("outputDelta", "gammaGradient", "betaGradient"));
            }
        }
        return expected;
    }

    @org.junit.jupiter.api.Test
    void thereAreAtLeast300Cases() {
        assertThat(cases()).hasSizeGreaterThanOrEqualTo(300);
    }

    private JsonNode post(String path, JsonNode request) throws Exception {
        return GoldenCases.answer(mvc, mapper, path, request);
    }
}
