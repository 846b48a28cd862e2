package dev.backprop.train;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.backprop.support.ServiceSlice;
import dev.backprop.web.ProblemType;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * /optimizer-step as a slice: one test per class of invalid request (the status, the stable type,
 * the JSON pointer and a detail that says what was sent and what is needed), the 422s, and the
 * answer to a valid request.
 */
@WebMvcTest(OptimizerStepController.class)
@Import(ServiceSlice.class)
@TestPropertySource(properties = "backprop.limits.compute.max-numbers=40")
class OptimizerStepValidationTests {

    /** A valid request with one place to break: sgd with momentum from a zero velocity. */
    private static final String VALID = """
            {"optimizer": {"name": "sgd", "learningRate": 0.1, "momentum": 0.9},
             "parameters": {"w": [[1, 2], [3, 4]], "b": [0.5, -1]},
             "gradients": {"w": [[0.1, 0.2], [0.3, 0.4]], "b": [1, 0]},
             "state": {"step": 1, "parameters": {"w": {"momentumBuffer": [[0, 0], [0, 0]]}, "b": {"momentumBuffer": [0, 0]}}}}""";

    private static final String ADAM = """
            {"optimizer": {"name": "adam", "learningRate": 0.1},
             "parameters": {"w": [[1, 2]]},
             "gradients": {"w": [[0.5, -0.5]]},
             "state": {"step": 3, "parameters": {"w": {"expAvg": [[0, 0]], "expAvgSq": [[1, 1]]}}}}""";

    @Autowired
    MockMvc mvc;

