package dev.backprop.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.examples.Example;
import java.util.List;

/**
 * One example body per {@link ProblemType}, for the OpenAPI description. The details are ones the
 * service writes for the requests the summaries describe. The switch has no default, so a new
 * problem type does not compile until it has its example.
 */
final class ProblemExamples {

    private static final String BACKPROP = "/api/v1/backprop";

    private ProblemExamples() {}

    static Example of(ProblemType type) {
        return switch (type) {
            case MALFORMED_JSON ->
                invalid(
                        type,
                        "The body `{\"layout\":` ends early",
                        "/layout",
                        "The body is not valid JSON at line 1, column 11: Unexpected end-of-input within/between Object entries");
            case DUPLICATE_PROPERTY ->
                invalid(
                        type,
                        "`layout` appears twice",
                        "/layout",
                        "Duplicate property \"layout\" at /layout: every property may appear once");
            case MISSING_PROPERTY ->
                invalid(type, "`y` is missing from a /backprop request", "/y", "/y is required: a matrix");
            case UNKNOWN_PROPERTY ->
                invalid(
                        type,
                        "A typo: `wieghts` for `weights`",
                        "/layers/0/wieghts",
                        "Unknown property \"wieghts\" at /layers/0/wieghts; the properties allowed there are [weights, bias, activation]");
            case WRONG_TYPE ->
                invalid(
                        type,
                        "A number where a string belongs",
                        "/layout",
                        "/layout has the wrong type: expected a string, but found a number");
            case NON_FINITE_NUMBER ->
                invalid(
                        type,
                        "A number that overflows a double",
                        "/layers/0/weights/0/0",
                        "/layers/0/weights/0/0 is 1e400, which overflows a double: every number must be finite");
            case INVALID_MATRIX ->
                invalid(
                        type,
                        "A ragged matrix",
                        "/layers/0/weights/1",
                        "/layers/0/weights/1 has 2 numbers but row 0 has 1: every row of a matrix must have the same length");
            case UNKNOWN_NAME ->
                invalid(
                        type,
                        "A misspelt activation",
                        "/layers/0/activation",
                        "/layers/0/activation is \"rellu\", which is not a known activation; the valid names are identity, relu, "
                                + "leaky-relu, sigmoid, tanh, softplus, elu, gelu, silu, softmax");
            case INVALID_VALUE ->
                invalid(type, "No layers", "/layers", "/layers is empty: a network has at least one layer");
            case SHAPE_MISMATCH ->
                invalid(
                        type,
                        "Weights that do not chain with the layer before",
                        "/layers/1/weights",
                        "/layers/1/weights is 1×2, but in the dimension-first layout it must be D_2×D_1 = 1×3, since layer 1 has 3 units");
            case INPUT_LIMIT ->
                invalid(
                        type,
                        "A number literal longer than the parser allows",
                        "/x/0/0",
                        "/x/0/0 exceeds a limit of the JSON parser: Number value length (101) exceeds the maximum allowed (100)");
            case PAYLOAD_TOO_LARGE ->
                invalid(
                        type,
                        "A body over the configured size limit",
                        "",
                        "The request body is larger than the limit of 16777216 bytes (backprop.limits.max-body-size)");
            case UNAUTHORIZED ->
                problem(
                        type,
                        "API keys are configured and the request has none",
                        "This endpoint needs an API key in the X-API-Key header",
                        List.of());
            case FORBIDDEN ->
                problem(
                        type,
                        "A browser page on an origin that is not configured for CORS",
                        "This origin may not call the API from a browser (backprop.cors.allowed-origins)",
                        List.of());
            case TIMEOUT ->
                problem(
                        type,
                        "A request that took too long to arrive",
                        "The request took too long to arrive",
                        List.of());
            case NOT_FOUND ->
                problem(
                        type,
                        "A misspelt path: /api/v1/backprp",
                        "No static resource api/v1/backprp.",
                        List.of(),
                        "/api/v1/backprp");
            case METHOD_NOT_ALLOWED ->
                problem(type, "GET instead of POST", "Method 'GET' is not supported.", List.of());
            case NOT_ACCEPTABLE ->
                problem(type, "Accept: text/html", "Acceptable representations: [application/json].", List.of());
            case UNSUPPORTED_MEDIA_TYPE ->
                problem(type, "Content-Type: text/plain", "Content-Type 'text/plain' is not supported.", List.of());
            case NON_FINITE_RESULT ->
                invalid(
                        type,
                        "Weights and inputs near 1e300 overflow",
                        "/layers/0/weights",
                        "The pre-activation of layer 0 (/layers/0) is not finite: the numbers overflowed a double. "
                                + "Scale the weights or the inputs down");
            case OUTPUT_OUT_OF_RANGE ->
                invalid(
                        type,
                        "binary-cross-entropy on probabilities after an identity output layer",
                        "/layers/1",
                        "binary-cross-entropy on probabilities needs every output in [0, 1], but the output of layer 1 "
                                + "(/layers/1), sample 2, unit 0 is 1.5: end the network with a sigmoid, or send "
                                + "lossInput logits");
            case LIMIT_EXCEEDED ->
                invalid(
                        type,
                        "A network larger than the compute limits",
                        "/layers",
                        "The request has 150 layers, more than the limit of 100 (backprop.limits.compute.max-layers)");
            case RATE_LIMITED ->
                problem(
                        type,
                        "An API key past its rate limit (API keys and backprop.limits.rate configured)",
                        "This API key has sent more requests than its rate limit of 2 requests per second, in bursts of "
                                + "up to 10 (backprop.limits.rate) allows; retry after 1 s, or send fewer requests "
                                + "(a /api/v1/backprop/batch request holds many problems)",
                        List.of());
            case OVERLOADED ->
                problem(
                        type,
                        "Every worker is busy",
                        "The service is saturated (every worker is busy and 32 requests are already waiting); retry after 1 s, "
                                + "or on another replica",
                        List.of());
            case BAD_REQUEST ->
                problem(
                        type,
                        "A request the framework refused before it reached the service",
                        "Failed to read request",
                        List.of());
            case INTERNAL_ERROR ->
                problem(
                        type,
                        "A failure of the service itself, never of the request",
                        "The service failed to answer this request; it has been logged.",
                        List.of());
        };
    }

    private static Example invalid(ProblemType type, String summary, String pointer, String detail) {
        return problem(type, summary, detail, List.of(new FieldError(pointer, detail)));
    }

    private static Example problem(ProblemType type, String summary, String detail, List<FieldError> errors) {
        return problem(type, summary, detail, errors, BACKPROP);
    }

    private static Example problem(
            ProblemType type, String summary, String detail, List<FieldError> errors, String instance) {
        // a tree, not a map, so the spec keeps the fields in the order RFC 9457 lists them
        ObjectNode body = Json.mapper()
                .createObjectNode()
                .put("type", type.type().toString())
                .put("title", type.title())
                .put("status", type.status().value())
                .put("detail", detail)
                .put("instance", instance);
        if (!errors.isEmpty()) {
            ArrayNode array = body.putArray("errors");
            errors.forEach(
                    error -> array.addObject().put("pointer", error.pointer()).put("detail", error.detail()));
        }
        return new Example().summary(summary).value(body);
    }
}
