package dev.backprop.train;

import static dev.backprop.support.JsonAssertions.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.support.GoldenCases;
import dev.backprop.support.GoldenCases.GoldenCase;
import dev.backprop.support.ServiceSlice;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every number of /optimizer-step against torch.optim float64, to 1e-9 relative, on the committed
 * golden cases: every optimizer with non-default options, fresh and given states, matrices and
 * vectors, and runs of steps each continued from the state torch left.
 */
@WebMvcTest(OptimizerStepController.class)
@Import(ServiceSlice.class)
class OptimizerStepGoldenTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper mapper;

    static List<GoldenCase> cases() {
        return GoldenCases.optimizerSteps();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void optimizerStepEqualsPyTorch(GoldenCase golden) throws Exception {

        // every field both ways: a buffer torch does not keep would be an unexpected field
        assertClose(
                golden.response(),
                GoldenCases.answer(mvc, mapper, "/api/v1/optimizer-step", golden.request()),
                Set.of());
    }

    @Test
    void everyOptimizerHasCasesFreshAndContinued() {
        for (String name : dev.backprop.nn.Optimizer.NAMES) {
            List<JsonNode> requests = cases().stream()
                    .map(GoldenCase::request)
                    .filter(request -> request.at("/optimizer/name").asString().equals(name))
                    .toList();
            assertThat(requests).as(name).anyMatch(request -> !request.has("state"));
            assertThat(requests).as(name).anyMatch(request -> request.has("state"));
        }
    }
}
