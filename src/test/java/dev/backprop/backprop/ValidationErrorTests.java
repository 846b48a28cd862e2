package dev.backprop.backprop;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
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
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * One test per class of invalid request: the status, the stable type, the JSON pointer of what is
 * wrong and a detail that says what is wrong and what is needed.
 */
@WebMvcTest(BackpropController.class)
@Import(ServiceSlice.class)
class ValidationErrorTests {

    /** A valid request with one place to break: the worked example's network on N = 1. */
    private static final String VALID = """
            {"layout": "dimension-first",
             "layers": [{"weights": [[1, -1], [0, 2], [1, 1]], "activation": "relu"},
                        {"weights": [[1, -2, 1]], "bias": [0.5], "activation": "identity"}],
             "x": [[1], [2]], "y": [[1]], "loss": "half-sse"}""";

    /** A valid request on N = 2 for release 1.1's options, each case adding one to break. */
    private static final String TWO = """
            {"layout": "dimension-first",
             "layers": [{"weights": [[1, -1], [0, 2], [1, 1]], "activation": "relu"},
                        {"weights": [[1, -2, 1]], "bias": [0.5], "activation": "identity"}],
             "x": [[1, 3], [2, -1]], "y": [[1, -1]]}""";

    /** {@link #TWO} with {@code extra} inside its first layer. */
    private static String firstLayerWith(String extra) {
        return TWO.replace("\"activation\": \"relu\"}", "\"activation\": \"relu\", " + extra + "}");
    }

    /** {@link #TWO} with {@code extra} at the top level. */
    private static String with(String extra) {
        return TWO.replace("\"y\": [[1, -1]]}", "\"y\": [[1, -1]], " + extra + "}");
    }

    @Autowired
    MockMvc mvc;

