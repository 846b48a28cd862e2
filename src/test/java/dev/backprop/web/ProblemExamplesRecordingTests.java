package dev.backprop.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.reset;

import dev.backprop.Http;
import dev.backprop.backprop.BackpropService;
import dev.backprop.limits.ComputeGate;
import dev.backprop.support.WorkedExample;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Records the problem example of every {@link ProblemType} in the OpenAPI spec from a real
 * response: for each type, a request that meets it, sent to the running service with its default
 * limits, and the body it answered. The recording is committed as {@value #FILE}, which the spec
 * reads; this test fails when the service answers differently from the recording, and with
 * {@code -Dopenapi.update=true} writes the new recording (and is aborted, not passed).
 *
 * <p>API keys and a CORS origin are configured so that 401 and 403 can be met; every other
 * request carries the key. Reading a body times out after a second here, so that 408 can be met
 * in a second; the answer does not name the timeout.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "backprop.api.keys=" + ProblemExamplesRecordingTests.KEY + "," + ProblemExamplesRecordingTests.LIMITED_KEY,
            "backprop.cors.allowed-origins=https://course.example.org",
            // per key: the rate-limited recording empties its own key's bucket, not the others'
            "backprop.limits.rate.requests-per-second=1",
            "backprop.limits.rate.burst=200",
            "server.tomcat.connection-timeout=1s"
        })
class ProblemExamplesRecordingTests {

    static final String KEY = "example-key";
    /** A second key, whose own bucket the rate-limited recording empties. */
    static final String LIMITED_KEY = "limited-key";

    static final Path FILE = Path.of("src", "main", "resources", OpenApiConfiguration.PROBLEM_EXAMPLES);
    static final String BACKPROP = "/api/v1/backprop";
    static final String WORKED_EXAMPLE = WorkedExample.REQUEST;

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @LocalServerPort
    int port;

    @Autowired
    ComputeGate gate;

    @MockitoSpyBean
    BackpropService service;

