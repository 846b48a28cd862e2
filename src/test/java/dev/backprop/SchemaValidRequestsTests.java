package dev.backprop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.support.SchemaGaps;
import dev.backprop.support.SchemaInstances;
import dev.backprop.web.ProblemType;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request that the spec's schema accepts is one the service accepts: requests drawn from the
 * live spec ({@code /v3/api-docs}) for every operation that takes a JSON body, sent to the running
 * service, at most {@value #MOST_REJECTED} of them refused. Each draw is valid under its schema
 * ({@link SchemaInstances}), then made true of what JSON Schema cannot say ({@link SchemaGaps}:
 * shapes that chain, names that refer to names, sums and orders) and checked valid again. Every
 * answer is checked against its schema: a 200's against the operation's, any other against
 * Problem.
 *
 * <p>Not counted as refusals: answers that a computation decides, which no schema can foresee: 422
 * {@code non-finite-result} and {@code output-out-of-range} (the network's output overflowed a
 * double or left the loss's domain) and /problems' 422 at {@code /avoidTies} (no draw of the
 * generator was free of ReLU ties); they are counted and shown as "computed".
 * A /backprop/batch is counted once per problem, by the status of each problem's result: a problem
 * valid under BackpropRequest must be answered 200, any other value of the batch a 4xx of its own.
 *
 * <p>{@code -Dschema.seed=N} draws another sample; {@code -Dschema.requests=N} sets the draws per
 * operation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SchemaValidRequestsTests {

    static final double MOST_REJECTED = 0.02;
    static final long SEED = Long.getLong("schema.seed", 20_261_205L);
    static final int REQUESTS = Integer.getInteger("schema.requests", 80);
    static final Set<ProblemType> COMPUTED = EnumSet.of(ProblemType.NON_FINITE_RESULT, ProblemType.OUTPUT_OUT_OF_RANGE);
    static final String JSON = "application/json";

    @LocalServerPort
    int port;

    Http http;
    SchemaInstances instances;
    SchemaGaps gaps;
    final Map<String, Tally> tallies = new TreeMap<>();
    final List<String> refusals = new ArrayList<>();
    final List<String> computations = new ArrayList<>();
    final List<String> answersOutsideTheirSchema = new ArrayList<>();

    JsonNode spec;

    @BeforeEach
    void readTheLiveSpec() {
        http = new Http(port);
        spec = Http.json(http.get("/v3/api-docs"));
        SplittableRandom random = new SplittableRandom(SEED);
        instances = new SchemaInstances(spec, random);
        gaps = new SchemaGaps(instances, random);
    }

    /** The examples a student picks in Swagger UI are valid under the schema they illustrate. */
    @Test
    void everyRequestExampleIsValidUnderItsSchema() {
        List<String> invalid = new ArrayList<>();
        int examples = 0;
        for (Map.Entry<String, JsonNode> path : spec.get("paths").properties()) {
            JsonNode media = path.getValue().at("/post/requestBody/content/" + pointerPart(JSON));
            for (Map.Entry<String, JsonNode> example : media.path("examples").properties()) {
                JsonNode value = example.getValue().has("$ref")
                        ? instances
                                .schema(example.getValue()
                                        .get("$ref")
                                        .asString()
                                        .substring(1))
                                .get("value")
                        : example.getValue().get("value");
                examples++;
                List<String> errors = instances.validate(media.get("schema"), value);
                if (!errors.isEmpty()) {
                    invalid.add(path.getKey() + " " + example.getKey() + ": " + errors);
                }
            }
        }
        assertThat(examples).isGreaterThan(20);
        assertThat(invalid).isEmpty();
    }

    /**
     * Every array, string and integer a request can hold is bounded, as the OWASP API4 rules ask:
     * an array by maxItems, a string by maxLength or a list of values, an integer by its format,
     * minimum and maximum.
     */
    @Test
    void everyRequestSchemaIsBounded() {
        List<String> unbounded = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (Map.Entry<String, JsonNode> path : spec.get("paths").properties()) {
            JsonNode schema = path.getValue().at("/post/requestBody/content/" + pointerPart(JSON) + "/schema");
            if (!schema.isMissingNode()) {
                bounded(schema, path.getKey(), seen, unbounded);
            }
        }
        assertThat(seen).hasSizeGreaterThan(20);
        assertThat(unbounded).isEmpty();
    }

    private void bounded(JsonNode schema, String at, Set<String> seen, List<String> unbounded) {
        if (!schema.isObject()) {
            return;
        }
        if (schema.has("$ref") && seen.add(schema.get("$ref").asString())) {
            String ref = schema.get("$ref").asString();
            bounded(instances.schema(ref.substring(1)), ref, seen, unbounded);
        }
        String type = schema.path("type").asString("");
        boolean fine =
                switch (type) {
                    case "array" -> schema.has("maxItems");
                    case "string" -> schema.has("maxLength") || schema.has("enum") || schema.has("const");
                    case "integer" ->
                        schema.has("format")
                                && (schema.has("minimum") || schema.has("exclusiveMinimum"))
                                && (schema.has("maximum") || schema.has("exclusiveMaximum"));
                    default -> true;
                };
        if (!fine) {
            unbounded.add(at + ": " + type + " " + schema);
        }
        for (Map.Entry<String, JsonNode> keyword : schema.properties()) {
            switch (keyword.getKey()) {
                case "properties", "dependentSchemas" ->
                    keyword.getValue()
                            .properties()
                            .forEach(nested -> bounded(nested.getValue(), at + "/" + nested.getKey(), seen, unbounded));
                case "items", "additionalProperties", "propertyNames", "not", "if", "then", "else" ->
                    bounded(keyword.getValue(), at + "/" + keyword.getKey(), seen, unbounded);
                case "allOf", "anyOf", "oneOf" ->
                    keyword.getValue().forEach(nested -> bounded(nested, at + "/" + keyword.getKey(), seen, unbounded));
                default -> {
                    // an assertion on this value, or an annotation
                }
            }
        }
    }

    @Test
    void theServiceAcceptsWhatTheSchemaAccepts() {
        for (Map.Entry<String, JsonNode> path : spec.get("paths").properties()) {
            JsonNode post = path.getValue().path("post");
            JsonNode schema = post.at("/requestBody/content/" + pointerPart(JSON) + "/schema");
            if (schema.isMissingNode()) {
                continue;
            }
            JsonNode answerSchema = post.at("/responses/200/content/" + pointerPart(JSON) + "/schema");
            String operation = post.get("operationId").asString();
            for (int i = 0; i < REQUESTS; i++) {
                send(operation, path.getKey(), schema, answerSchema);
            }
        }

        Tally all = new Tally();
        StringBuilder table = new StringBuilder(String.format(
                "%nSchema-valid requests (seed %d, %d per operation):%n%-16s %6s %9s %9s %9s%n",
                SEED, REQUESTS, "operation", "sent", "accepted", "computed", "refused"));
        tallies.forEach((operation, tally) -> {
            table.append(String.format(
                    "%-16s %6d %9d %9d %9d%n", operation, tally.sent, tally.accepted, tally.computed, tally.refused));
            all.add(tally);
        });
        double refused = (double) all.refused / all.sent;
        table.append(String.format(
                "%-16s %6d %9d %9d %9d  → %.2f%% refused (at most %.0f%%), %.2f%% computed%n",
                "all",
                all.sent,
                all.accepted,
                all.computed,
                all.refused,
                100 * refused,
                100 * MOST_REJECTED,
                100.0 * all.computed / all.sent));
        refusals.stream()
                .collect(Collectors.groupingBy(
                        refusal -> refusal.substring(0, refusal.indexOf(' ')), TreeMap::new, Collectors.toList()))
                .forEach((operation, some) -> some.stream()
                        .limit(3)
                        .forEach(refusal -> table.append("  refused: ")
                                .append(refusal, 0, Math.min(refusal.length(), 1500))
                                .append('\n')));
        computations.stream()
                .collect(Collectors.groupingBy(c -> c, TreeMap::new, Collectors.counting()))
                .forEach((kind, times) -> table.append(String.format("  computed %4d× %s%n", times, kind)));
        System.out.println(table);

        assertThat(refusals)
                .as("schema-valid requests the service failed on (5xx)")
                .noneMatch(refusal -> refusal.matches("\\S+ 5\\d\\d .*"));
        assertThat(answersOutsideTheirSchema)
                .as("answers outside their response schema (a 200's, or Problem)")
                .isEmpty();
        assertThat(refused)
                .as("share of schema-valid requests refused: %s", refusals)
                .isLessThanOrEqualTo(MOST_REJECTED);
        // and enough of the draws are answered for the answers' schemas to be checked on many
        assertThat(all.accepted).isGreaterThan(all.sent / 2);
    }

    private void send(String operation, String path, JsonNode schema, JsonNode answerSchema) {
        ObjectNode request = draw(operation, schema);
        HttpResponse<String> response = http.post(path, request.toString());
        if (operation.equals("batch") && response.statusCode() == 200) {
            // each problem is a request of its own, answered in its result
            JsonNode results = Http.json(response).get("results");
            JsonNode problem = instances.schema("/components/schemas/BackpropRequest");
            for (int i = 0; i < results.size(); i++) {
                JsonNode item = request.get("problems").get(i);
                JsonNode result = results.get(i);
                if (instances.isValid(problem, item)) {
                    count("batch", item, result.get("status").asInt(), result.get("body"));
                } else {
                    assertThat(result.get("status").asInt())
                            .as("a batch's problem that is not a /backprop request: %s", item)
                            .isBetween(400, 499);
                }
            }
        } else {
            count(operation, request, response.statusCode(), response.statusCode() == 200 ? null : Http.json(response));
        }
        JsonNode answered =
                response.statusCode() == 200 ? answerSchema : instances.schema("/components/schemas/Problem");
        if (!answered.isMissingNode() && !Http.contentType(response).startsWith("text/")) {
            List<String> violations = instances.validate(answered, Http.json(response));
            if (!violations.isEmpty()) {
                answersOutsideTheirSchema.add(operation + ": " + violations + " in the answer to " + request);
            }
        }
    }

    private void count(String operation, JsonNode request, int status, JsonNode problem) {
        Tally tally = tallies.computeIfAbsent(operation, name -> new Tally());
        tally.sent++;
        if (status >= 200 && status < 300) {
            tally.accepted++;
            return;
        }
        String type = problem.path("type").asString("");
        boolean drawnOut = ProblemType.LIMIT_EXCEEDED.type().toString().equals(type)
                && problem.at("/errors/0/pointer").asString("").equals("/avoidTies");
        if (drawnOut
                || COMPUTED.stream()
                        .anyMatch(computed -> computed.type().toString().equals(type))) {
            tally.computed++;
            computations.add(type.substring(ProblemType.URI_PREFIX.length()) + ": "
                    + firstWords(problem.path("detail").asString()));
            return;
        }
        tally.refused++;
        refusals.add(operation + " " + status + " " + problem.path("errors") + " for " + request);
    }

    /** A request drawn from the schema, made true of what JSON Schema cannot say, and valid still. */
    private ObjectNode draw(String operation, JsonNode schema) {
        for (int attempt = 0; ; attempt++) {
            ObjectNode request = (ObjectNode) instances.generate(schema);
            if (!fill(operation, request)) {
                assertThat(attempt)
                        .as("draws of %s the service cannot complete", operation)
                        .isLessThan(100);
                continue;
            }
            assertThat(instances.validate(schema, request))
                    .as("the filled-in %s request %s", operation, request)
                    .isEmpty();
            return request;
        }
    }

    /** @return false when the request cannot be completed (a grade whose submission names nothing its problem has) */
    private boolean fill(String operation, ObjectNode request) {
        gaps.rectangular(request);
        switch (operation) {
            case "backprop", "forward", "gradientCheck", "explain", "train" -> network(request);
            case "batch" ->
                request.get("problems").forEach(problem -> {
                    if (problem instanceof ObjectNode object
                            && instances.isValid(instances.schema("/components/schemas/BackpropRequest"), object)) {
                        network(object);
                    }
                });
            case "grade" -> {
                ObjectNode problem = (ObjectNode) request.get("problem");
                network(problem);
                JsonNode answer = answerTo(problem);
                // a problem the service refuses is sent all the same, to be counted as the grade's refusal
                return answer == null || gaps.submissionOf(request, answer);
            }
            case "generate" -> gaps.problemSettings(request);
            case "optimizerStep" -> gaps.optimizerStep(request);
            default -> {
                // an operation without relations between its values
            }
        }
        return true;
    }

    private void network(ObjectNode request) {
        gaps.chainShapes(request);
        gaps.trainState(request);
    }

    /**
     * The service's /backprop answer to a grade's problem, with its /train answer's fields for a
     * /train problem; null when it refuses the problem.
     */
    private JsonNode answerTo(ObjectNode problem) {
        ObjectNode backprop = problem.deepCopy();
        backprop.remove(List.of("optimizer", "steps", "state"));
        HttpResponse<String> pass = http.post("/api/v1/backprop", backprop.toString());
        if (pass.statusCode() != 200) {
            return null;
        }
        ObjectNode answer = (ObjectNode) Http.json(pass);
        if (problem.has("optimizer")) {
            HttpResponse<String> trained = http.post("/api/v1/train", problem.toString());
            if (trained.statusCode() == 200) {
                JsonNode train = Http.json(trained);
                answer.set("lossHistory", train.get("lossHistory"));
                for (int k = 0; k < answer.get("layers").size(); k++) {
                    ObjectNode layer = (ObjectNode) answer.get("layers").get(k);
                    JsonNode after = train.get("layers").get(k);
                    layer.set("weights", after.get("weights"));
                    layer.set("bias", after.get("bias"));
                    if (after.has("batchNorm")) {
                        ((ObjectNode) layer.get("batchNorm")).setAll((ObjectNode) after.get("batchNorm"));
                    }
                }
            }
        }
        return answer;
    }

    /** The kind of a computed problem: its detail up to the first number or pointer, without parameter names. */
    private static String firstWords(String detail) {
        return detail.replaceAll("^After the step, \\S+", "After the step, θ")
                .replaceAll("(\\(|/[\\w/]+|-?[0-9][0-9.E-]*).*", "…");
    }

    private static String pointerPart(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    static final class Tally {
        int sent;
        int accepted;
        int computed;
        int refused;

        void add(Tally other) {
            sent += other.sent;
            accepted += other.accepted;
            computed += other.computed;
            refused += other.refused;
        }
    }
}
