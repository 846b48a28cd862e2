package dev.backprop.train;

import static dev.backprop.support.JsonAssertions.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.backprop.support.ServiceSlice;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** /train: the classic worked example by hand, continuation through the state, and every error class. */
@WebMvcTest(TrainController.class)
@Import(ServiceSlice.class)
class TrainTests {

    /**
     * The 2-2-2 sigmoid network of the well-known step-by-step walk-through (w1 … w8 = .15 … .55,
     * b1 = .35, b2 = .60, x = (.05, .10), y = (.01, .99), half-sse), one SGD step with η = 0.5 and
     * the biases fixed, as the walk-through takes it.
     */
    static final String MAZUR = """
            {"layout": "torch",
             "layers": [{"weights": [[0.15, 0.20], [0.25, 0.30]], "bias": [0.35, 0.35], "activation": "sigmoid"},
                        {"weights": [[0.40, 0.45], [0.50, 0.55]], "bias": [0.60, 0.60], "activation": "sigmoid"}],
             "x": [[0.05, 0.10]], "y": [[0.01, 0.99]], "loss": "half-sse",
             "optimizer": {"name": "sgd", "learningRate": 0.5, "updateBiases": false}}""";

    /** Half the last digit the walk-through prints (8 decimals). */
    private static final double PRINTED = 5e-9;

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    /**
     * The walk-through's own numbers, derived by hand there: w5 = 0.4 − 0.5·0.082167041 = 0.35891648,
     * and so on for the eight weights, and the total error 0.298371109 before the step. It prints 8
     * or 9 decimals, hence the tolerance of half the last printed digit.
     */
    @Test
    void theWorkedTwoTwoTwoNetworkAfterOneStep() throws Exception {
        JsonNode answer = train(MAZUR);

        double[][] hidden = {{0.149780716, 0.19956143}, {0.24975114, 0.29950229}};
        double[][] output = {{0.35891648, 0.408666186}, {0.511301270, 0.561370121}};
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                assertThat(answer.at("/layers/0/weights/" + i + "/" + j).asDouble())
                        .isCloseTo(hidden[i][j], within(PRINTED));
                assertThat(answer.at("/layers/1/weights/" + i + "/" + j).asDouble())
                        .isCloseTo(output[i][j], within(PRINTED));
            }
        }
        assertThat(answer.at("/layers/0/bias/0").asDouble()).isEqualTo(0.35);
        assertThat(answer.at("/layers/1/bias/1").asDouble()).isEqualTo(0.60);
        assertThat(answer.at("/lossHistory/0").asDouble()).isCloseTo(0.298371109, within(PRINTED));
        // the walk-through prints 0.291027924 after the step, 1.5e-7 off the error of its own new weights:
        // the forward pass of those weights, by hand, is the reference
        assertThat(answer.at("/lossHistory/1").asDouble()).isCloseTo(halfSse(hidden, output), within(1e-8));
        assertThat(answer.at("/state/step").asLong()).isEqualTo(1);
        assertThat(answer.at("/state/layers/0/bias").isMissingNode()).isTrue();
    }

    @Test
    void fivePlusFiveStepsAreTenSteps() throws Exception {
        String momentum = MAZUR.replace(
                "\"learningRate\": 0.5, \"updateBiases\": false}",
                "\"learningRate\": 0.5, \"momentum\": 0.9, \"nesterov\": true}");
        ObjectNode request = (ObjectNode) json.readTree(momentum);
        request.put("steps", 10);
        JsonNode ten = train(request.toString());

        request.put("steps", 5);
        JsonNode five = train(request.toString());
        ObjectNode next = request.deepCopy();
        next.set("layers", withWeightsOf(request, five));
        next.set("state", five.get("state"));
        JsonNode fivePlusFive = train(next.toString());

        assertClose(ten.get("layers"), fivePlusFive.get("layers"), "", 0, 0, Set.of());
        assertClose(ten.get("state"), fivePlusFive.get("state"), "", 0, 0, Set.of());
        assertThat(fivePlusFive.at("/lossHistory/5").asDouble())
                .isEqualTo(ten.at("/lossHistory/10").asDouble());
        assertThat(fivePlusFive.at("/lossHistory/0").asDouble())
                .isEqualTo(five.at("/lossHistory/5").asDouble());
        assertThat(ten.at("/state/step").asLong()).isEqualTo(10);
    }

    @Test
    void anExplicitZeroVelocityIsTheCourseConvention() throws Exception {
        // v = μv − ηg, w ← w + v from v = 0: torch's buffer is −v/η and the first step is w − η·g, like plain SGD
        String zero = MAZUR.replace(
                        "\"learningRate\": 0.5, \"updateBiases\": false}",
                        "\"learningRate\": 0.5, \"momentum\": 0.9, \"updateBiases\": false}, \"state\": {\"step\": 0, "
                                + "\"layers\": [{\"weights\": {\"momentumBuffer\": [[0, 0], [0, 0]]}},"
                                + " {\"weights\": {\"momentumBuffer\": [[0, 0], [0, 0]]}}]}")
                .replace("}}", "}}");
        JsonNode fromZero = train(zero);
        JsonNode plain = train(MAZUR);
        assertClose(plain.get("layers"), fromZero.get("layers"), "", 0, 0, Set.of());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "\"optimizer\": {\"name\": \"sgd\", \"learningRate\": 0.5, \"updateBiases\": false}|\"optimizer\": {\"name\": \"sgd\"}|400|missing-property|/optimizer/learningRate|/optimizer/learningRate is required",
                "\"name\": \"sgd\"|\"name\": \"lbfgs\"|400|unknown-name|/optimizer/name|which is not a known optimizer",
                "\"y\": [[0.01, 0.99]], |''|400|missing-property|/y|/y is required: a matrix of targets, since every step",
                "\"updateBiases\": false|\"updateBiases\": false, \"amsgrad\": true|400|unknown-property|/optimizer/amsgrad|amsgrad",
                "\"updateBiases\": false}|\"updateBiases\": false}, \"steps\": 0|400|invalid-value|/steps|a run takes at least 1 step",
                "\"updateBiases\": false}|\"updateBiases\": false}, \"steps\": 100001|422|limit-exceeded|/steps|backprop.limits.compute.max-steps",
                "\"updateBiases\": false}|\"updateBiases\": false}, \"steps\": 99999999999|400|invalid-value|/steps|/steps is 99999999999, but it must be an integer from 1 to 2147483647",
                "\"updateBiases\": false}|\"updateBiases\": false}, \"steps\": 2.5|400|wrong-type|/steps|/steps is 2.5, but must be an integer: a number without a fractional part",
                "\"updateBiases\": false}|\"updateBiases\": false}, \"steps\": 2.0|200|||",
                "\"updateBiases\": false}|\"updateBiases\": false}, \"state\": {\"step\": 1e30, \"layers\": [{\"weights\": {}}, {\"weights\": {}}]}|400|invalid-value|/state/step|/state/step is 1e30, but it must be an integer from 0 to 9007199254740992",
                "\"learningRate\": 0.5|\"learningRate\": 1e200|422|non-finite-result|/steps|The loss is not finite after 1 of the 1 steps",
                "\"updateBiases\": false}|\"updateBiases\": false}, \"state\": {\"step\": 3, \"layers\": [{\"weights\": {}}, {\"weights\": {}}]}|200|||",
                "\"updateBiases\": false}|\"momentum\": 0.9, \"updateBiases\": false}, \"state\": {\"step\": 3, \"layers\": [{\"weights\": {\"momentumBuffer\": [[0, 0]]}}, {\"weights\": {\"momentumBuffer\": [[0, 0], [0, 0]]}}]}|400|shape-mismatch|/state/layers/0/weights/momentumBuffer|is 1×2, but a buffer has the shape of its weights as sent, 2×2",
                "\"updateBiases\": false}|\"momentum\": 0.9, \"updateBiases\": false}, \"state\": {\"step\": 3, \"layers\": [{\"weights\": {}}, {\"weights\": {}}]}|400|invalid-value|/state/layers/0/weights|but sgd with these options keeps momentumBuffer",
                "\"updateBiases\": false}|\"updateBiases\": false}, \"state\": {\"step\": 3, \"layers\": [{\"weights\": {}}]}|400|invalid-value|/state/layers|must have 2 entries",
                "\"updateBiases\": false}|\"updateBiases\": false}, \"state\": {\"step\": 3, \"layers\": [{\"weights\": {}, \"bias\": {}}, {\"weights\": {}}]}|400|invalid-value|/state/layers/0/bias|fixed (updateBiases false)"
            })
    void errorsArePointedAt(String replaced, String by, int status, String type, String pointer, String detail)
            throws Exception {
        var result = mvc.perform(post("/api/v1/train")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(MAZUR.replace(replaced, by)))
                .andExpect(status().is(status));
        if (status != 200) {
            result.andExpect(jsonPath("$.type").value("urn:problem-type:backprop:" + type))
                    .andExpect(jsonPath("$.errors[0].pointer").value(pointer))
                    .andExpect(jsonPath("$.errors[0].detail").value(containsString(detail)));
        }
    }

    /** ½·Σ(σ(W2·σ(W1·x + b1) + b2) − y)² of the 2-2-2 network with these weights, written out. */
    private static double halfSse(double[][] W1, double[][] W2) {
        double[] x = {0.05, 0.10};
        double[] y = {0.01, 0.99};
        double[] h = new double[2];
        for (int i = 0; i < 2; i++) {
            h[i] = 1 / (1 + Math.exp(-(W1[i][0] * x[0] + W1[i][1] * x[1] + 0.35)));
        }
        double error = 0;
        for (int i = 0; i < 2; i++) {
            double o = 1 / (1 + Math.exp(-(W2[i][0] * h[0] + W2[i][1] * h[1] + 0.60)));
            error += 0.5 * (o - y[i]) * (o - y[i]);
        }
        return error;
    }

    private static JsonNode withWeightsOf(ObjectNode request, JsonNode answer) {
        var layers = request.get("layers").deepCopy();
        for (int k = 0; k < layers.size(); k++) {
            ((ObjectNode) layers.get(k)).set("weights", answer.at("/layers/" + k + "/weights"));
            ((ObjectNode) layers.get(k)).set("bias", answer.at("/layers/" + k + "/bias"));
        }
        return layers;
    }

    private JsonNode train(String body) throws Exception {
        String answer = mvc.perform(post("/api/v1/train")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return json.readTree(answer);
    }
}