    /** What a client sends to meet each problem: a summary for the spec, and the request. */
    private Map<ProblemType, Recording> recordings() {
        Map<ProblemType, Recording> recordings = new EnumMap<>(ProblemType.class);
        recordings.put(
                ProblemType.MALFORMED_JSON,
                new Recording("The body `{\"layout\":` ends early", () -> post("{\"layout\":")));
        recordings.put(
                ProblemType.DUPLICATE_PROPERTY,
                new Recording(
                        "`layout` appears twice",
                        () -> post(WORKED_EXAMPLE.replace(
                                "\"layout\": \"dimension-first\",",
                                "\"layout\": \"dimension-first\", \"layout\": \"torch\","))));
        recordings.put(
                ProblemType.MISSING_PROPERTY,
                new Recording(
                        "`y` is missing from a /backprop request",
                        () -> post(WORKED_EXAMPLE.replace("\"y\": [[1, 0, 0, 1]],", ""))));
        recordings.put(
                ProblemType.UNKNOWN_PROPERTY,
                new Recording(
                        "A typo: `wieghts` for `weights`",
                        () -> post(WORKED_EXAMPLE.replaceFirst("\"weights\"", "\"wieghts\""))));
        recordings.put(
                ProblemType.WRONG_TYPE,
                new Recording(
                        "A number where a string belongs",
                        () -> post(WORKED_EXAMPLE.replace("\"dimension-first\"", "1"))));
        recordings.put(
                ProblemType.NON_FINITE_NUMBER,
                new Recording(
                        "A number that overflows a double",
                        () -> post(WORKED_EXAMPLE.replace("[[1, -1], [0, 2]", "[[1e400, -1], [0, 2]"))));
        recordings.put(
                ProblemType.INVALID_MATRIX,
                new Recording(
                        "A ragged matrix", () -> post(WORKED_EXAMPLE.replace("[[1, -1], [0, 2]", "[[1, -1], [0]"))));
        recordings.put(
                ProblemType.UNKNOWN_NAME,
                new Recording("A misspelt activation", () -> post(WORKED_EXAMPLE.replace("\"relu\"", "\"rellu\""))));
        recordings.put(
                ProblemType.INVALID_VALUE,
                new Recording(
                        "No layers",
                        () -> post("{\"layout\": \"dimension-first\", \"layers\": [], \"x\": [[1]], \"y\": [[1]]}")));
        recordings.put(
                ProblemType.SHAPE_MISMATCH,
                new Recording(
                        "Weights that do not chain with the layer before",
                        () -> post(WORKED_EXAMPLE.replace("[[1, -2, 1]]", "[[1, -2]]"))));
        recordings.put(
                ProblemType.INPUT_LIMIT,
                new Recording(
                        "A number literal longer than the parser allows (100 characters)",
                        () -> post(WORKED_EXAMPLE.replace("[[1, 0, -1, 2]", "[[1" + "0".repeat(100) + ", 0, -1, 2]"))));
        recordings.put(
                ProblemType.PAYLOAD_TOO_LARGE,
                new Recording(
                        "A body over the size limit (16 MB)",
                        () -> post("{\"x\": \"" + "1".repeat(16 * 1024 * 1024) + "\"}")));
        recordings.put(
                ProblemType.UNAUTHORIZED,
                new Recording(
                        "API keys are configured and the request has none",
                        () -> send("POST", BACKPROP, "application/json", WORKED_EXAMPLE)));
        recordings.put(
                ProblemType.FORBIDDEN,
                new Recording(
                        "A browser page on an origin that is not configured for CORS",
                        () -> send(
                                "OPTIONS",
                                BACKPROP,
                                null,
                                null,
                                "Origin",
                                "https://elsewhere.example.org",
                                "Access-Control-Request-Method",
                                "POST")));
        recordings.put(
                ProblemType.TIMEOUT,
                new Recording(
                        "A body that stops arriving before its Content-Length",
                        () -> raw("POST " + BACKPROP + " HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + KEY
                                + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"layout\": ")));
        recordings.put(
                ProblemType.NOT_FOUND,
                new Recording(
                        "A misspelt path: /api/v1/backprp",
                        () -> send("POST", "/api/v1/backprp", "application/json", WORKED_EXAMPLE, "X-API-Key", KEY)));
        recordings.put(
                ProblemType.METHOD_NOT_ALLOWED,
                new Recording("GET instead of POST", () -> send("GET", BACKPROP, null, null, "X-API-Key", KEY)));
        recordings.put(
                ProblemType.NOT_ACCEPTABLE,
                new Recording("Accept: text/html", () -> post(WORKED_EXAMPLE, "Accept", "text/html")));
        recordings.put(
                ProblemType.UNSUPPORTED_MEDIA_TYPE,
                new Recording(
                        "Content-Type: text/plain",
                        () -> send("POST", BACKPROP, "text/plain", WORKED_EXAMPLE, "X-API-Key", KEY)));
        recordings.put(
                ProblemType.NON_FINITE_RESULT,
                new Recording(
                        "Weights and inputs near 1e300 overflow",
                        () -> post("{\"layout\": \"dimension-first\", \"layers\": [{\"weights\": [[1e300, 1e300]], "
                                + "\"activation\": \"identity\"}], \"x\": [[1e300], [1e300]], \"y\": [[1]]}")));
        recordings.put(
                ProblemType.LIMIT_EXCEEDED,
                new Recording(
                        "A network of 150 layers, more than the compute limit (100)",
                        () -> post("{\"layout\": \"dimension-first\", \"layers\": ["
                                + String.join(
                                        ", ",
                                        java.util.Collections.nCopies(
                                                150, "{\"weights\": [[1]], \"activation\": \"identity\"}"))
                                + "], \"x\": [[1]], \"y\": [[1]]}")));
        recordings.put(
                ProblemType.OUTPUT_OUT_OF_RANGE,
                new Recording(
                        "binary-cross-entropy on probabilities after an identity output layer",
                        () -> post("{\"layout\": \"sample-first\", \"layers\": [{\"weights\": [[1]], "
                                + "\"activation\": \"identity\"}], \"x\": [[1.5]], \"y\": [[1]], "
                                + "\"loss\": \"binary-cross-entropy\", \"lossInput\": \"probabilities\"}")));
        recordings.put(
                ProblemType.RATE_LIMITED,
                new Recording("More requests from one API key than its rate limit allows", this::untilRateLimited));
        recordings.put(
                ProblemType.OVERLOADED,
                new Recording("Every worker is busy and the queue is full", this::whileSaturated));
        recordings.put(
                ProblemType.BAD_REQUEST,
                new Recording(
                        "A request line Tomcat cannot parse (a `|` in the path)",
                        () -> raw("GET /api/v1/back|prop HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")));
        recordings.put(
                ProblemType.INTERNAL_ERROR,
                new Recording("A failure of the service itself, never of the request", this::whileTheServiceFails));
        return recordings;
    }

