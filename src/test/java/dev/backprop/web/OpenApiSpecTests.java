package dev.backprop.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lints the committed {@code openapi/openapi.yaml} (which {@link OpenApiSnapshotTests} keeps equal
 * to the live spec): valid OpenAPI 3.1 by swagger-parser, and documented as the API promises.
 */
class OpenApiSpecTests {

    static final List<String> ERROR_STATUSES = List.of("400", "404", "405", "406", "413", "415", "422", "429", "503");

    static String yaml;
    static OpenAPI api;

    @BeforeAll
    static void parse() throws IOException {
        yaml = Files.readString(OpenApiSnapshotTests.COMMITTED);
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(yaml, null, options);
        assertThat(result.getMessages()).as("swagger-parser's messages").isEmpty();
        api = result.getOpenAPI();
        assertThat(api).isNotNull();
        assertThat(api.getOpenapi()).isEqualTo("3.1.0");
    }

    @Test
    void refsPointIntoComponents() {
        Map<String, Map<String, ?>> components = Map.of(
                "schemas", api.getComponents().getSchemas(),
                "responses", api.getComponents().getResponses(),
                "examples", api.getComponents().getExamples(),
                "headers", api.getComponents().getHeaders());
        Matcher ref =
                Pattern.compile("\\$ref: \"#/components/(\\w+)/([^\"]+)\"").matcher(yaml);
        int refs = 0;
        while (ref.find()) {
            refs++;
            assertThat(components.get(ref.group(1))).as(ref.group()).containsKey(ref.group(2));
        }
        assertThat(refs).isGreaterThan(20);
    }

    @Test
    void everyOperationIsDescribed() {
        assertThat(operations().stream().map(Operation::getOperationId))
                .doesNotContainNull()
                .doesNotHaveDuplicates()
                .contains("backprop", "forward", "grade", "generate", "gradientCheck", "batch", "explain", "functions");
        assertThat(operations()).allSatisfy(operation -> {
            assertThat(operation.getSummary()).as(operation.getOperationId()).isNotBlank();
            assertThat(operation.getDescription())
                    .as(operation.getOperationId())
                    .isNotBlank();
            assertThat(operation.getTags()).as(operation.getOperationId()).isNotEmpty();
            assertThat(operation.getResponses().get("200").getContent())
                    .as(operation.getOperationId())
                    .isNotEmpty();
        });
    }

    @Test
    void everyErrorStatusIsProblemJsonWithExamples() {
        for (Operation operation : operations()) {
            assertThat(operation.getResponses())
                    .as(operation.getOperationId())
                    .containsKeys(ERROR_STATUSES.toArray(String[]::new));
            operation.getResponses().forEach((status, reference) -> {
                if (status.startsWith("2")) {
                    return;
                }
                ApiResponse response = resolve(reference);
                MediaType problem = response.getContent().get("application/problem+json");
                assertThat(problem)
                        .as(operation.getOperationId() + " " + status)
                        .isNotNull();
                assertThat(problem.getSchema().get$ref()).isEqualTo("#/components/schemas/Problem");
                assertThat(problem.getExamples())
                        .as(operation.getOperationId() + " " + status)
                        .isNotEmpty();
                problem.getExamples().forEach((name, example) -> assertProblem(status, name, example));
            });
        }
        assertThat(resolve(api.getPaths()
                                .get("/api/v1/backprop")
                                .getPost()
                                .getResponses()
                                .get("503"))
                        .getHeaders())
                .containsKey("Retry-After");
        for (Operation operation : operations()) {
            assertThat(resolve(operation.getResponses().get("429")).getHeaders())
                    .as(operation.getOperationId() + " 429")
                    .containsKeys("Retry-After", "RateLimit-Policy", "RateLimit");
            assertThat(operation.getResponses().get("200").getHeaders())
                    .as(operation.getOperationId() + " 200")
                    .containsKeys("RateLimit-Policy", "RateLimit");
        }
    }

    @SuppressWarnings("unchecked")
    private static void assertProblem(String status, String name, Example example) {
        Map<String, Object> body = Json.mapper().convertValue(example.getValue(), Map.class);
        assertThat(body).as(name).containsKeys("type", "title", "status", "detail");
        assertThat(String.valueOf(body.get("status"))).as(name).isEqualTo(status);
        // an example is named by its type's slug, or by the slug and what it shows (wrong-type-null)
        ProblemType type = java.util.Arrays.stream(ProblemType.values())
                .filter(candidate -> name.equals(OpenApiConfiguration.slug(candidate))
                        || name.startsWith(OpenApiConfiguration.slug(candidate) + "-"))
                .max(java.util.Comparator.comparingInt(
                        candidate -> OpenApiConfiguration.slug(candidate).length()))
                .orElseThrow(() -> new AssertionError(name + " names no problem type"));
        assertThat(body.get("type")).as(name).isEqualTo(type.type().toString());
        assertThat(body.get("title")).as(name).isEqualTo(type.title());
        if (body.containsKey("errors")) {
            assertThat((List<Map<String, Object>>) body.get("errors"))
                    .allSatisfy(error -> assertThat(error).containsOnlyKeys("pointer", "detail"));
        }
    }

