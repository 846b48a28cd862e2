package dev.backprop.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backprop.Http;
import dev.backprop.limits.ComputeGate;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every limit, set small, against the running application: 413, 422, 400 and 503 problems. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "backprop.limits.max-body-size=4KB",
            "backprop.limits.max-batch-body-size=2KB",
            "backprop.limits.json.max-nesting-depth=8",
            "backprop.limits.json.max-number-length=32",
            "backprop.limits.json.max-string-length=100",
            "backprop.limits.json.max-token-count=2000",
            "backprop.limits.compute.max-layers=3",
            "backprop.limits.compute.max-units=8",
            "backprop.limits.compute.max-batch-size=5",
            "backprop.limits.compute.max-numbers=400",
            "backprop.limits.compute.max-multiply-adds=100",
            "backprop.limits.concurrency.workers=1",
            "backprop.limits.concurrency.queue-capacity=0",
            "backprop.limits.concurrency.retry-after=7s"
        })
class LimitsTest {

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper jsonMapper;

    @Autowired
    ComputeGate gate;

    Http http;

    @BeforeEach
    void http() {
        http = new Http(port);
    }

    @Test
    void aBodyPastTheLimitWithItsLengthIsRefusedWith413() {
        String body = "{\"x\": [[" + "1,".repeat(3000) + "1]]}";
        HttpResponse<String> response = http.post("/api/v1/backprop", body);
        assertProblem(response, 413, "payload-too-large", "");
        assertThat(Http.json(response).get("detail").asString()).contains("4096 bytes (backprop.limits.max-body-size)");
    }