    /**
     * Further examples of some types, each another way a client meets it, named by the type's slug
     * and what it shows: they follow the type's first example in the spec.
     */
    private List<FurtherRecording> furtherRecordings() {
        return List.of(
                new FurtherRecording(
                        ProblemType.WRONG_TYPE,
                        "null",
                        new Recording(
                                "`null` for an optional property: leave it out to take its default",
                                () -> post(WORKED_EXAMPLE.replace("\"loss\": \"half-sse\"", "\"loss\": null")))),
                new FurtherRecording(
                        ProblemType.INVALID_VALUE,
                        "integer-range",
                        new Recording(
                                "An integer its field cannot hold: /problems with `\"batchSize\": 3000000000`",
                                () -> send(
                                        "POST",
                                        "/api/v1/problems",
                                        "application/json",
                                        "{\"seed\": 42, \"batchSize\": 3000000000}",
                                        "X-API-Key",
                                        KEY))),
                new FurtherRecording(
                        ProblemType.PAYLOAD_TOO_LARGE,
                        "gzip",
                        new Recording(
                                "A gzip body of 17 kB that decompresses past the size limit (16 MB)",
                                () -> sendBytes(
                                        BACKPROP,
                                        gzip("{\"layout\": \"torch\"" + " ".repeat(17 * 1024 * 1024) + "}"),
                                        "Content-Encoding",
                                        "gzip"))),
                new FurtherRecording(
                        ProblemType.NOT_ACCEPTABLE,
                        "q0",
                        new Recording(
                                "`Accept: application/json;q=0`: every type but JSON",
                                () -> post(WORKED_EXAMPLE, "Accept", "application/json;q=0"))),
                new FurtherRecording(
                        ProblemType.UNSUPPORTED_MEDIA_TYPE,
                        "encoding",
                        new Recording(
                                "`Content-Encoding: br`; gzip is the one encoding decoded",
                                () -> sendBytes(
                                        BACKPROP,
                                        WORKED_EXAMPLE.getBytes(StandardCharsets.UTF_8),
                                        "Content-Encoding",
                                        "br"))),
                new FurtherRecording(
                        ProblemType.BAD_REQUEST,
                        "gzip",
                        new Recording(
                                "`Content-Encoding: gzip` on a body that is not gzip data",
                                () -> sendBytes(
                                        BACKPROP,
                                        WORKED_EXAMPLE.getBytes(StandardCharsets.UTF_8),
                                        "Content-Encoding",
                                        "gzip"))));
    }

    @Test
    void everyProblemTypeIsRecordedFromARealResponse() throws IOException {
        Map<ProblemType, Recording> recordings = recordings();
        assertThat(recordings.keySet()).containsExactlyInAnyOrder(ProblemType.values());

        ObjectNode recorded = JSON.createObjectNode();
        List<String> wrong = new ArrayList<>();
        List<FurtherRecording> further = furtherRecordings();
        for (ProblemType type : ProblemType.values()) {
            String slug = OpenApiConfiguration.slug(type);
            record(type, slug, recordings.get(type), recorded, wrong);
            for (FurtherRecording more : further) {
                if (more.type() == type) {
                    record(type, slug + "-" + more.name(), more.recording(), recorded, wrong);
                }
            }
        }
        assertThat(wrong)
                .as("requests that did not meet the problem they are to record")
                .isEmpty();

        String live = JSON.writeValueAsString(recorded) + "\n";
        String committed = Files.exists(FILE) ? Files.readString(FILE, StandardCharsets.UTF_8) : "";
        if (Boolean.getBoolean("openapi.update") && !live.equals(committed)) {
            Files.writeString(FILE, live, StandardCharsets.UTF_8);
            Assumptions.abort(FILE + " recorded anew; review it with git diff, then regenerate openapi/openapi.yaml");
        }
        assertThat(live)
                .withFailMessage(
                        "%s differs from what the service answers; if the change is intended, record it with%n%n"
                                + "    ./mvnw -B test -Dtest=ProblemExamplesRecordingTests -Dopenapi.update=true%n",
                        FILE)
                .isEqualTo(committed);
    }