    record InvalidCase(String name, String body, ProblemType type, String pointer, String detail) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<InvalidCase> invalidRequests() {
        return Stream.of(
                // ---- the optimizer
                new InvalidCase(
                        "missing optimizer",
                        VALID.replace(
                                "\"optimizer\": {\"name\": \"sgd\", \"learningRate\": 0.1, \"momentum\": 0.9},", ""),
                        ProblemType.MISSING_PROPERTY,
                        "/optimizer",
                        "/optimizer is required: an object with name and learningRate"),
                new InvalidCase(
                        "missing learning rate",
                        VALID.replace("\"learningRate\": 0.1, ", ""),
                        ProblemType.MISSING_PROPERTY,
                        "/optimizer/learningRate",
                        "/optimizer/learningRate is required: a finite number ≥ 0"),
                new InvalidCase(
                        "missing name",
                        VALID.replace("\"name\": \"sgd\", ", ""),
                        ProblemType.MISSING_PROPERTY,
                        "/optimizer/name",
                        "/optimizer/name is required: one of sgd, adam, adamw, rmsprop, adagrad"),
                new InvalidCase(
                        "unknown optimizer",
                        VALID.replace("\"sgd\"", "\"adamax\""),
                        ProblemType.UNKNOWN_NAME,
                        "/optimizer/name",
                        "/optimizer/name is \"adamax\", which is not a known optimizer; the valid names are sgd, adam, "
                                + "adamw, rmsprop, adagrad"),
                new InvalidCase(
                        "an option of another optimizer",
                        ADAM.replace("\"learningRate\": 0.1", "\"learningRate\": 0.1, \"nesterov\": true"),
                        ProblemType.UNKNOWN_PROPERTY,
                        "/optimizer/nesterov",
                        "/optimizer/nesterov is not an option of adam (it is one of sgd); adam takes learningRate, "
                                + "betas, epsilon, weightDecay, amsgrad"),
                new InvalidCase(
                        "an option no optimizer has",
                        VALID.replace("\"momentum\": 0.9", "\"momentum\": 0.9, \"lr\": 0.1"),
                        ProblemType.UNKNOWN_PROPERTY,
                        "/optimizer/lr",
                        "Unknown property \"lr\" at /optimizer/lr"),
                new InvalidCase(
                        "negative learning rate",
                        VALID.replace("\"learningRate\": 0.1", "\"learningRate\": -0.1"),
                        ProblemType.INVALID_VALUE,
                        "/optimizer/learningRate",
                        "/optimizer/learningRate is -0.1, but it must be a finite number ≥ 0"),
                new InvalidCase(
                        "learning rate that overflows",
                        VALID.replace("\"learningRate\": 0.1", "\"learningRate\": 1e400"),
                        ProblemType.INVALID_VALUE,
                        "/optimizer/learningRate",
                        "but it must be a finite number ≥ 0"),
                new InvalidCase(
                        "negative momentum",
                        VALID.replace("\"momentum\": 0.9", "\"momentum\": -0.9"),
                        ProblemType.INVALID_VALUE,
                        "/optimizer/momentum",
                        "/optimizer/momentum is -0.9, but it must be a finite number ≥ 0"),
                new InvalidCase(
                        "nesterov without momentum",
                        VALID.replace("\"momentum\": 0.9", "\"nesterov\": true"),
                        ProblemType.INVALID_VALUE,
                        "/optimizer/nesterov",
                        "/optimizer/nesterov is true, but Nesterov momentum needs a momentum > 0 and a dampening of 0 "
                                + "(momentum is 0.0, dampening 0.0)"),
                new InvalidCase(
                        "nesterov with dampening",
                        VALID.replace("\"momentum\": 0.9", "\"momentum\": 0.9, \"nesterov\": true, \"dampening\": 0.1"),
                        ProblemType.INVALID_VALUE,
                        "/optimizer/nesterov",
                        "dampening 0.1"),
                new InvalidCase(
                        "beta of 1",
                        ADAM.replace("\"learningRate\": 0.1", "\"learningRate\": 0.1, \"betas\": [0.9, 1]"),
                        ProblemType.INVALID_VALUE,
                        "/optimizer/betas/1",
                        "/optimizer/betas/1 is 1.0, but it must be in [0, 1)"),
                new InvalidCase(
                        "three betas",
                        ADAM.replace("\"learningRate\": 0.1", "\"learningRate\": 0.1, \"betas\": [0.9, 0.99, 0.999]"),
                        ProblemType.INVALID_VALUE,
                        "/optimizer/betas",
                        "/optimizer/betas has 3 numbers, but it must have 2: [β_1, β_2]"),
                new InvalidCase(
                        "negative epsilon",
                        ADAM.replace("\"learningRate\": 0.1", "\"learningRate\": 0.1, \"epsilon\": -1e-8"),
                        ProblemType.INVALID_VALUE,
                        "/optimizer/epsilon",
                        "/optimizer/epsilon is -1.0E-8, but it must be a finite number ≥ 0"),
                new InvalidCase(
                        "a boolean as a string",
                        ADAM.replace("\"learningRate\": 0.1", "\"learningRate\": 0.1, \"amsgrad\": \"true\""),
                        ProblemType.WRONG_TYPE,
                        "/optimizer/amsgrad",
                        "/optimizer/amsgrad"),
                new InvalidCase(
                        "updateBiases false",
                        VALID.replace("\"momentum\": 0.9", "\"momentum\": 0.9, \"updateBiases\": false"),
                        ProblemType.INVALID_VALUE,
                        "/optimizer/updateBiases",
                        "/optimizer/updateBiases is false, but /optimizer-step has no biases to keep fixed"),
                // ---- parameters and gradients
                new InvalidCase(
                        "missing parameters",
                        VALID.replace("\"parameters\": {\"w\": [[1, 2], [3, 4]], \"b\": [0.5, -1]},", ""),
                        ProblemType.MISSING_PROPERTY,
                        "/parameters",
                        "/parameters is required: an object of named matrices or vectors"),
                new InvalidCase(
                        "no parameters",
                        ADAM.replace("\"parameters\": {\"w\": [[1, 2]]}", "\"parameters\": {}"),
                        ProblemType.INVALID_VALUE,
                        "/parameters",
                        "/parameters is empty: send at least one parameter"),
                new InvalidCase(
                        "a parameter that is a string",
                        VALID.replace("\"b\": [0.5, -1]", "\"b\": \"0.5\""),
                        ProblemType.WRONG_TYPE,
                        "/parameters/b",
                        "/parameters/b must be a matrix (an array of rows, e.g. [[1, 2], [3, 4]]) or a vector"),
                new InvalidCase(
                        "a ragged parameter",
                        VALID.replace("[[1, 2], [3, 4]]", "[[1, 2], [3]]"),
                        ProblemType.INVALID_MATRIX,
                        "/parameters/w/1",
                        "/parameters/w/1 has 1 numbers but row 0 has 2"),
                new InvalidCase(
                        "a vector with a row in it",
                        VALID.replace("\"b\": [0.5, -1]", "\"b\": [0.5, [1]]"),
                        ProblemType.WRONG_TYPE,
                        "/parameters/b/1",
                        "/parameters/b/1 must be a number, but is an array"),
                new InvalidCase(
                        "a null parameter",
                        VALID.replace("\"b\": [0.5, -1]", "\"b\": null"),
                        ProblemType.WRONG_TYPE,
                        "/parameters/b",
                        "/parameters/b is null, but must be a matrix or a vector"),
                new InvalidCase(
                        "missing gradients",
                        VALID.replace("\"gradients\": {\"w\": [[0.1, 0.2], [0.3, 0.4]], \"b\": [1, 0]},", ""),
                        ProblemType.MISSING_PROPERTY,
                        "/gradients",
                        "/gradients is required"),
                new InvalidCase(
                        "a gradient missing",
                        VALID.replace(", \"b\": [1, 0]}", "}"),
                        ProblemType.MISSING_PROPERTY,
                        "/gradients/b",
                        "/gradients/b is required: the gradient of /parameters/b, a vector of 2 numbers"),
                new InvalidCase(
                        "a gradient of no parameter",
                        VALID.replace("\"b\": [1, 0]}", "\"b\": [1, 0], \"c\": [1]}"),
                        ProblemType.UNKNOWN_PROPERTY,
                        "/gradients/c",
                        "/gradients/c names no parameter: /gradients must have exactly the names of /parameters, w, b"),
                new InvalidCase(
                        "a gradient of another shape",
                        VALID.replace("[[0.1, 0.2], [0.3, 0.4]]", "[[0.1, 0.2, 0.3]]"),
                        ProblemType.SHAPE_MISMATCH,
                        "/gradients/w",
                        "/gradients/w is a 1×3 matrix, but it must be a 2×2 matrix, the kind and shape of /parameters/w"),
                new InvalidCase(
                        "a vector gradient of a matrix parameter",
                        ADAM.replace("\"gradients\": {\"w\": [[0.5, -0.5]]}", "\"gradients\": {\"w\": [0.5, -0.5]}"),
                        ProblemType.SHAPE_MISMATCH,
                        "/gradients/w",
                        "/gradients/w is a vector of 2 numbers, but it must be a 1×2 matrix, the kind and shape of "
                                + "/parameters/w"),
                // ---- the state
                new InvalidCase(
                        "a state without step",
                        VALID.replace("\"step\": 1, ", ""),
                        ProblemType.MISSING_PROPERTY,
                        "/state/step",
                        "/state/step is required: an integer ≥ 0"),
                new InvalidCase(
                        "a negative step",
                        VALID.replace("\"step\": 1", "\"step\": -1"),
                        ProblemType.INVALID_VALUE,
                        "/state/step",
                        "/state/step is -1, but the steps taken are at least 0"),
                new InvalidCase(
                        "a step past 2^53 after this one",
                        VALID.replace("\"step\": 1", "\"step\": 9007199254740992"),
                        ProblemType.INVALID_VALUE,
                        "/state/step",
                        "/state/step is 9007199254740992, but the step count must stay at most 2^53"),
                new InvalidCase(
                        "a fractional step",
                        VALID.replace("\"step\": 1", "\"step\": 1.5"),
                        ProblemType.WRONG_TYPE,
                        "/state/step",
                        "/state/step"),
                new InvalidCase(
                        "a state without parameters",
                        ADAM.replace(", \"parameters\": {\"w\": {\"expAvg\": [[0, 0]], \"expAvgSq\": [[1, 1]]}}", ""),
                        ProblemType.MISSING_PROPERTY,
                        "/state/parameters",
                        "/state/parameters is required"),
                new InvalidCase(
                        "a state missing a parameter",
                        VALID.replace(", \"b\": {\"momentumBuffer\": [0, 0]}", ""),
                        ProblemType.MISSING_PROPERTY,
                        "/state/parameters/b",
                        "/state/parameters/b is required: the buffers of /parameters/b: momentumBuffer"),
                new InvalidCase(
                        "a state of another parameter",
                        VALID.replace("\"b\": {\"momentumBuffer\": [0, 0]}", "\"bias\": {\"momentumBuffer\": [0, 0]}"),
                        ProblemType.MISSING_PROPERTY,
                        "/state/parameters/b",
                        "/state/parameters/b is required: the buffers of /parameters/b"),
                new InvalidCase(
                        "a buffer missing",
                        ADAM.replace("\"expAvg\": [[0, 0]], ", ""),
                        ProblemType.MISSING_PROPERTY,
                        "/state/parameters/w/expAvg",
                        "/state/parameters/w/expAvg is required: a 1×2 matrix like /parameters/w: adam with these "
                                + "options keeps expAvg, expAvgSq for each parameter"),
                new InvalidCase(
                        "a buffer these options do not keep",
                        ADAM.replace("\"expAvgSq\": [[1, 1]]", "\"expAvgSq\": [[1, 1]], \"maxExpAvgSq\": [[1, 1]]"),
                        ProblemType.UNKNOWN_PROPERTY,
                        "/state/parameters/w/maxExpAvgSq",
                        "/state/parameters/w/maxExpAvgSq is kept only by adam and adamw with amsgrad; adam with these "
                                + "options keeps expAvg, expAvgSq for each parameter"),
                new InvalidCase(
                        "a buffer of no optimizer",
                        ADAM.replace("\"expAvg\"", "\"exp_avg\""),
                        ProblemType.UNKNOWN_PROPERTY,
                        "/state/parameters/w/exp_avg",
                        "/state/parameters/w/exp_avg is not a buffer of any optimizer"),
                new InvalidCase(
                        "a buffer of another shape",
                        VALID.replace("\"momentumBuffer\": [0, 0]", "\"momentumBuffer\": [[0, 0]]"),
                        ProblemType.SHAPE_MISMATCH,
                        "/state/parameters/b/momentumBuffer",
                        "/state/parameters/b/momentumBuffer is a 1×2 matrix, but it must be a vector of 2 numbers, "
                                + "the kind and shape of /parameters/b"),
                // ---- 422
                new InvalidCase(
                        "a result that is not finite",
                        """
                        {"optimizer": {"name": "adagrad", "learningRate": 0.1, "epsilon": 0},
                         "parameters": {"w": [1, 2]}, "gradients": {"w": [0, 1]}}""",
                        ProblemType.NON_FINITE_RESULT,
                        "/parameters/w",
                        "After the step, w (/parameters/w) is not finite at entry 0 (row-major): NaN"),
                new InvalidCase(
                        "past the compute limits",
                        """
                        {"optimizer": {"name": "adam", "learningRate": 0.1},
                         "parameters": {"w": [[1, 2, 3], [4, 5, 6], [7, 8, 9]]},
                         "gradients": {"w": [[1, 2, 3], [4, 5, 6], [7, 8, 9]]},
                         "state": {"step": 1, "parameters": {"w": {
                           "expAvg": [[1, 2, 3], [4, 5, 6], [7, 8, 9]], "expAvgSq": [[1, 2, 3], [4, 5, 6], [7, 8, 9]]}}}}""",
                        ProblemType.LIMIT_EXCEEDED,
                        "",
                        "The request has 63 numbers in the request and its answer together, more than the limit of 40"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRequests")
    void invalidRequestIsAProblemWithAPointer(InvalidCase invalid) throws Exception {
        mvc.perform(post("/api/v1/optimizer-step")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(invalid.body()))
                .andExpect(status().is(invalid.type().status().value()))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(invalid.type().type().toString()))
                .andExpect(jsonPath("$.errors[0].pointer").value(invalid.pointer()))
                .andExpect(jsonPath("$.errors[0].detail", containsString(invalid.detail())))
                .andExpect(jsonPath("$.detail", containsString(invalid.detail())));
    }

    @Test
    void validRequestStepsEveryParameterInItsKindAndShape() throws Exception {
        // b = 0.9·0 + g = g; θ = θ − 0.1·g
        mvc.perform(post("/api/v1/optimizer-step")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(VALID))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.parameters.w[1][1]").value(3.96))
                .andExpect(jsonPath("$.parameters.b[0]").value(0.4))
                .andExpect(jsonPath("$.parameters.b[1]").value(-1.0))
                .andExpect(jsonPath("$.state.step").value(2))
                .andExpect(jsonPath("$.state.parameters.w.momentumBuffer[0][1]").value(0.2))
                .andExpect(jsonPath("$.state.parameters.b.momentumBuffer[0]").value(1.0));
    }

    @Test
    void aFreshSgdStateHasNoMomentumBufferUntilTheFirstStep() throws Exception {
        // with dampening 0.5, torch's first step sets b = g, not (1 − 0.5)·g
        mvc.perform(post("/api/v1/optimizer-step")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"optimizer": {"name": "sgd", "learningRate": 1, "momentum": 0.9, "dampening": 0.5},
                                 "parameters": {"w": [1]}, "gradients": {"w": [2]}}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.parameters.w[0]").value(-1.0))
                .andExpect(jsonPath("$.state.step").value(1))
                .andExpect(jsonPath("$.state.parameters.w.momentumBuffer[0]").value(2.0));
    }
}
