package dev.backprop.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.support.LiveSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code null} is never a value: in every request example of every operation of the live spec,
 * each property the spec declares there (sent in the example or not, required or optional) and
 * the first element of each array, set to {@code null} in turn, is a 400 {@code wrong-type} at its
 * pointer; inside a /backprop/batch problem, that problem's result is, and the others still answer.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class StrictNullsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BATCH = "/api/v1/backprop/batch";

    @Autowired
    RestTestClient client;

    @Test
    void nullForAnyPropertyOfAnyRequestIsAWrongTypeAtItsPointer() {
        JsonNode spec = LiveSpec.read(client);
        List<String> wrong = new ArrayList<>();
        Set<String> operations = new TreeSet<>();
        int sent = 0;
        for (String path : spec.path("paths").propertyNames()) {
            JsonNode operation = spec.path("paths").path(path).path("post");
            if (operation.isMissingNode() || !path.startsWith("/api/")) {
                continue;
            }
            JsonNode body = operation.at("/requestBody/content/application~1json");
            for (JsonNode example : body.path("examples")) {
                String ref = example.path("$ref").asString();
                JsonNode request =
                        spec.at("/components/examples/" + ref.substring(ref.lastIndexOf('/') + 1) + "/value");
                Set<String> pointers = new LinkedHashSet<>();
                nullablePlaces(spec, body.path("schema"), request, "", pointers);
                for (String pointer : pointers) {
                    String failure = checkNullAt(path, request, pointer);
                    if (failure != null) {
                        wrong.add(path + " " + pointer + ": " + failure);
                    }
                    sent++;
                }
                operations.add(operation.path("operationId").asString());
            }
        }
        assertThat(wrong)
                .as("nulls not answered as a wrong type at their pointer")
                .isEmpty();
        assertThat(operations)
                .containsExactlyInAnyOrder(
                        "backprop",
                        "batch",
                        "explain",
                        "forward",
                        "generate",
                        "grade",
                        "gradientCheck",
                        "optimizerStep",
                        "train");
        assertThat(sent).isGreaterThan(500);
    }

    @Test
    void theGradientChecksEpsilonNullIsNoLongerItsDefault() {
        String request = """
                {"layout": "torch", "layers": [{"weights": [[1]], "activation": "relu"}], "x": [[1]], "y": [[1]],
                 "epsilon": null}""";
        EntityExchangeResult<String> answer = post("/api/v1/gradient-check", request);
        assertThat(answer.getStatus().value()).isEqualTo(400);
        JsonNode problem = JSON.readTree(answer.getResponseBody());
        assertThat(problem.path("type").asString())
                .isEqualTo(ProblemType.WRONG_TYPE.type().toString());
        assertThat(problem.at("/errors/0/pointer").asString()).isEqualTo("/epsilon");
        assertThat(problem.at("/errors/0/detail").asString())
                .isEqualTo("/epsilon is null, but must be a number: null is not a value in this API (leave an "
                        + "optional property out to take its default)");
    }

    /** What is wrong with the answer to the request with null at the pointer, or null. */
    private String checkNullAt(String path, JsonNode request, String pointer) {
        EntityExchangeResult<String> answer =
                post(path, withNullAt(request, pointer).toString());
        JsonNode body = JSON.readTree(answer.getResponseBody());
        String expectedPointer = pointer;
        JsonNode problem = body;
        int status = answer.getStatus().value();
        String[] segments = pointer.split("/", 4);
        if (path.equals(BATCH) && segments.length >= 3 && segments[1].equals("problems")) {
            // one problem of the batch: its own result, with a pointer into that problem
            if (status != 200) {
                return "the batch failed as a whole: " + status + " " + answer.getResponseBody();
            }
            JsonNode result = body.at("/results/" + segments[2]);
            status = result.path("status").asInt();
            problem = result.path("body");
            expectedPointer = segments.length == 4 ? "/" + segments[3] : "";
        }
        if (status != 400
                || !ProblemType.WRONG_TYPE
                        .type()
                        .toString()
                        .equals(problem.path("type").asString())
                || !expectedPointer.equals(problem.at("/errors/0/pointer").asString())
                || !problem.at("/errors/0/detail").asString().contains("null")) {
            return status + " " + problem;
        }
        return null;
    }

    private EntityExchangeResult<String> post(String path, String body) {
        return client.post()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectBody(String.class)
                .returnResult();
    }

    /**
     * Every place under {@code node} that can be null: each property the schema declares (sent or
     * not), each property sent in a map, the first element of each array, and the places inside
     * those sent.
     */
    private static void nullablePlaces(
            JsonNode spec, JsonNode schema, JsonNode node, String pointer, Set<String> into) {
        JsonNode resolved = resolve(spec, schema);
        if (node.isObject()) {
            Set<String> names = new LinkedHashSet<>(properties(spec, resolved).propertyNames());
            names.addAll(node.propertyNames());
            for (String name : names) {
                String place = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                into.add(place);
                if (node.has(name)) {
                    JsonNode declared = properties(spec, resolved).path(name);
                    JsonNode child = declared.isMissingNode() ? resolved.path("additionalProperties") : declared;
                    nullablePlaces(spec, child, node.get(name), place, into);
                }
            }
        } else if (node.isArray() && !node.isEmpty()) {
            into.add(pointer + "/0");
            nullablePlaces(spec, items(spec, resolved), node.get(0), pointer + "/0", into);
        }
    }

    /** The properties of an object schema, or of every alternative of a {@code oneOf}. */
    private static JsonNode properties(JsonNode spec, JsonNode schema) {
        ObjectNode all = JsonNodeFactory.instance.objectNode();
        if (schema.has("properties")) {
            all.setAll((ObjectNode) schema.get("properties"));
        }
        for (JsonNode alternative : schema.path("oneOf")) {
            all.setAll((ObjectNode) properties(spec, resolve(spec, alternative)));
        }
        return all;
    }

    private static JsonNode items(JsonNode spec, JsonNode schema) {
        if (schema.has("items")) {
            return schema.get("items");
        }
        Iterator<JsonNode> alternatives = schema.path("oneOf").iterator();
        return alternatives.hasNext() ? items(spec, resolve(spec, alternatives.next())) : schema.path("items");
    }

    private static JsonNode resolve(JsonNode spec, JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        return ref.isEmpty() ? schema : resolve(spec, spec.at(ref.substring(1)));
    }

    /** A copy of the request with null at the pointer, in place of what is there or as a new property. */
    private static JsonNode withNullAt(JsonNode request, String pointer) {
        JsonNode copy = request.deepCopy();
        int last = pointer.lastIndexOf('/');
        JsonNode parent = copy.at(pointer.substring(0, last));
        String segment = pointer.substring(last + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ObjectNode object) {
            object.putNull(segment);
        } else {
            ((ArrayNode) parent).set(Integer.parseInt(segment), JsonNodeFactory.instance.nullNode());
        }
        return copy;
    }
}