    /** Sends the recording's request and keeps its answer as the example of that name, if it is a problem of the type. */
    private static void record(
            ProblemType type, String name, Recording recording, ObjectNode recorded, List<String> wrong) {
        Answer answer = recording.request().get();
        if (answer.status() != type.status().value() || !answer.contentType().startsWith("application/problem+json")) {
            wrong.add(name + " got " + answer.status() + " " + answer.contentType() + " " + answer.body());
            return;
        }
        JsonNode body = JSON.readTree(answer.body());
        if (!type.type().toString().equals(body.path("type").asString())) {
            wrong.add(name + " got " + answer.body());
        }
        ObjectNode example = recorded.putObject(name);
        example.put("summary", recording.summary());
        example.set("value", body);
    }

    private record Recording(String summary, Supplier<Answer> request) {}

    private record FurtherRecording(ProblemType type, String name, Recording recording) {}

    private record Answer(int status, String contentType, String body) {}

    /** The first refused of a run of requests from one key, longer than its burst (the other key's is untouched). */
    private Answer untilRateLimited() {
        for (int i = 0; i < 1000; i++) {
            Answer answer = send("GET", "/api/v1/functions", null, null, "X-API-Key", LIMITED_KEY);
            if (answer.status() == 429) {
                return answer;
            }
        }
        throw new AssertionError("1000 requests of one key were never rate limited");
    }

    /** Every worker busy and every place in the queue taken, with the default limits. */
    private Answer whileSaturated() {
        CountDownLatch release = new CountDownLatch(1);
        int workers =
                dev.backprop.limits.LimitsProperties.defaults().concurrency().effectiveWorkers();
        int queue =
                dev.backprop.limits.LimitsProperties.defaults().concurrency().queueCapacity();
        List<Thread> holders = new ArrayList<>();
        for (int i = 0; i < workers + queue; i++) {
            Thread holder = new Thread(() -> {
                try {
                    gate.run(() -> {
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return null;
                    });
                } catch (RuntimeException expected) {
                    // a holder that timed out in the queue
                }
            });
            holder.start();
            holders.add(holder);
        }
        try {
            // the holders take their places in a moment; until then the request may be queued itself
            for (int attempt = 0; ; attempt++) {
                Thread.sleep(200);
                Answer answer = post(WORKED_EXAMPLE);
                if (answer.status() == 503 && answer.body().contains("already waiting") || attempt == 20) {
                    return answer;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            release.countDown();
            holders.forEach(holder -> {
                try {
                    holder.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    /** The one failure the service cannot be asked for: an exception from inside it. */
    private Answer whileTheServiceFails() {
        doThrow(new IllegalStateException("a failure recorded for the OpenAPI example"))
                .when(service)
                .backprop(any());
        try {
            return post(WORKED_EXAMPLE);
        } finally {
            reset(service);
        }
    }

    private Answer post(String body, String... headers) {
        String[] withKey = new String[headers.length + 2];
        withKey[0] = "X-API-Key";
        withKey[1] = KEY;
        System.arraycopy(headers, 0, withKey, 2, headers.length);
        return send("POST", BACKPROP, "application/json", body, withKey);
    }

    /** A POST of JSON bytes as they are (compressed, or not what its headers say), with the key. */
    private Answer sendBytes(String path, byte[] body, String... headers) {
        String[] withKey = new String[headers.length + 2];
        withKey[0] = "X-API-Key";
        withKey[1] = KEY;
        System.arraycopy(headers, 0, withKey, 2, headers.length);
        return exchange("POST", path, "application/json", HttpRequest.BodyPublishers.ofByteArray(body), withKey);
    }

    private static byte[] gzip(String text) {
        java.io.ByteArrayOutputStream compressed = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(compressed)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return compressed.toByteArray();
    }

    private Answer send(String method, String path, String contentType, String body, String... headers) {
        return exchange(
                method,
                path,
                contentType,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body),
                headers);
    }

    private Answer exchange(
            String method, String path, String contentType, HttpRequest.BodyPublisher body, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), Http.contentType(response), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Raw bytes on a socket, for what no HTTP client sends; the answer read as far as its Content-Length. */
    private Answer raw(String request) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String[] headAndBody = answer.split("\r\n\r\n", 2);
            int status = Integer.parseInt(headAndBody[0].split(" ")[1]);
            String contentType = headAndBody[0]
                    .lines()
                    .filter(line -> line.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:"))
                    .map(line -> line.substring("content-type:".length()).trim())
                    .findFirst()
                    .orElse("");
            return new Answer(status, contentType, headAndBody.length > 1 ? headAndBody[1] : "");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
