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
import tools.jackson.databind.json.JsonMapper;

/**
 * Every number of /train against torch.optim float64, to 1e-9 relative, on the committed golden
 * cases of scripts/golden/generate_train.py: every optimizer with non-default options, steps 1–20,
 * fresh and given states, fixed biases, batch norm, dropout and regularization in every layout,
 * continuations, and the 2-2-2 worked example.
 */
@WebMvcTest(TrainController.class)
@Import(ServiceSlice.class)
class TrainGoldenTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper mapper;

    static List<GoldenCase> cases() {
        return GoldenCases.of("train-cases.jsonl");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void trainEqualsTorchOptim(GoldenCase golden) throws Exception {

        // both ways: a buffer torch does not keep would be an unexpected field
        assertClose(golden.response(), GoldenCases.answer(mvc, mapper, "/api/v1/train", golden.request()), Set.of());
    }

    @Test
    void everyOptimizerIsCovered() {
        assertThat(cases()).hasSizeGreaterThanOrEqualTo(100);
        for (String optimizer : List.of("sgd", "adam", "adamw", "rmsprop", "adagrad")) {
            assertThat(cases())
                    .as(optimizer)
                    .anyMatch(golden ->
                            golden.request().at("/optimizer/name").asString().equals(optimizer));
        }
    }
}