    static Stream<InvalidCase> releaseOneOneInvalidRequests() {
        return Stream.of(
                new InvalidCase(
                        "dropout mask entry neither 0 nor 1",
                        firstLayerWith("\"dropout\": {\"mask\": [[1, 0], [0.5, 1], [1, 1]], \"keepProbability\": 0.5}"),
                        ProblemType.INVALID_VALUE,
                        "/layers/0/dropout/mask/1/0",
                        "/layers/0/dropout/mask/1/0 is 0.5, but a dropout mask holds only 0 and 1"),
                new InvalidCase(
                        "dropout mask of the wrong shape",
                        firstLayerWith("\"dropout\": {\"mask\": [[1, 0, 1], [0, 1, 1]], \"keepProbability\": 0.5}"),
                        ProblemType.SHAPE_MISMATCH,
                        "/layers/0/dropout/mask",
                        "/layers/0/dropout/mask is 2×3, but it must have the shape of the activation z_1: in the "
                                + "dimension-first layout D_1×N = 3×2"),
                new InvalidCase(
                        "keepProbability 0",
                        firstLayerWith("\"dropout\": {\"mask\": [[1, 0], [0, 1], [1, 1]], \"keepProbability\": 0}"),
                        ProblemType.INVALID_VALUE,
                        "/layers/0/dropout/keepProbability",
                        "is 0.0, but the probability of keeping a unit must be in (0, 1]"),
                new InvalidCase(
                        "keepProbability above 1",
                        firstLayerWith("\"dropout\": {\"mask\": [[1, 0], [0, 1], [1, 1]], \"keepProbability\": 1.5}"),
                        ProblemType.INVALID_VALUE,
                        "/layers/0/dropout/keepProbability",
                        "is 1.5, but the probability"),
                new InvalidCase(
                        "hinge target neither −1 nor +1",
                        TWO.replace("\"y\": [[1, -1]]}", "\"y\": [[1, 0.5]], \"loss\": \"hinge\"}"),
                        ProblemType.INVALID_VALUE,
                        "/y/0/1",
                        "/y/0/1 is 0.5, but every hinge target is −1 or +1"),
                new InvalidCase(
                        "multiclass-hinge targets not one-hot",
                        TWO.replace(
                                        "\"weights\": [[1, -2, 1]], \"bias\": [0.5]",
                                        "\"weights\": [[1, -2, 1], [0, 1, 0]]")
                                .replace(
                                        "\"y\": [[1, -1]]}",
                                        "\"y\": [[1, 1], [1, 0]], \"loss\": \"multiclass-hinge\"}"),
                        ProblemType.INVALID_VALUE,
                        "/y/1/0",
                        "/y/1/0 is 1.0, but multiclass-hinge targets are one-hot"),
                new InvalidCase(
                        "lossInput for a loss without the choice",
                        with("\"lossInput\": \"probabilities\""),
                        ProblemType.INVALID_VALUE,
                        "/lossInput",
                        "/lossInput is given, but half-sse has no choice of input"),
                new InvalidCase(
                        "unknown lossInput",
                        with("\"loss\": \"cross-entropy\", \"lossInput\": \"probability\""),
                        ProblemType.UNKNOWN_NAME,
                        "/lossInput",
                        "/lossInput is \"probability\", which is not a known loss input; the valid names are logits, probabilities"),
                new InvalidCase(
                        "unknown reduction",
                        with("\"reduction\": \"average\""),
                        ProblemType.UNKNOWN_NAME,
                        "/reduction",
                        "the valid names are sum, mean, batch-mean"),
                new InvalidCase(
                        "both y and outputGradient",
                        with("\"outputGradient\": [[1], [2]]"),
                        ProblemType.INVALID_VALUE,
                        "/outputGradient",
                        "/outputGradient and /y are both given"),
                new InvalidCase(
                        "neither y nor outputGradient",
                        TWO.replace(", \"y\": [[1, -1]]", ""),
                        ProblemType.MISSING_PROPERTY,
                        "/y",
                        "/y is required: a matrix of targets, or instead /outputGradient"),
                new InvalidCase(
                        "a loss with outputGradient",
                        TWO.replace("\"y\": [[1, -1]]", "\"outputGradient\": [[1], [2]], \"loss\": \"mse\""),
                        ProblemType.INVALID_VALUE,
                        "/loss",
                        "/loss is given with /outputGradient"),
                new InvalidCase(
                        "outputGradient of the wrong shape",
                        TWO.replace("\"y\": [[1, -1]]", "\"outputGradient\": [[1, 2]]"),
                        ProblemType.SHAPE_MISMATCH,
                        "/outputGradient",
                        "/outputGradient is 1×2, but in the dimension-first layout it must be N×D_2 = 2×1"),
                new InvalidCase(
                        "batch norm on one sample",
                        ValidationErrorTests.VALID.replace(
                                "\"activation\": \"relu\"}",
                                "\"activation\": \"relu\", \"batchNorm\": {\"gamma\": [1, 1, 1], \"beta\": [0, 0, 0]}}"),
                        ProblemType.INVALID_VALUE,
                        "/layers/0/batchNorm",
                        "needs N ≥ 2, but x has N = 1 sample"),
                new InvalidCase(
                        "batch norm γ of the wrong length",
                        firstLayerWith("\"batchNorm\": {\"gamma\": [1, 1], \"beta\": [0, 0, 0]}"),
                        ProblemType.SHAPE_MISMATCH,
                        "/layers/0/batchNorm/gamma",
                        "/layers/0/batchNorm/gamma has 2 numbers, but it must have D_1 = 3"),
                new InvalidCase(
                        "running mean without running variance",
                        firstLayerWith(
                                "\"batchNorm\": {\"gamma\": [1, 1, 1], \"beta\": [0, 0, 0], \"runningMean\": [0, 0, 0]}"),
                        ProblemType.MISSING_PROPERTY,
                        "/layers/0/batchNorm/runningVariance",
                        "since runningMean is given"),
                new InvalidCase(
                        "eval mode without running statistics",
                        firstLayerWith(
                                "\"batchNorm\": {\"gamma\": [1, 1, 1], \"beta\": [0, 0, 0], \"mode\": \"eval\"}"),
                        ProblemType.MISSING_PROPERTY,
                        "/layers/0/batchNorm/runningMean",
                        "in eval mode the layer normalizes with runningMean and runningVariance"),
                new InvalidCase(
                        "batch norm momentum above 1",
                        firstLayerWith("\"batchNorm\": {\"gamma\": [1, 1, 1], \"beta\": [0, 0, 0], \"momentum\": 2}"),
                        ProblemType.INVALID_VALUE,
                        "/layers/0/batchNorm/momentum",
                        "but it must be in [0, 1]"),
                new InvalidCase(
                        "negative regularization coefficient",
                        with("\"regularization\": {\"l2\": -0.1}"),
                        ProblemType.INVALID_VALUE,
                        "/regularization/l2",
                        "/regularization/l2 is -0.1, but a regularization coefficient is ≥ 0"),
                new InvalidCase(
                        "binary cross-entropy on probabilities outside [0, 1]",
                        TWO.replace(
                                "\"y\": [[1, -1]]}",
                                "\"y\": [[1, 0]], \"loss\": \"binary-cross-entropy\", \"lossInput\": \"probabilities\"}"),
                        ProblemType.OUTPUT_OUT_OF_RANGE,
                        "/layers/1",
                        "binary-cross-entropy on probabilities needs every output in [0, 1], but the output of layer 1 "
                                + "(/layers/1), sample 0, unit 0 is -4.5"),
                new InvalidCase(
                        "cross-entropy on probabilities with p ≤ 0 where y > 0",
                        TWO.replace(
                                        "\"weights\": [[1, -2, 1]], \"bias\": [0.5]",
                                        "\"weights\": [[1, -2, 1], [0, 1, 0]]")
                                .replace(
                                        "\"y\": [[1, -1]]}",
                                        "\"y\": [[1, 0], [0, 1]], \"loss\": \"cross-entropy\", \"lossInput\": \"probabilities\"}"),
                        ProblemType.NON_FINITE_RESULT,
                        "/layers/1",
                        "cross-entropy on probabilities takes log p where the target is not 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releaseOneOneInvalidRequests")
    void answersReleaseOneOneErrorsWithTheirTypePointerAndDetail(InvalidCase invalid) throws Exception {
        answersAProblemWithItsTypePointerAndDetail(invalid);
    }

    record InvalidCase(String name, String body, ProblemType type, String pointer, String detail) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<InvalidCase> invalidRequests() {
        return Stream.of(
                new InvalidCase(
                        "malformed JSON",
                        VALID.substring(0, 60),
                        ProblemType.MALFORMED_JSON,
                        "/layers/0/weights/0/1",
                        "not valid JSON at line 2, column 31"),
                new InvalidCase(
                        "two JSON values", VALID + " {}", ProblemType.MALFORMED_JSON, "", "more after its JSON value"),
                new InvalidCase("empty body", "", ProblemType.MALFORMED_JSON, "", "missing or is not valid JSON"),
                new InvalidCase(
                        "missing layout",
                        VALID.replace("\"layout\": \"dimension-first\",", ""),
                        ProblemType.MISSING_PROPERTY,
                        "/layout",
                        "/layout is required: one of dimension-first, sample-first, torch"),
                new InvalidCase(
                        "missing weights",
                        VALID.replace("{\"weights\": [[1, -2, 1]], ", "{"),
                        ProblemType.MISSING_PROPERTY,
                        "/layers/1/weights",
                        "/layers/1/weights is required"),
                new InvalidCase(
                        "missing y",
                        VALID.replace(" \"y\": [[1]],", ""),
                        ProblemType.MISSING_PROPERTY,
                        "/y",
                        "/y is required"),
                new InvalidCase(
                        "no layers",
                        VALID.replaceAll("\"layers\": \\[.*\\],\n", "\"layers\": [],\n")
                                .replaceAll("(?s)\"layers\": \\[\\{.*?\\}\\],\\s*\"x\"", "\"layers\": [], \"x\""),
                        ProblemType.INVALID_VALUE,
                        "/layers",
                        "at least one layer"),
                new InvalidCase(
                        "unknown property",
                        VALID.replace("\"weights\": [[1, -2, 1]]", "\"wieghts\": [[1, -2, 1]]"),
                        ProblemType.UNKNOWN_PROPERTY,
                        "/layers/1/wieghts",
                        "Unknown property \"wieghts\""),
                new InvalidCase(
                        "duplicate key",
                        VALID.replace("\"loss\": \"half-sse\"", "\"loss\": \"half-sse\", \"loss\": \"sse\""),
                        ProblemType.DUPLICATE_PROPERTY,
                        "/loss",
                        "Duplicate property \"loss\""),
                new InvalidCase(
                        "wrong type: layout a number",
                        VALID.replace("\"dimension-first\"", "1"),
                        ProblemType.WRONG_TYPE,
                        "/layout",
                        "expected a string, but found a number"),
                new InvalidCase(
                        "wrong type: layers an object",
                        VALID.replace("\"layers\": [", "\"layers\": {\"a\": [").replace("}],\n \"x\"", "}]},\n \"x\""),
                        ProblemType.WRONG_TYPE,
                        "/layers",
                        "expected an array"),
                new InvalidCase(
                        "wrong type: x a vector",
                        VALID.replace("\"x\": [[1], [2]]", "\"x\": [1, 2]"),
                        ProblemType.WRONG_TYPE,
                        "/x/0",
                        "must be a row"),
                new InvalidCase(
                        "null for an optional property, not its default",
                        VALID.replace("\"loss\": \"half-sse\"", "\"loss\": null"),
                        ProblemType.WRONG_TYPE,
                        "/loss",
                        "/loss is null, but must be a string: null is not a value in this API (leave an optional "
                                + "property out to take its default)"),
                new InvalidCase(
                        "null for an optional object",
                        VALID.replace("\"bias\": [0.5]", "\"bias\": [0.5], \"batchNorm\": null"),
                        ProblemType.WRONG_TYPE,
                        "/layers/1/batchNorm",
                        "/layers/1/batchNorm is null, but must be an object"),
                new InvalidCase(
                        "null for a required property",
                        VALID.replace("\"dimension-first\"", "null"),
                        ProblemType.WRONG_TYPE,
                        "/layout",
                        "/layout is null, but must be a string"),
                new InvalidCase(
                        "null for a layer",
                        VALID.replace(
                                "{\"weights\": [[1, -2, 1]], \"bias\": [0.5], \"activation\": \"identity\"}", "null"),
                        ProblemType.WRONG_TYPE,
                        "/layers/1",
                        "/layers/1 is null, but must be an object"),
                new InvalidCase(
                        "null for a matrix",
                        VALID.replace("\"y\": [[1]]", "\"y\": null"),
                        ProblemType.WRONG_TYPE,
                        "/y",
                        "/y is null, but must be a matrix"),
                new InvalidCase(
                        "string in a matrix",
                        VALID.replace("[[1, -2, 1]]", "[[1, \"-2\", 1]]"),
                        ProblemType.WRONG_TYPE,
                        "/layers/1/weights/0/1",
                        "is the string \"-2\", but must be a JSON number"),
                new InvalidCase(
                        "null in a matrix",
                        VALID.replace("[[1, -2, 1]]", "[[1, null, 1]]"),
                        ProblemType.WRONG_TYPE,
                        "/layers/1/weights/0/1",
                        "must be a number, but is null"),
                new InvalidCase(
                        "string NaN in a matrix",
                        VALID.replace("\"x\": [[1], [2]]", "\"x\": [[1], [\"NaN\"]]"),
                        ProblemType.NON_FINITE_NUMBER,
                        "/x/1/0",
                        "must be a JSON number and finite"),
                new InvalidCase(
                        "literal NaN",
                        VALID.replace("\"x\": [[1], [2]]", "\"x\": [[1], [NaN]]"),
                        ProblemType.NON_FINITE_NUMBER,
                        "/x/1/0",
                        "not a finite number"),
                new InvalidCase(
                        "literal Infinity",
                        VALID.replace("\"y\": [[1]]", "\"y\": [[-Infinity]]"),
                        ProblemType.NON_FINITE_NUMBER,
                        "/y/0/0",
                        "not a finite number"),
                new InvalidCase(
                        "number that overflows",
                        VALID.replace("\"bias\": [0.5]", "\"bias\": [1e400]"),
                        ProblemType.NON_FINITE_NUMBER,
                        "/layers/1/bias/0",
                        "is 1e400, which overflows a double"),
                new InvalidCase(
                        "ragged matrix",
                        VALID.replace("[[1, -1], [0, 2], [1, 1]]", "[[1, -1], [0, 2, 3], [1, 1]]"),
                        ProblemType.INVALID_MATRIX,
                        "/layers/0/weights/1",
                        "has 3 numbers but row 0 has 2"),
                new InvalidCase(
                        "empty matrix",
                        VALID.replace("\"y\": [[1]]", "\"y\": []"),
                        ProblemType.INVALID_MATRIX,
                        "/y",
                        "empty matrix"),
                new InvalidCase(
                        "empty row",
                        VALID.replace("\"y\": [[1]]", "\"y\": [[]]"),
                        ProblemType.INVALID_MATRIX,
                        "/y/0",
                        "empty row"),
                new InvalidCase(
                        "unknown layout",
                        VALID.replace("\"dimension-first\"", "\"row-major\""),
                        ProblemType.UNKNOWN_NAME,
                        "/layout",
                        "valid names are dimension-first, sample-first, torch"),
                new InvalidCase(
                        "unknown activation",
                        VALID.replace("\"relu\"", "\"ReLU\""),
                        ProblemType.UNKNOWN_NAME,
                        "/layers/0/activation",
                        "identity, relu, leaky-relu, sigmoid, tanh, softplus, elu, gelu, silu, softmax"),
                new InvalidCase(
                        "unknown loss",
                        VALID.replace("\"half-sse\"", "\"l2\""),
                        ProblemType.UNKNOWN_NAME,
                        "/loss",
                        "half-sse, sse, mse, cross-entropy, binary-cross-entropy"),
                new InvalidCase(
                        "weights that do not chain",
                        VALID.replace("[[1, -2, 1]]", "[[1, -2], [0, 1], [1, 1]]"),
                        ProblemType.SHAPE_MISMATCH,
                        "/layers/1/weights",
                        "/layers/1/weights is 3×2, but in the dimension-first layout it must be D_2×D_1 = 1×3, since layer 1 has 3 units"),
                new InvalidCase(
                        "first weights against x",
                        VALID.replace("\"x\": [[1], [2]]", "\"x\": [[1], [2], [3]]"),
                        ProblemType.SHAPE_MISMATCH,
                        "/layers/0/weights",
                        "must be D_1×D_0 = 3×3, since x has D_0 = 3 inputs"),
                new InvalidCase(
                        "bias of the wrong length",
                        VALID.replace("\"bias\": [0.5]", "\"bias\": [0.5, 1]"),
                        ProblemType.SHAPE_MISMATCH,
                        "/layers/1/bias",
                        "has 2 numbers, but it must have D_2 = 1"),
                new InvalidCase(
                        "y of the wrong shape",
                        VALID.replace("\"y\": [[1]]", "\"y\": [[1, 2]]"),
                        ProblemType.SHAPE_MISMATCH,
                        "/y",
                        "/y is 1×2, but in the dimension-first layout it must be D_2×N = 1×1"),
                new InvalidCase(
                        "result that overflows",
                        VALID.replace("\"x\": [[1], [2]]", "\"x\": [[1e308], [-1e308]]"),
                        ProblemType.NON_FINITE_RESULT,
                        "/layers/0/weights",
                        "is not finite"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRequests")
    void answersAProblemWithItsTypePointerAndDetail(InvalidCase invalid) throws Exception {
        mvc.perform(post("/api/v1/backprop")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(invalid.body()))
                .andExpect(status().is(invalid.type().status().value()))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(invalid.type().type().toString()))
                .andExpect(jsonPath("$.title").value(invalid.type().title()))
                .andExpect(jsonPath("$.status").value(invalid.type().status().value()))
                .andExpect(jsonPath("$.errors[0].pointer").value(invalid.pointer()))
                .andExpect(jsonPath("$.errors[0].detail").value(containsString(invalid.detail())))
                .andExpect(content().string(not(containsString("Exception"))))
                .andExpect(content().string(not(containsString("tools.jackson"))));
    }

    @Test
    void reportsEveryUnknownNameAtOnce() throws Exception {
        mvc.perform(post("/api/v1/backprop")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(VALID.replace("\"relu\"", "\"rel\"").replace("\"identity\"", "\"linear\"")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.length()").value(2))
                .andExpect(jsonPath("$.errors[0].pointer").value("/layers/0/activation"))
                .andExpect(jsonPath("$.errors[1].pointer").value("/layers/1/activation"));
    }

    @Test
    void sampleFirstShapeErrorsSpeakOfThatLayout() throws Exception {
        String sampleFirst = """
                {"layout": "sample-first", "layers": [{"weights": [[1, 2, 3]], "activation": "relu"}],
                 "x": [[1, 2], [3, 4]], "y": [[1, 2, 3], [4, 5, 6]]}""";
        mvc.perform(post("/api/v1/backprop")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(sampleFirst))
                .andExpect(status().isBadRequest())
                .andExpect(
                        jsonPath("$.errors[0].detail")
                                .value(
                                        "/layers/0/weights is 1×3, but in the sample-first layout it must be D_0×D_1 = 2×3, since x has D_0 = 2 inputs"));
    }

    @Test
    void unsupportedMediaTypeIsAProblem() throws Exception {
        mvc.perform(post("/api/v1/backprop").contentType(MediaType.TEXT_PLAIN).content(VALID))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type")
                        .value(ProblemType.UNSUPPORTED_MEDIA_TYPE.type().toString()));
    }

    @Test
    void wrongMethodIsAProblem() throws Exception {
        mvc.perform(get("/api/v1/backprop"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type")
                        .value(ProblemType.METHOD_NOT_ALLOWED.type().toString()));
    }

    @Test
    void unacceptableMediaTypeIsAProblem() throws Exception {
        mvc.perform(post("/api/v1/backprop")
                        .contentType(MediaType.APPLICATION_JSON)
                        .accept(MediaType.APPLICATION_XML)
                        .content(VALID))
                .andExpect(status().isNotAcceptable())
                .andExpect(jsonPath("$.type")
                        .value(ProblemType.NOT_ACCEPTABLE.type().toString()));
    }

    /** q=0 means "not this type" (RFC 9110): a header that gives JSON the quality 0 refuses every answer. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "application/json;q=0",
                "application/json;q=0, */*;q=0.5",
                "*/*;q=0",
                "text/html, application/*;q=0"
            })
    void anAcceptHeaderThatRefusesJsonIsA406(String accept) throws Exception {
        mvc.perform(post("/api/v1/backprop")
                        .contentType(MediaType.APPLICATION_JSON)
                        .header("Accept", accept)
                        .content(VALID))
                .andExpect(status().isNotAcceptable())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type")
                        .value(ProblemType.NOT_ACCEPTABLE.type().toString()))
                .andExpect(jsonPath("$.status").value(406))
                .andExpect(jsonPath("$.detail")
                        .value("The Accept header (" + accept
                                + ") accepts none of what this endpoint answers: application/json"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json;q=0.1", "application/*;q=0, application/json", "*/*", "application/*"})
    void anAcceptHeaderThatTakesJsonAtAnyQualityIsAnswered(String accept) throws Exception {
        mvc.perform(post("/api/v1/backprop")
                        .contentType(MediaType.APPLICATION_JSON)
                        .header("Accept", accept)
                        .content(VALID))
                .andExpect(status().isOk());
    }

    @Test
    void unknownPathIsAProblem() throws Exception {
        mvc.perform(post("/api/v1/backpropp")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(VALID))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(ProblemType.NOT_FOUND.type().toString()));
    }
}
