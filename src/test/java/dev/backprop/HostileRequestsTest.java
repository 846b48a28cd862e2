package dev.backprop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.support.WorkedExample;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends more than 10,000 generated malformed and mutated requests to the running application and
 * checks every answer: never a 5xx, always problem+json for an error (with a JSON pointer in
 * {@code errors} when the input was at fault), never a stack trace or a class name; afterwards,
 * the worked example still gets its answer. The generator is seeded: a failure names its seed
 * and the request, and replays the same way.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileRequestsTest {

    private static final long SEED = 0x5EED_6L;
    private static final int REQUESTS = 10_400;

    /** What must never reach a client: a Java package, a stack frame, an exception's name. */
    private static final Pattern LEAK = Pattern.compile(
            "(java|javax|jakarta|sun|tools\\.jackson|com\\.fasterxml|org\\.springframework|org\\.apache|org\\.ejml|dev\\.backprop)\\.[a-zA-Z]"
                    + "|Exception|\\bat [a-z]+\\.[a-z]|\\.java:\\d|`[A-Z][A-Za-z]+\\.[a-z]+[A-Z]?[A-Za-z]*\\(");

    static final String WORKED_EXAMPLE = WorkedExample.REQUEST;

    /** Writes nesting deeper than the service accepts, so that the service is the one to refuse it. */
    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamWriteConstraints(StreamWriteConstraints.builder()
                            .maxNestingDepth(100_000)
                            .build())
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(100_000)
                            .build())
                    .build())
            .build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] LAYOUTS = {"dimension-first", "sample-first", "torch", "dimension-first-throughout"};
    private static final String[] ACTIVATIONS = {
        "identity", "relu", "leaky-relu", "sigmoid", "tanh", "softplus", "elu", "gelu", "silu", "softmax"
    };
    private static final String[] LOSSES = {"half-sse", "sse", "mse", "cross-entropy", "binary-cross-entropy"};

    @LocalServerPort
    int port;

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    @Test
    void everyHostileRequestGetsAProblemAndTheServiceStillAnswers() throws Exception {
        List<Hostile> requests = new ArrayList<>(REQUESTS);
        Random random = new Random(SEED);
        for (int i = 0; i < REQUESTS; i++) {
            requests.add(generate(random));
        }
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (Hostile request : requests) {
                sent.add(senders.submit(() -> {
                    String failure = check(request, statuses);
                    if (failure != null && failures.size() < 20) {
                        failures.add(failure);
                    }
                }));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        } finally {
            senders.shutdown();
        }
        System.out.printf("%d hostile requests, answers by status: %s%n", REQUESTS, new java.util.TreeMap<>(statuses));
        assertThat(failures)
                .as("answers that break the contract (statuses seen: %s)", statuses)
                .isEmpty();
        assertThat(statuses.values().stream().mapToInt(AtomicInteger::get).sum())
                .isGreaterThanOrEqualTo(10_000);
        // the generator reaches the kinds of failure it means to, and some valid requests too
        assertThat(statuses).containsKeys(200, 400, 404, 405, 413, 415, 422);

        HttpResponse<String> answer = send(new Hostile(
                "worked example",
                "POST",
                "/api/v1/backprop",
                "application/json",
                null,
                WORKED_EXAMPLE.getBytes(StandardCharsets.UTF_8),
                false));
        assertThat(answer.statusCode()).isEqualTo(200);
        // whole, in one write: a proxy never holds half of it when a replica dies
        assertThat(answer.headers().firstValue("Content-Length"))
                .hasValue(Integer.toString(answer.body().getBytes(StandardCharsets.UTF_8).length));
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.get("loss").asDouble()).isEqualTo(24.5);
        assertThat(body.get("output").toString()).isEqualTo("[[-4.5,-2.5,0.5,4.5]]");
        assertThat(body.get("layers").get(0).get("weightGradient").toString())
                .isEqualTo("[[7.0,-3.5],[11.0,27.0],[1.5,-17.0]]");
        assertThat(body.get("layers").get(1).get("biasGradient").toString()).isEqualTo("[-4.0]");
    }

    /** Sends one request and returns what is wrong with its answer, or {@code null}. */
    private String check(Hostile request, Map<Integer, AtomicInteger> statuses) {
        HttpResponse<String> response;
        try {
            response = send(request);
        } catch (Exception e) {
            return request + " -> no answer: " + e;
        }
        int status = response.statusCode();
        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        String body = response.body();
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        String answer = request + " -> " + status + " " + contentType + " " + abbreviate(body);
        if (status >= 500) {
            return "5xx: " + answer;
        }
        if (LEAK.matcher(body).find()) {
            return "leaks an internal name: " + answer;
        }
        if (status == 200) {
            return contentType.startsWith("application/json") ? null : "200 but not JSON: " + answer;
        }
        if (!contentType.startsWith("application/problem+json")) {
            return "not problem+json: " + answer;
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(body);
        } catch (RuntimeException e) {
            return "problem body is not JSON: " + answer;
        }
        if (!problem.path("type").asString("").startsWith("urn:problem-type:backprop:")
                || problem.path("status").asInt() != status
                || problem.path("title").asString("").isEmpty()
                || problem.path("detail").asString("").isEmpty()) {
            return "incomplete problem: " + answer;
        }
        if ((status == 400 || status == 413 || status == 422) && request.body != null) {
            JsonNode errors = problem.path("errors");
            if (!errors.isArray() || errors.isEmpty()) {
                return "invalid input but no errors: " + answer;
            }
            for (JsonNode error : errors) {
                String pointer = error.path("pointer").asString(null);
                if (pointer == null
                        || !(pointer.isEmpty() || pointer.startsWith("/"))
                        || error.path("detail").asString("").isEmpty()) {
                    return "error without a JSON pointer: " + answer;
                }
            }
        }
        return null;
    }

    private HttpResponse<String> send(Hostile request) throws Exception {
        HttpRequest.BodyPublisher publisher = request.body == null
                ? HttpRequest.BodyPublishers.noBody()
                : request.chunked
                        ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(request.body))
                        : HttpRequest.BodyPublishers.ofByteArray(request.body);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + request.path))
                .timeout(Duration.ofSeconds(60))
                .method(request.method, publisher);
        if (request.contentType != null) {
            builder.header("Content-Type", request.contentType);
        }
        if (request.accept != null) {
            builder.header("Accept", request.accept);
        }
        return client.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** One generated request. */
    record Hostile(
            String kind, String method, String path, String contentType, String accept, byte[] body, boolean chunked) {

        static Hostile post(String kind, String path, String body) {
            return post(kind, path, body.getBytes(StandardCharsets.UTF_8));
        }

        static Hostile post(String kind, String path, byte[] body) {
            return new Hostile(kind, "POST", path, "application/json", null, body, false);
        }

        @Override
        public String toString() {
            String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            return kind + " " + method + " " + path + " [" + contentType + "] " + abbreviate(text);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…(" + text.length() + " chars)" : text;
    }

    // ---- the generator ----

    private static Hostile generate(Random random) {
        String path = random.nextInt(4) == 0 ? "/api/v1/forward" : "/api/v1/backprop";
        ObjectNode valid = random.nextInt(5) == 0 ? (ObjectNode) JSON.readTree(WORKED_EXAMPLE) : validRequest(random);
        int kind = random.nextInt(100);
        if (kind < 14) {
            String text = text(valid);
            return Hostile.post("truncated", path, text.substring(0, random.nextInt(text.length())));
        }
        if (kind < 30) {
            return Hostile.post(
                    "bytes mutated", path, mutateBytes(random, text(valid).getBytes(StandardCharsets.UTF_8)));
        }
        if (kind < 62) {
            return Hostile.post("value replaced", path, text(replaceRandomNode(random, valid)));
        }
        if (kind < 70) {
            return Hostile.post("matrix broken", path, text(breakMatrix(random, valid)));
        }
        if (kind < 76) {
            return Hostile.post("property added or removed", path, text(changeProperties(random, valid)));
        }
        if (kind < 80) {
            return Hostile.post("duplicate key", path, duplicateKey(random, text(valid)));
        }
        if (kind < 86) {
            return Hostile.post("literal", path, randomLiteral(random, valid));
        }
        if (kind < 88) {
            // a few, since they take long to send
            return random.nextInt(3) == 0
                    ? Hostile.post("large", path, largeRequest(random))
                    : Hostile.post("valid", path, text(valid));
        }
        if (kind < 96) {
            return wrongHttp(random, path, text(valid));
        }
        return Hostile.post("valid", path, text(valid));
    }

    private static String text(JsonNode node) {
        return JSON.writeValueAsString(node);
    }

    /** A random request that is valid: shapes chain in its layout. */
    static ObjectNode validRequest(Random random) {
        String layout = LAYOUTS[random.nextInt(LAYOUTS.length)];
        int L = 1 + random.nextInt(3);
        int N = 1 + random.nextInt(4);
        int[] D = new int[L + 1];
        for (int k = 0; k <= L; k++) {
            D[k] = 1 + random.nextInt(4);
        }
        boolean dimensionFirst = layout.equals("dimension-first");
        boolean torch = layout.equals("torch");
        ObjectNode request = NODES.objectNode();
        request.put("layout", layout);
        ArrayNode layers = request.putArray("layers");
        for (int k = 1; k <= L; k++) {
            ObjectNode layer = layers.addObject();
            boolean unitsFirst = dimensionFirst || torch;
            layer.set("weights", matrix(random, unitsFirst ? D[k] : D[k - 1], unitsFirst ? D[k - 1] : D[k]));
            if (random.nextBoolean()) {
                layer.set("bias", vector(random, D[k]));
            }
            layer.put("activation", ACTIVATIONS[random.nextInt(ACTIVATIONS.length)]);
        }
        request.set("x", dimensionFirst ? matrix(random, D[0], N) : matrix(random, N, D[0]));
        request.set("y", dimensionFirst ? matrix(random, D[L], N) : matrix(random, N, D[L]));
        if (random.nextBoolean()) {
            request.put("loss", LOSSES[random.nextInt(LOSSES.length)]);
        }
        return request;
    }

    private static ArrayNode matrix(Random random, int rows, int columns) {
        ArrayNode matrix = NODES.arrayNode();
        for (int i = 0; i < rows; i++) {
            ArrayNode row = matrix.addArray();
            for (int j = 0; j < columns; j++) {
                row.add(random.nextInt(7) - 3);
            }
        }
        return matrix;
    }

    private static ArrayNode vector(Random random, int length) {
        ArrayNode vector = NODES.arrayNode();
        for (int i = 0; i < length; i++) {
            vector.add(random.nextInt(5) - 2);
        }
        return vector;
    }

    private static byte[] mutateBytes(Random random, byte[] body) {
        byte[] significant = "{}[]\",:-+.eE0123456789 \\ntfu\u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        List<Byte> bytes = new ArrayList<>(body.length + 8);
        for (byte b : body) {
            bytes.add(b);
        }
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations && !bytes.isEmpty(); m++) {
            int at = random.nextInt(bytes.size());
            byte b = random.nextInt(5) == 0
                    ? (byte) random.nextInt(256)
                    : significant[random.nextInt(significant.length)];
            switch (random.nextInt(3)) {
                case 0 -> bytes.set(at, b);
                case 1 -> bytes.add(at, b);
                default -> bytes.remove(at);
            }
        }
        byte[] mutated = new byte[bytes.size()];
        for (int i = 0; i < mutated.length; i++) {
            mutated[i] = bytes.get(i);
        }
        return mutated;
    }

    /** Replaces one node anywhere in the tree with a hostile value. */
    private static JsonNode replaceRandomNode(Random random, ObjectNode request) {
        List<JsonNode[]> places = new ArrayList<>();
        collectPlaces(request, places);
        JsonNode[] place = places.get(random.nextInt(places.size()));
        JsonNode value = hostileValue(random);
        if (place[0] instanceof ObjectNode parent) {
            parent.set(place[1].asString(), value);
        } else {
            ((ArrayNode) place[0]).set(place[1].asInt(), value);
        }
        return request;
    }

    /** Every (parent, key or index) pair of the tree. */
    private static void collectPlaces(JsonNode node, List<JsonNode[]> places) {
        if (node instanceof ObjectNode object) {
            for (String name : object.propertyNames()) {
                places.add(new JsonNode[] {object, NODES.textNode(name)});
                collectPlaces(object.get(name), places);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                places.add(new JsonNode[] {array, NODES.numberNode(i)});
                collectPlaces(array.get(i), places);
            }
        }
    }

    private static JsonNode hostileValue(Random random) {
        return switch (random.nextInt(22)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.textNode("1.5");
            case 3 -> NODES.textNode("NaN");
            case 4 -> NODES.textNode("Infinity");
            case 5 -> NODES.textNode("x".repeat(1 + random.nextInt(20_000)));
            case 6 -> NODES.textNode("\u00e9\u4e2d\ud83d\ude00\u202e\u0000 r\u00e9lu");
            case 7 -> NODES.numberNode(new java.math.BigDecimal("1e400"));
            case 8 -> NODES.numberNode(new java.math.BigDecimal("-1e400"));
            case 9 -> NODES.numberNode(new java.math.BigDecimal("1e-400"));
            case 10 -> NODES.numberNode(new java.math.BigInteger("9".repeat(1 + random.nextInt(400))));
            case 11 -> NODES.numberNode(Double.MAX_VALUE);
            case 12 -> NODES.numberNode(Double.MIN_VALUE);
            case 13 -> NODES.numberNode(random.nextLong());
            case 14 -> NODES.objectNode();
            case 15 -> NODES.arrayNode();
            case 16 -> NODES.arrayNode().add(NODES.arrayNode());
            case 17 -> deepArray(1 + random.nextInt(3000));
            case 18 -> deepObject(1 + random.nextInt(3000));
            case 19 ->
                NODES.arrayNode()
                        .add(NODES.arrayNode().add(1).add(2))
                        .add(NODES.arrayNode().add(3));
            case 20 -> NODES.numberNode(1e300);
            default -> NODES.textNode(ACTIVATIONS[random.nextInt(ACTIVATIONS.length)].toUpperCase());
        };
    }

    private static JsonNode deepArray(int depth) {
        ArrayNode root = NODES.arrayNode();
        ArrayNode node = root;
        for (int i = 1; i < depth; i++) {
            node = node.addArray();
        }
        node.add(1);
        return root;
    }

    private static JsonNode deepObject(int depth) {
        ObjectNode root = NODES.objectNode();
        ObjectNode node = root;
        for (int i = 1; i < depth; i++) {
            node = node.putObject("a");
        }
        return root;
    }

    /** Ragged, empty or mis-shaped matrices and vectors. */
    private static JsonNode breakMatrix(Random random, ObjectNode request) {
        ArrayNode layers = (ArrayNode) request.get("layers");
        ObjectNode layer = (ObjectNode) layers.get(random.nextInt(layers.size()));
        String name = new String[] {"x", "y", "weights", "bias"}[random.nextInt(4)];
        ObjectNode owner = name.equals("weights") || name.equals("bias") ? layer : request;
        ArrayNode matrix = owner.get(name) instanceof ArrayNode array ? array : matrix(random, 2, 2);
        switch (random.nextInt(7)) {
            case 0 -> owner.set(name, NODES.arrayNode());
            case 1 -> owner.set(name, NODES.arrayNode().add(NODES.arrayNode()));
            case 2 -> {
                if (matrix.get(0) instanceof ArrayNode row) {
                    row.add(1);
                }
                owner.set(name, matrix);
            }
            case 3 -> owner.set(name, matrix.add(NODES.arrayNode().add(1)));
            case 4 -> {
                // one row fewer, or one more: the shapes no longer chain
                if (matrix.size() > 1) {
                    matrix.remove(0);
                } else {
                    matrix.add(matrix.get(0).deepCopy());
                }
                owner.set(name, matrix);
            }
            case 5 -> owner.set(name, NODES.arrayNode().add(1).add(2));
            default -> owner.set(name, matrix(random, 1 + random.nextInt(5), 1 + random.nextInt(5)));
        }
        return request;
    }

    private static JsonNode changeProperties(Random random, ObjectNode request) {
        switch (random.nextInt(5)) {
            case 0 ->
                request.remove(List.of("layout", "layers", "x", "y", "loss").get(random.nextInt(5)));
            case 1 -> request.put("wieghts", 1);
            case 2 -> ((ObjectNode) request.get("layers").get(0)).put("wieghts", 1);
            case 3 ->
                ((ObjectNode) request.get("layers").get(0)).remove(random.nextBoolean() ? "weights" : "activation");
            default -> request.put("\u00fcnknown \ud83d\ude00", "x");
        }
        return request;
    }

    private static String duplicateKey(Random random, String text) {
        String key = List.of("\"layout\":", "\"x\":", "\"activation\":", "\"weights\":")
                .get(random.nextInt(4));
        int at = text.indexOf(key);
        if (at < 0) {
            return text;
        }
        String copy = key.equals("\"layout\":")
                ? "\"layout\":\"torch\","
                : key.equals("\"activation\":") ? "\"activation\":\"relu\"," : key + "[[1]],";
        return text.substring(0, at) + copy + text.substring(at);
    }

    private static String randomLiteral(Random random, ObjectNode valid) {
        List<Function<Random, String>> literals = List.of(
                r -> "",
                r -> "null",
                r -> "[]",
                r -> "{}",
                r -> "\"x\"",
                r -> "42",
                r -> "\ufeff" + text(valid),
                r -> text(valid) + " {}",
                r -> text(valid) + "garbage",
                r -> "{\"layout\": NaN}",
                r -> "{\"x\": [[Infinity]]}",
                r -> "{\"x\": [[-Infinity]]}",
                r -> "{\"x\": [[0x10]]}",
                r -> "{\"x\": [[01]]}",
                r -> "{\"x\": [[1.]]}",
                r -> "{\"x\": [[.5]]}",
                r -> "{'layout': 'torch'}",
                r -> "{\"layout\": \"torch\" /* comment */}",
                r -> "{\"layout\": \"\\ud800\"}",
                r -> "{\"layout\": \"\\u00\"}",
                r -> "[".repeat(1 + r.nextInt(100_000)),
                r -> "{\"a\":".repeat(1 + r.nextInt(10_000)),
                r -> "\"" + "\\u0041".repeat(r.nextInt(5000)) + "\"",
                r -> "{\"x\": [[" + "1".repeat(50 + r.nextInt(2000)) + "]]}",
                r -> "{\"x\": [[1e" + "9".repeat(1 + r.nextInt(30)) + "]]}",
                r -> "{\"x\": [[1" + "0".repeat(r.nextInt(500)) + ".5e-3]]}");
        return literals.get(random.nextInt(literals.size())).apply(random);
    }

    /** Requests past the problem-size and body-size limits. */
    private static String largeRequest(Random random) {
        StringBuilder body = new StringBuilder();
        switch (random.nextInt(5)) {
            case 0 -> {
                // more layers than the limit
                body.append("{\"layout\":\"sample-first\",\"layers\":[");
                int L = 101 + random.nextInt(50);
                for (int k = 0; k < L; k++) {
                    body.append(k == 0 ? "" : ",").append("{\"weights\":[[1]],\"activation\":\"relu\"}");
                }
                body.append("],\"x\":[[1]],\"y\":[[1]]}");
            }
            case 1 -> {
                // a layer with more units than the limit
                int units = 10_001 + random.nextInt(100);
                body.append("{\"layout\":\"sample-first\",\"layers\":[{\"weights\":[[")
                        .append("1,".repeat(units - 1))
                        .append("1]],\"activation\":\"relu\"}],\"x\":[[1]],\"y\":[[")
                        .append("0,".repeat(units - 1))
                        .append("0]]}");
            }
            case 2 -> {
                // many samples through a wide layer: within every shape limit, past the work limit
                int N = 5000;
                body.append("{\"layout\":\"sample-first\",\"layers\":[{\"weights\":[[")
                        .append("1,".repeat(4999))
                        .append("1]],\"activation\":\"relu\"},{\"weights\":[")
                        .append("[1],".repeat(4999))
                        .append("[1]],\"activation\":\"identity\"}],\"x\":[")
                        .append("[1],".repeat(N - 1))
                        .append("[1]],\"y\":[")
                        .append("[1],".repeat(N - 1))
                        .append("[1]]}");
            }
            case 3 -> {
                // a body past 16 MiB
                body.append("{\"layout\":\"torch\",\"x\":[[")
                        .append("0.000000000000001,".repeat(1_100_000))
                        .append("1]]}");
            }
            default -> {
                // a body of spaces past 16 MiB
                body.append(" ".repeat(17 * 1024 * 1024)).append("{}");
            }
        }
        return body.toString();
    }

    private static Hostile wrongHttp(Random random, String path, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return switch (random.nextInt(14)) {
            case 0 -> new Hostile("no content type", "POST", path, null, null, bytes, false);
            case 1 -> new Hostile("text/plain", "POST", path, "text/plain", null, bytes, false);
            case 2 ->
                new Hostile(
                        "form", "POST", path, "application/x-www-form-urlencoded", null, "a=1&b=2".getBytes(), false);
            case 3 -> new Hostile("xml", "POST", path, "application/xml", null, "<x/>".getBytes(), false);
            case 4 -> new Hostile("bogus type", "POST", path, "application/json; charset=nonsense", null, bytes, false);
            case 5 -> new Hostile("GET", "GET", path, null, null, null, false);
            case 6 -> new Hostile("PUT", "PUT", path, "application/json", null, bytes, false);
            case 7 -> new Hostile("DELETE", "DELETE", path, null, null, null, false);
            case 8 -> new Hostile("accept html", "POST", path, "application/json", "text/html", bytes, false);
            case 9 -> new Hostile("accept xml", "POST", path, "application/json", "application/xml", bytes, false);
            case 10 -> new Hostile("unknown path", "POST", "/api/v1/backprop2", "application/json", null, bytes, false);
            case 11 -> new Hostile("odd path", "GET", "/api/v1/%2e%2e/%2e%2e/etc/passwd", null, null, null, false);
            case 12 -> new Hostile("chunked", "POST", path, "application/json", null, bytes, true);
            default ->
                new Hostile(
                        "UTF-16",
                        "POST",
                        path,
                        "application/json; charset=UTF-16",
                        null,
                        body.getBytes(StandardCharsets.UTF_16),
                        false);
        };
    }
}
