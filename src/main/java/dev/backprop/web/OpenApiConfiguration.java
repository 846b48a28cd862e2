package dev.backprop.web;

import dev.backprop.limits.LimitsProperties;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.servers.Server;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.ejml.data.DMatrixRMaj;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.HttpStatus;

/**
 * The parts of the OpenAPI description (at {@code /v3/api-docs}, shown by Swagger UI) that every
 * endpoint shares, so that a new endpoint is documented by its annotations alone:
 *
 * <ul>
 *   <li>EJML's {@link DMatrixRMaj} is the {@value #MATRIX} schema, an array of rows of numbers, as
 *       {@link MatrixJson} writes it; {@code double[]} is the {@value #VECTOR} schema; both hold at
 *       most {@code backprop.limits.compute.max-numbers} numbers, the most a request may send;
 *   <li>every map's keys are at most {@code backprop.limits.json.max-string-length} characters,
 *       the parser's limit on property names;
 *   <li>every status a client can meet is a reusable {@code application/problem+json} response
 *       with one example per {@link ProblemType} of that status, added to every operation under
 *       {@code /api/};
 *   <li>each file {@code openapi/examples/NAME.json} on the class path, an Example Object with an
 *       extra {@code operations} array of operationIds, becomes the request example NAME of
 *       those operations.
 * </ul>
 *
 * What the engine and the layouts define (activation, loss and layout names, matrix shapes) is
 * documented by a customizer beside the feature that uses them.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OpenApiSettings.class)
class OpenApiConfiguration {

    static final String MATRIX = "Matrix";
    static final String VECTOR = "Vector";
    static final String MATRIX_OR_VECTOR = "MatrixOrVector";
    static final String PROBLEM = "Problem";
    static final String FIELD_ERROR = "FieldError";
    static final String API_KEY = "ApiKey";
    static final String RATE_LIMIT_POLICY = "RateLimit-Policy";
    static final String RATE_LIMIT = "RateLimit";
    static final String EXAMPLES = "classpath*:openapi/examples/*.json";
    /** Problem examples recorded from real responses by {@code ProblemExamplesRecordingTests}. */
    static final String PROBLEM_EXAMPLES = "openapi/problem-examples.json";

    private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    private static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;

    static {
        // MatrixJson writes a matrix as rows of numbers: the spec must say that, not list EJML's getters
        SpringDocUtils.getConfig()
                .replaceWithSchema(DMatrixRMaj.class, ref(MATRIX))
                .replaceWithSchema(double[].class, ref(VECTOR))
                .replaceWithSchema(MatrixOrVector.class, ref(MATRIX_OR_VECTOR))
                // a Problem, wherever a body holds one, is written as the Problem schema says
                .replaceWithSchema(Problem.class, ref(PROBLEM))
                // a raw JSON tree (read as is, to be checked later) is any JSON value, not JsonNode's getters
                .replaceWithSchema(
                        tools.jackson.databind.JsonNode.class, new Schema<>().description("Any JSON value."));
    }

    @Bean
    OpenAPI backpropOpenApi(OpenApiSettings settings, LimitsProperties limits) {
        return new OpenAPI()
                .info(new Info()
                        .title("backprop-service")
                        .version("1")
                        .description("""
                                The forward and backward pass of a multilayer perceptron (MLP), in the \
                                notation of the 2017 matrix-math note, for students who want to check their \
                                backpropagation by hand and for autograders.

                                Every request names its `layout`: how matrices are oriented. Each matrix \
                                field below says its shape in each layout. Pick an example in the request \
                                body, press **Try it out**, then **Execute**.

                                Every error is `application/problem+json` (RFC 9457) with a stable `type` \
                                URI per kind of problem and, for invalid input, `errors` with RFC 6901 \
                                JSON pointers into the request.

                                Input is read strictly. An unknown or duplicate property is refused. \
                                `null` is never a value: a property sent as `null`, required or \
                                optional, and a `null` element of an array or an object, is a 400 \
                                `wrong-type` at its pointer; leave an optional property out to take its \
                                default. An integer is any number without a fractional part (`4`, `4.0`, \
                                `4e0`); one outside what its field can hold (`"steps": 99999999999`, \
                                `"seed": 1e30`) is a 400 `invalid-value` that names the field's range, and \
                                one within it but past a field's own bounds is refused by that field's \
                                check. An `Accept` header that gives every representation of an operation \
                                the quality 0 (`application/json;q=0`) is a 406, as RFC 9110 says.

                                A request body may be sent gzip-compressed, with `Content-Encoding: gzip` \
                                (or `x-gzip`): it is decompressed as it is read, and the body-size limit \
                                holds for the bytes sent and for the bytes they decompress to (past it, \
                                413 `payload-too-large`). A body that is not gzip data, or ends before \
                                it, is a 400 `bad-request`. Any other `Content-Encoding` is a 415 \
                                `unsupported-media-type` with `Accept-Encoding: gzip`.""")
                        .contact(new Contact()
                                .name(settings.contactName())
                                .url(
                                        settings.contactUrl() == null
                                                ? null
                                                : settings.contactUrl().toString()))
                        .license(new License().name("MIT").identifier("MIT")))
                .servers(List.of(new Server()
                        .url(settings.serverUrl().toString())
                        .description("This service, " + settings.serverEnvironment())
                        // for students and autograders, not a service behind others' backs
                        .extensions(Map.of("x-internal", false))))
                .components(new Components()
                        .addSchemas(MATRIX, matrixSchema(limits))
                        .addSchemas(VECTOR, vectorSchema(limits))
                        .addSchemas(MATRIX_OR_VECTOR, matrixOrVectorSchema())
                        .addSchemas(PROBLEM, problemSchema(limits))
                        .addSchemas(FIELD_ERROR, fieldErrorSchema())
                        .addHeaders(
                                "Retry-After",
                                new Header()
                                        .description("Seconds to wait before sending the request again")
                                        .schema(typed("integer")
                                                .format("int64")
                                                .minimum(java.math.BigDecimal.ONE)
                                                .maximum(java.math.BigDecimal.valueOf(mostRetryAfter(limits)))))
                        .addHeaders(RATE_LIMIT_POLICY, rateLimitPolicyHeader())
                        .addHeaders(RATE_LIMIT, rateLimitHeader())
                        // Swagger UI's "Authorize" button: the key it takes is sent on every request
                        .addSecuritySchemes(
                                API_KEY,
                                new io.swagger.v3.oas.models.security.SecurityScheme()
                                        .type(io.swagger.v3.oas.models.security.SecurityScheme.Type.APIKEY)
                                        .in(io.swagger.v3.oas.models.security.SecurityScheme.In.HEADER)
                                        .name("X-API-Key")
                                        .description(
                                                "Needed only when the service is started with API keys (BACKPROP_API_KEYS); "
                                                        + "without one it answers 401.")))
                // either no key (keys not configured) or the key
                .security(List.of(
                        new io.swagger.v3.oas.models.security.SecurityRequirement(),
                        new io.swagger.v3.oas.models.security.SecurityRequirement().addList(API_KEY)));
    }

    /**
     * Adds the shared responses and the request examples to what springdoc scanned, and says in
     * every schema what JSON Schema 2020-12 says (numbers as numbers, exclusive bounds as values)
     * with the parser's limit on map keys.
     */
    @Bean
    OpenApiCustomizer sharedApiDocumentation(LimitsProperties limits) {
        List<NamedExample> examples = readExamples();
        int maxKeyLength = limits.json().maxStringLength();
        return api -> {
            // read when the spec is built, not at start-up: the test that records them starts the service
            addProblemResponses(api, readProblemExamples());
            addExamples(api, examples);
            sortTags(api);
            if (api.getComponents().getSchemas() != null) {
                api.getComponents()
                        .getSchemas()
                        .values()
                        .forEach(schema -> forEachSchema(schema, nested -> {
                            numbersAsNumbers(nested);
                            exclusiveBoundsAsValues(nested);
                            boundedKeys(nested, maxKeyLength);
                        }));
            }
        };
    }

    /**
     * Calls {@code action} on the schema and every schema nested in it: properties, items, map
     * values, the parts of {@code allOf}, {@code anyOf}, {@code oneOf}, {@code not}, {@code if},
     * {@code then}, {@code else} and {@code dependentSchemas}. A schema that two schemas share is
     * visited once for each: every action here is idempotent.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static void forEachSchema(Schema schema, java.util.function.Consumer<Schema> action) {
        if (schema == null) {
            return;
        }
        action.accept(schema);
        if (schema.getProperties() != null) {
            ((Map<String, Schema>) schema.getProperties()).values().forEach(nested -> forEachSchema(nested, action));
        }
        forEachSchema(schema.getItems(), action);
        if (schema.getAdditionalProperties() instanceof Schema values) {
            forEachSchema(values, action);
        }
        for (List<Schema> group : new List[] {schema.getAllOf(), schema.getAnyOf(), schema.getOneOf()}) {
            if (group != null) {
                group.forEach(nested -> forEachSchema(nested, action));
            }
        }
        for (Schema nested : new Schema[] {schema.getNot(), schema.getIf(), schema.getThen(), schema.getElse()}) {
            forEachSchema(nested, action);
        }
        if (schema.getDependentSchemas() != null) {
            ((Map<String, Schema>) schema.getDependentSchemas())
                    .values()
                    .forEach(nested -> forEachSchema(nested, action));
        }
    }

    /**
     * Annotations give defaults and examples as text ({@code defaultValue = "1e-6"}), which
     * swagger-core leaves as a JSON string for an OpenAPI 3.1 schema: a client that reads the
     * default of a number would get {@code "1e-6"}. Every number and integer schema's default
     * and example become JSON numbers here, in every schema, nested ones included.
     */
    static void numbersAsNumbers(Schema<?> schema) {
        String type = singleType(schema);
        if ("number".equals(type) || "integer".equals(type)) {
            if (schema.getDefault() instanceof String text) {
                schema.setDefault(number(type, text));
            }
            if (schema.getExample() instanceof String text) {
                schema.setExample(number(type, text));
            }
        }
    }

    /**
     * {@code @Schema(minimum = "0", exclusiveMinimum = true)} is OpenAPI 3.0's way of saying > 0,
     * which swagger-core keeps as a boolean, and {@code exclusiveMinimumValue} cannot say 0 (it
     * reads 0 as unset): here such a bound becomes 2020-12's {@code exclusiveMinimum: 0}, the
     * bound itself, and the same for maxima.
     */
    static void exclusiveBoundsAsValues(Schema<?> schema) {
        if (Boolean.TRUE.equals(schema.getExclusiveMinimum()) && schema.getMinimum() != null) {
            schema.setExclusiveMinimumValue(schema.getMinimum());
            schema.setMinimum(null);
        }
        if (Boolean.TRUE.equals(schema.getExclusiveMaximum()) && schema.getMaximum() != null) {
            schema.setExclusiveMaximumValue(schema.getMaximum());
            schema.setMaximum(null);
        }
        schema.setExclusiveMinimum(null);
        schema.setExclusiveMaximum(null);
    }

    /**
     * A map's keys are property names: at most {@code maxLength} characters, as the parser allows.
     * (A name is always a string: the schema of names needs no type.)
     */
    static void boundedKeys(Schema<?> schema, int maxLength) {
        if (schema.getAdditionalProperties() instanceof Schema && schema.getPropertyNames() == null) {
            schema.setPropertyNames(new Schema<>().maxLength(maxLength));
        }
    }

    /** The one JSON type of a schema, or null when it has none or several. */
    static String singleType(Schema<?> schema) {
        if (schema.getType() != null) {
            return schema.getType();
        }
        return schema.getTypes() != null && schema.getTypes().size() == 1
                ? schema.getTypes().iterator().next()
                : null;
    }

    private static Number number(String type, String text) {
        return "integer".equals(type) ? (Number) Long.valueOf(text.strip()) : (Number) Double.valueOf(text.strip());
    }

    // ---- schemas

    private static Schema<?> matrixSchema(LimitsProperties limits) {
        int most = maxNumbers(limits);
        return typed("array")
                .description("""
                        A matrix: a JSON array of rows, each row an array of numbers, every row the \
                        same length, at least 1×1. `[[1, 2], [3, 4]]` is 2×2; a single sample is a \
                        matrix with N = 1. Every number is finite: strings such as `"1.5"` or `"NaN"`, \
                        `null`, and numbers that overflow a double (`1e400`) are invalid input. A \
                        request holds at most %d numbers in all (`backprop.limits.compute.max-numbers`), \
                        and a matrix of the network at most as many rows and columns as the compute \
                        limits allow (its property's `maxItems`).""".formatted(most))
                .minItems(1)
                .maxItems(most)
                .items(typed("array")
                        .minItems(1)
                        .maxItems(most)
                        .items(typed("number").format("double")))
                .example(List.of(List.of(1, 2), List.of(3, 4)));
    }

    private static Schema<?> vectorSchema(LimitsProperties limits) {
        return typed("array")
                .description("A vector: a JSON array of at least one finite number, e.g. `[0.5, -1]`.")
                .minItems(1)
                .maxItems(maxNumbers(limits))
                .items(typed("number").format("double"))
                .example(List.of(0.5, -1));
    }

    /**
     * The longest {@code Retry-After}: the compute gate's ({@code concurrency.retry-after}), or with
     * a rate limit per key the wait for a token, at most one request's worth of time.
     */
    private static long mostRetryAfter(LimitsProperties limits) {
        long gate = Math.max(1, limits.concurrency().retryAfter().toSeconds());
        long token =
                limits.rate().enabled() ? (long) Math.ceil(1 / limits.rate().requestsPerSecond()) : 1;
        return Math.max(gate, token);
    }

    /** The most numbers one request may send, as an array's {@code maxItems}. */
    private static int maxNumbers(LimitsProperties limits) {
        return (int) Math.min(Integer.MAX_VALUE, limits.compute().maxNumbers());
    }

    private static Schema<?> matrixOrVectorSchema() {
        return new Schema<>().description("""
                        A Matrix or a Vector, as the request chooses: the answer gives each such value \
                        back in the kind and shape it was sent.""").oneOf(List.of(ref(MATRIX), ref(VECTOR)));
    }

    private static Schema<?> problemSchema(LimitsProperties limits) {
        return typed("object")
                .description("An RFC 9457 problem: every error the API answers, with `application/problem+json`.")
                .addProperty("type", typed("string").format("uri").description("""
                        A stable URI per kind of problem, `%s<kind>`: switch on it, not on the text.""".formatted(ProblemType.URI_PREFIX)))
                .addProperty(
                        "title",
                        typed("string")
                                .description(
                                        "A short summary of the kind of problem; the same for every problem of one `type`."))
                .addProperty(
                        "status",
                        typed("integer")
                                .format("int32")
                                .minimum(java.math.BigDecimal.valueOf(400))
                                .maximum(java.math.BigDecimal.valueOf(599))
                                .description("The HTTP status code."))
                .addProperty(
                        "detail",
                        typed("string").description("What went wrong with this request, written for a person."))
                .addProperty(
                        "instance", typed("string").format("uri-reference").description("The path of the request."))
                .addProperty(
                        "errors",
                        typed("array")
                                .description(
                                        "For invalid input: each thing wrong, with its JSON pointer into the request; "
                                                + "at most one per token of the request (backprop.limits.json.max-token-count).")
                                .maxItems((int) Math.min(
                                        Integer.MAX_VALUE, limits.json().maxTokenCount()))
                                .items(ref(FIELD_ERROR)))
                .required(List.of("type", "title", "status", "detail"));
    }

    private static Schema<?> fieldErrorSchema() {
        return typed("object")
                .description("One thing wrong with a request.")
                .addProperty(
                        "pointer",
                        typed("string")
                                .format("json-pointer")
                                .description(
                                        "RFC 6901 JSON pointer into the request, e.g. `/layers/1/weights`; empty for the whole body."))
                .addProperty("detail", typed("string").description("What is wrong there, written for a person."))
                .required(List.of("pointer", "detail"));
    }

    // ---- problem responses

    /** One response per status a problem can have, with the examples of each of its problem types, on every API operation. */
    private static void addProblemResponses(OpenAPI api, Map<ProblemType, Map<String, Example>> problemExamples) {
        Map<HttpStatus, List<ProblemType>> byStatus = Arrays.stream(ProblemType.values())
                .collect(Collectors.groupingBy(ProblemType::status, TreeMap::new, Collectors.toList()));
        byStatus.forEach((status, types) -> {
            Map<String, Example> examples = new LinkedHashMap<>();
            for (ProblemType type : types) {
                examples.putAll(problemExamples.get(type));
            }
            ApiResponse response = new ApiResponse()
                    .description(status.value() + " " + status.getReasonPhrase() + ": "
                            + types.stream()
                                    .map(t -> "`" + slug(t) + "` (" + t.title() + ")")
                                    .collect(Collectors.joining(", ")))
                    .content(new Content()
                            .addMediaType(
                                    PROBLEM_JSON,
                                    new MediaType().schema(ref(PROBLEM)).examples(examples)));
            if (status == HttpStatus.SERVICE_UNAVAILABLE || status == HttpStatus.TOO_MANY_REQUESTS) {
                response.addHeaderObject("Retry-After", new Header().$ref("#/components/headers/Retry-After"));
            }
            if (status == HttpStatus.TOO_MANY_REQUESTS) {
                response.description(response.getDescription()
                        + ". Only when the service runs with API keys and a rate limit per key "
                        + "(backprop.limits.rate): this key has used its burst; other keys are not affected");
            }
            if (status.is4xxClientError()) {
                // an answer to a request with a valid key carries them whatever its status
                addRateLimitHeaders(response);
            }
            api.getComponents().addResponses(responseName(status), response);
        });
        forEachApiOperation(api, operation -> {
            ApiResponses responses = operation.getResponses();
            responses.forEach((code, response) -> {
                if (code.startsWith("2")) {
                    addRateLimitHeaders(response);
                }
            });
            byStatus.keySet()
                    .forEach(status -> responses.addApiResponse(
                            String.valueOf(status.value()),
                            new ApiResponse().$ref("#/components/responses/" + responseName(status))));
        });
    }

    private static void addRateLimitHeaders(ApiResponse response) {
        response.addHeaderObject(RATE_LIMIT_POLICY, new Header().$ref("#/components/headers/" + RATE_LIMIT_POLICY));
        response.addHeaderObject(RATE_LIMIT, new Header().$ref("#/components/headers/" + RATE_LIMIT));
    }

    private static Header rateLimitPolicyHeader() {
        return new Header()
                .description("""
                        The rate limit of the API key (IETF draft-ietf-httpapi-ratelimit-headers-09), on \
                        every answer to a request with a valid key when the service runs with API keys and \
                        `backprop.limits.rate` (so never on a 401): one policy, \
                        `"per-key"`, a token bucket of `q` requests that refills in `w` seconds; \
                        each key has its own.""")
                .schema(typed("string")
                        .maxLength(64)
                        .pattern("^\"per-key\";q=[0-9]+;w=[0-9]+$")
                        .example("\"per-key\";q=10;w=5"));
    }

    private static Header rateLimitHeader() {
        return new Header()
                .description("""
                        What is left of the API key's rate limit (IETF draft-ietf-httpapi-ratelimit-headers-09), \
                        with `RateLimit-Policy`: `r` requests the key may still send at once, `t` seconds \
                        until its bucket is full again. When `r` is 0 the next request is refused (429) \
                        until a request's worth has refilled: `Retry-After` of the 429 says when.""")
                .schema(typed("string")
                        .maxLength(64)
                        .pattern("^\"per-key\";r=[0-9]+;t=[0-9]+$")
                        .example("\"per-key\";r=9;t=1"));
    }

    /** {@code urn:problem-type:backprop:shape-mismatch} → {@code shape-mismatch}. */
    static String slug(ProblemType type) {
        return type.type().toString().substring(ProblemType.URI_PREFIX.length());
    }

    /** {@code UNPROCESSABLE_CONTENT} → {@code UnprocessableContent}. */
    private static String responseName(HttpStatus status) {
        return Arrays.stream(status.name().split("_"))
                .map(word -> word.charAt(0) + word.substring(1).toLowerCase())
                .collect(Collectors.joining());
    }

    /**
     * The problem examples of every type, as the service answered the requests their summaries
     * describe, by name: the first of a type is named by its slug, any further one by the slug and
     * what it shows ({@code wrong-type-null}). A type without its first stops the spec from being
     * built.
     */
    private static Map<ProblemType, Map<String, Example>> readProblemExamples() {
        com.fasterxml.jackson.databind.JsonNode recorded;
        try (InputStream in = new org.springframework.core.io.ClassPathResource(PROBLEM_EXAMPLES).getInputStream()) {
            // swagger's own (Jackson 2) tree keeps the recorded key order in the spec
            recorded = Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the problem examples " + PROBLEM_EXAMPLES, e);
        }
        Map<ProblemType, Map<String, Example>> examples = new java.util.EnumMap<>(ProblemType.class);
        for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> example : recorded.properties()) {
            String uri = example.getValue().path("value").path("type").asText();
            ProblemType type = Arrays.stream(ProblemType.values())
                    .filter(candidate -> candidate.type().toString().equals(uri))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            PROBLEM_EXAMPLES + ": " + example.getKey() + " is of no known problem type"));
            examples.computeIfAbsent(type, t -> new LinkedHashMap<>())
                    .put(
                            example.getKey(),
                            new Example()
                                    .summary(example.getValue().path("summary").asText())
                                    .value(example.getValue().get("value")));
        }
        for (ProblemType type : ProblemType.values()) {
            if (!examples.getOrDefault(type, Map.of()).containsKey(slug(type))) {
                throw new IllegalStateException(PROBLEM_EXAMPLES + " has no example of " + slug(type)
                        + ": record one in ProblemExamplesRecordingTests");
            }
        }
        return examples;
    }

    // ---- request examples

    /** A request example and the operationIds it belongs to. */
    private record NamedExample(String name, List<String> operations, Example example) {}

    private static List<NamedExample> readExamples() {
        List<NamedExample> examples = new ArrayList<>();
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources(EXAMPLES);
            Arrays.sort(resources, Comparator.comparing(Resource::getFilename));
            for (Resource resource : resources) {
                try (InputStream in = resource.getInputStream()) {
                    // swagger's own (Jackson 2) tree keeps the file's key order in the spec
                    com.fasterxml.jackson.databind.JsonNode file = Json.mapper().readTree(in);
                    String name = resource.getFilename().replaceFirst("\\.json$", "");
                    List<String> operations = new ArrayList<>();
                    file.path("operations").forEach(operation -> operations.add(operation.asText()));
                    Example example = new Example()
                            .summary(file.path("summary").asText())
                            .description(file.path("description").asText(null))
                            .value(file.get("value"));
                    examples.add(new NamedExample(name, operations, example));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the OpenAPI examples " + EXAMPLES, e);
        }
        return examples;
    }

    private static void addExamples(OpenAPI api, List<NamedExample> examples) {
        for (NamedExample named : examples) {
            api.getComponents().addExamples(named.name(), named.example());
        }
        forEachApiOperation(api, operation -> {
            if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
                return;
            }
            MediaType json = operation.getRequestBody().getContent().get(JSON);
            for (NamedExample named : examples) {
                if (json != null && named.operations().contains(operation.getOperationId())) {
                    json.addExamples(named.name(), new Example().$ref("#/components/examples/" + named.name()));
                }
            }
        });
    }

    /** Swagger UI shows the groups in the spec's tag order: by name, so backprop comes first and the order is stable. */
    private static void sortTags(OpenAPI api) {
        if (api.getTags() != null) {
            List<io.swagger.v3.oas.models.tags.Tag> tags = new ArrayList<>(api.getTags());
            tags.sort(Comparator.comparing(io.swagger.v3.oas.models.tags.Tag::getName));
            api.setTags(tags);
        }
    }

    // ---- helpers

    private static void forEachApiOperation(OpenAPI api, java.util.function.Consumer<Operation> action) {
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().forEach((path, item) -> {
            if (path.startsWith("/api/")) {
                item.readOperations().forEach(action);
            }
        });
    }

    static Schema<?> ref(String component) {
        return new Schema<>().$ref("#/components/schemas/" + component);
    }

    /** A schema of one JSON type, written as OpenAPI 3.1 wants it. */
    static Schema<Object> typed(String type) {
        Schema<Object> schema = new Schema<>();
        schema.type(type).types(Set.of(type));
        return schema;
    }
}