    @Test
    void aChunkedBodyPastTheLimitIsRefusedWith413WhileItIsRead() {
        byte[] body =
                ("{\"layout\": \"torch\", \"x\": [[" + "1,".repeat(3000) + "1]]}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = http.postChunked("/api/v1/backprop", body);
        assertProblem(response, 413, "payload-too-large", "");
    }

    /** A zip bomb: a body far below the limit as sent, past it decompressed, fails as it inflates. */
    @Test
    void aGzipBodyPastTheLimitOnceDecompressedIsRefusedWith413() {
        byte[] bomb = ContentEncodingTest.gzip(
                ("{\"layout\": \"torch\"" + " ".repeat(1024 * 1024) + "}").getBytes(StandardCharsets.UTF_8));
        assertThat(bomb.length).isLessThan(4096 / 2);

        for (HttpResponse<String> response : List.of(
                http.post("/api/v1/backprop", bomb, "Content-Encoding", "gzip"),
                http.postChunked("/api/v1/backprop", bomb, "Content-Encoding", "gzip"))) {
            assertProblem(response, 413, "payload-too-large", "");
            assertThat(Http.json(response).get("detail").asString())
                    .isEqualTo("The request body, decompressed, is larger than the limit of 4096 bytes "
                            + "(backprop.limits.max-body-size)");
        }
        assertProblem(
                http.post("/api/v1/backprop/batch", bomb, "Content-Encoding", "gzip"), 413, "payload-too-large", "");
        assertThat(Http.json(http.post("/api/v1/backprop/batch", bomb, "Content-Encoding", "gzip"))
                        .get("detail")
                        .asString())
                .contains("2048 bytes (backprop.limits.max-batch-body-size)");
    }

    @Test
    void aBatchHasASmallerBodyLimitSinceItIsReadAsATree() {
        String body = "{\"problems\": [{\"x\": [[" + "1,".repeat(1200) + "1]]}]}";

        HttpResponse<String> batch = http.post("/api/v1/backprop/batch", body);
        HttpResponse<String> single = http.post("/api/v1/backprop", body);

        assertProblem(batch, 413, "payload-too-large", "");
        // the limit that fired, by the setting that holds it
        assertThat(Http.json(batch).get("detail").asString())
                .contains("2048 bytes (backprop.limits.max-batch-body-size)");
        assertThat(single.statusCode()).isNotEqualTo(413);
    }

    @Test
    void aBodyWithinTheLimitIsRead() {
        assertThat(http.post("/api/v1/backprop", request("[[1, 2]]", "[[[1], [1]]]", "[[3]]"))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void moreLayersThanTheLimit() {
        String layer = "{\"weights\": [[1]], \"activation\": \"identity\"}";
        String body = "{\"layout\": \"sample-first\", \"layers\": [" + String.join(",", layer, layer, layer, layer)
                + "], \"x\": [[1]], \"y\": [[1]]}";
        assertLimit(http.post("/api/v1/backprop", body), "/layers", "4 layers", "max-layers");
    }

    @Test
    void moreUnitsThanTheLimit() {
        assertLimit(
                http.post("/api/v1/forward", request("[[1]]", "[[[1, 1, 1, 1, 1, 1, 1, 1, 1]]]", null)),
                "/layers/0/weights",
                "9 units (D_1)",
                "max-units");
        assertLimit(
                http.post(
                        "/api/v1/forward",
                        request(
                                "[[1, 1, 1, 1, 1, 1, 1, 1, 1]]",
                                "[[1], [1], [1], [1], [1], [1], [1], [1], [1]]".transform(w -> "[" + w + "]"),
                                null)),
                "/x",
                "9 inputs (D_0)",
                "max-units");
    }

    @Test
    void moreSamplesThanTheLimit() {
        assertLimit(
                http.post("/api/v1/forward", request("[[1], [1], [1], [1], [1], [1]]", "[[[1]]]", null)),
                "/x",
                "6 samples (N)",
                "max-batch-size");
    }

    @Test
    void moreNumbersInRequestAndAnswerThanTheLimit() {
        // x 5×8, W_1 and W_2 8×8, y 5×8: 208 numbers sent; s, z, δ, ∂L/∂z (4·5·16), ∂L/∂W (128), ∂L/∂y_out and ∂L/∂x
        // (40 each): 528 answered
        String x = matrix(5, 8);
        String W = matrix(8, 8);
        String body = "{\"layout\": \"sample-first\", \"layers\": [{\"weights\": " + W + ", \"activation\": \"relu\"},"
                + "{\"weights\": " + W + ", \"activation\": \"identity\"}], \"x\": " + x + ", \"y\": " + x + "}";
        assertLimit(http.post("/api/v1/backprop", body), "", "736 numbers", "max-numbers");
    }

    @Test
    void moreNumbersThanTheLimitAreRefusedWhileTheRequestIsRead() {
        HttpResponse<String> response = http.post("/api/v1/backprop", "{\"x\": " + matrix(1, 401) + "}");
        assertProblem(response, 422, "limit-exceeded", "/x");
        assertThat(Http.json(response).get("detail").asString()).contains("400 numbers", "max-numbers");
    }

    @Test
    void moreWorkThanTheLimit() {
        // one 3×3 layer, N = 4: forward 36 multiply-adds, backprop 108
        String body = request(matrix(4, 3), "[" + matrix(3, 3) + "]", matrix(4, 3));
        assertThat(http.post("/api/v1/forward", body).statusCode()).isEqualTo(200);
        assertLimit(http.post("/api/v1/backprop", body), "", "108 multiply-adds", "max-multiply-adds");
    }

    @Test
    void aGradientCheckCountsItsTwoForwardPassesPerParameter() {
        // W 2×3 and N = 4: backprop 3·4·6 = 72 multiply-adds, the gradient check 2·6·(4·6) = 288
        String body = request(matrix(4, 2), "[" + matrix(2, 3) + "]", matrix(4, 3));
        assertThat(http.post("/api/v1/backprop", body).statusCode()).isEqualTo(200);
        assertLimit(http.post("/api/v1/gradient-check", body), "", "288 multiply-adds", "max-multiply-adds");
    }

    @Test
    void aNumberLongerThanTheParserLimit() {
        HttpResponse<String> response = http.post("/api/v1/backprop", "{\"x\": [[1" + "0".repeat(40) + "]]}");
        assertProblem(response, 400, "input-limit", "/x/0/0");
        assertThat(Http.json(response).get("detail").asString())
                .endsWith("exceeds the maximum allowed (32)")
                .doesNotContain("StreamReadConstraints");
    }

    /** The parser checks a number's length as it reads the token: the problem still points at that number. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/api/v1/problems|{\"seed\": NUMBER}|/seed",
                "/api/v1/problems|{\"seed\": 1, \"batchSize\": NUMBER}|/batchSize",
                "/api/v1/problems|{\"seed\": 1, \"layerSizes\": [2, NUMBER]}|/layerSizes/1",
                "/api/v1/gradient-check|{\"layout\": \"torch\", \"epsilon\": NUMBER}|/epsilon",
                "/api/v1/grade|{\"tolerance\": {\"rtol\": 0.5, \"atol\": NUMBER}}|/tolerance/atol",
                "/api/v1/backprop/batch|{\"problems\": [{}, {\"layout\": \"torch\", \"x\": [[1, NUMBER]]}]}|/problems/1/x/0/1"
            })
    void aNumberLongerThanTheParserLimitIsPointedAtWhereverItIs(String path, String body, String pointer) {
        HttpResponse<String> response = http.post(path, body.replace("NUMBER", "1" + "0".repeat(40)));
        assertProblem(response, 400, "input-limit", pointer);
        assertThat(Http.json(response).get("detail").asString())
                .isEqualTo(
                        pointer
                                + " exceeds a limit of the JSON parser: Number value length (41) exceeds the maximum allowed (32)");
    }

    @Test
    void aStringLongerThanTheParserLimit() {
        assertProblem(
                http.post("/api/v1/backprop", "{\"layout\": \"" + "x".repeat(101) + "\"}"),
                400,
                "input-limit",
                "/layout");
        assertProblem(
                http.post(
                        "/api/v1/problems", "{\"seed\": 1, \"activations\": [\"relu\", \"" + "x".repeat(101) + "\"]}"),
                400,
                "input-limit",
                "/activations/1");
    }

    @Test
    void theMapperCarriesTheConfiguredStreamConstraints() {
        assertThatThrownBy(() -> jsonMapper.readTree("[".repeat(9) + "]".repeat(9)))
                .isInstanceOf(StreamConstraintsException.class)
                .hasMessageContaining("nesting depth");
        assertThat(jsonMapper.readTree("[".repeat(8) + "]".repeat(8)).isArray()).isTrue();
        assertThatThrownBy(() -> jsonMapper.readTree("[" + "1,".repeat(2000) + "1]"))
                .isInstanceOf(StreamConstraintsException.class)
                .hasMessageContaining("Token count");
        assertThatThrownBy(() -> jsonMapper.readTree(" ".repeat(4097) + "1"))
                .isInstanceOf(StreamConstraintsException.class)
                .hasMessageContaining("Document length");
    }

    @Test
    void pastTheQueueTheServiceAnswers503WithRetryAfter() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> occupied = CompletableFuture.supplyAsync(() -> gate.run(() -> {
            running.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        running.await();
        try {
            HttpResponse<String> response = http.post("/api/v1/backprop", request("[[1]]", "[[[1]]]", "[[1]]"));
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(Http.contentType(response)).startsWith("application/problem+json");
            assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
            assertThat(Http.json(response).get("type").asString()).isEqualTo("urn:problem-type:backprop:overloaded");
        } finally {
            release.countDown();
            occupied.get();
        }
        assertThat(http.post("/api/v1/backprop", request("[[1]]", "[[[1]]]", "[[1]]"))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void duplicateKeysAreRejectedNotResolved() {
        HttpResponse<String> response = http.post(
                "/api/v1/backprop",
                "{\"layout\": \"torch\", \"layout\": \"sample-first\", \"layers\": [], \"x\": [[1]], \"y\": [[1]]}");
        assertProblem(response, 400, "duplicate-property", "/layout");
    }

    /** A sample-first request; {@code layers} is an array of weight matrices, each layer identity. */
    private static String request(String x, String weights, String y) {
        StringBuilder layers = new StringBuilder();
        JsonNode matrices = Http.json(weights);
        for (JsonNode W : matrices) {
            layers.append(layers.isEmpty() ? "" : ",")
                    .append("{\"weights\": ")
                    .append(W)
                    .append(", \"activation\": \"identity\"}");
        }
        return "{\"layout\": \"sample-first\", \"layers\": [" + layers + "], \"x\": " + x
                + (y == null ? "" : ", \"y\": " + y) + "}";
    }

    private static String matrix(int rows, int columns) {
        String row = "[" + "1,".repeat(columns - 1) + "1]";
        return "[" + (row + ",").repeat(rows - 1) + row + "]";
    }

    private static void assertLimit(HttpResponse<String> response, String pointer, String sent, String limit) {
        assertProblem(response, 422, "limit-exceeded", pointer);
        assertThat(Http.json(response).get("detail").asString()).contains(sent, "backprop.limits.compute." + limit);
    }

    static void assertProblem(HttpResponse<String> response, int status, String type, String pointer) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(Http.contentType(response)).startsWith("application/problem+json");
        JsonNode problem = Http.json(response);
        assertThat(problem.get("type").asString()).isEqualTo("urn:problem-type:backprop:" + type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("errors").get(0).get("pointer").asString()).isEqualTo(pointer);
    }
}