    @Test
    void everyProblemTypeHasAnExample() {
        Set<String> documented = new HashSet<>();
        for (Operation operation : operations()) {
            operation.getResponses().values().stream()
                    .map(OpenApiSpecTests::resolve)
                    .filter(response -> response.getContent() != null
                            && response.getContent().containsKey("application/problem+json"))
                    .forEach(response -> documented.addAll(response.getContent()
                            .get("application/problem+json")
                            .getExamples()
                            .keySet()));
        }
        for (ProblemType type : ProblemType.values()) {
            assertThat(documented).contains(OpenApiConfiguration.slug(type));
        }
    }

    @Test
    @SuppressWarnings("rawtypes")
    void everyPropertyIsDescribed() {
        List<String> undescribed = new ArrayList<>();
        Set<String> reachable = new java.util.TreeSet<>();
        operations().forEach(operation -> collectSchemas(Json.mapper().valueToTree(operation), reachable));
        assertThat(reachable)
                .contains(
                        "BackpropRequest",
                        "LayerResponse",
                        "Matrix",
                        "Problem",
                        "FieldError",
                        "GradeRequest",
                        "FieldVerdict",
                        "ProblemRequest",
                        "GradientCheckResponse",
                        "BatchResult",
                        "FunctionCatalogue");
        api.getComponents().getSchemas().forEach((schemaName, schema) -> {
            if (!reachable.contains(schemaName)) {
                return;
            }
            assertThat(schema.getDescription()).as(schemaName).isNotBlank();
            Map<String, Schema> properties = schema.getProperties();
            if (properties != null) {
                properties.forEach((name, property) -> {
                    if (property.getDescription() == null
                            || property.getDescription().isBlank()) {
                        undescribed.add(schemaName + "." + name);
                    }
                });
            }
        });
        assertThat(undescribed).isEmpty();
    }

    @Test
    void matricesAreArraysOfArraysOfNumbers() {
        Schema<?> matrix = api.getComponents().getSchemas().get("Matrix");
        assertThat(matrix.getTypes()).containsExactly("array");
        assertThat(matrix.getItems().getTypes()).containsExactly("array");
        assertThat(matrix.getItems().getItems().getTypes()).containsExactly("number");
        Schema<?> vector = api.getComponents().getSchemas().get("Vector");
        assertThat(vector.getTypes()).containsExactly("array");
        assertThat(vector.getItems().getTypes()).containsExactly("number");
        assertThat(api.getComponents().getSchemas()).doesNotContainKey("DMatrixRMaj");
    }

    @Test
    void matrixFieldsGiveTheirShapeInEveryLayout() {
        Schema<?> weights = (Schema<?>) api.getComponents()
                .getSchemas()
                .get("LayerRequest")
                .getProperties()
                .get("weights");
        assertThat(weights.getDescription())
                .contains("| `dimension-first` | D_k×D_{k-1} |")
                .contains("| `sample-first` | D_{k-1}×D_k |")
                .contains("| `torch` | D_k×D_{k-1} |");
        Schema<?> delta = (Schema<?>) api.getComponents()
                .getSchemas()
                .get("LayerResponse")
                .getProperties()
                .get("delta");
        assertThat(delta.getDescription()).contains("| `dimension-first` | N×D_k |");
    }

    @Test
    void diagnosisCodesAreApiMdsCatalogue() {
        Schema<?> diagnosis = (Schema<?>) api.getComponents()
                .getSchemas()
                .get("FieldVerdict")
                .getProperties()
                .get("diagnosis");
        assertThat(new ArrayList<Object>(diagnosis.getEnum()))
                .containsExactlyInAnyOrder(
                        "shape-mismatch",
                        "transposed",
                        "scaled",
                        "sign-flipped",
                        "relu-derivative-at-zero",
                        "missing-activation-derivative",
                        "derivative-at-activation",
                        "error-carried-forward",
                        "update-sign",
                        "missing-learning-rate",
                        "updated-weights-in-backward",
                        "missing-regularization",
                        "regularization-factor",
                        null);
        assertThat(diagnosis.getDescription()).contains("| `error-carried-forward` |", "| `scaled` |");
    }

    @Test
    void explainAnswersMarkdown() {
        assertThat(api.getPaths()
                        .get("/api/v1/explain")
                        .getPost()
                        .getResponses()
                        .get("200")
                        .getContent())
                .containsOnlyKeys("text/markdown");
    }

    /** The names of the schemas this tree refers to, directly or through other components. */
    private static void collectSchemas(com.fasterxml.jackson.databind.JsonNode node, Set<String> names) {
        if (node.isObject() && node.has("$ref")) {
            String[] ref = node.get("$ref").asText().split("/");
            String kind = ref[ref.length - 2];
            String name = ref[ref.length - 1];
            Object target =
                    switch (kind) {
                        case "schemas" ->
                            names.add(name) ? api.getComponents().getSchemas().get(name) : null;
                        case "responses" -> api.getComponents().getResponses().get(name);
                        default -> null;
                    };
            if (target != null) {
                collectSchemas(Json.mapper().valueToTree(target), names);
            }
        }
        node.forEach(child -> collectSchemas(child, names));
    }

    private static List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        api.getPaths().values().forEach(item -> operations.addAll(item.readOperations()));
        return operations;
    }

    private static ApiResponse resolve(ApiResponse response) {
        if (response.get$ref() == null) {
            return response;
        }
        String name = response.get$ref().substring(response.get$ref().lastIndexOf('/') + 1);
        return api.getComponents().getResponses().get(name);
    }
}
