package dev.backprop.teaching;

import dev.backprop.backprop.BackpropRequest;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /api/v1/backprop/batch}. The problems are kept as JSON and read one by
 * one, so that a problem that is not even a valid request fails alone.
 *
 * @param problems /backprop requests
 */
@Schema(description = "Several /backprop requests in one.", additionalProperties = AdditionalPropertiesValue.FALSE)
public record BatchRequest(
        @ArraySchema(
                arraySchema =
                        @Schema(
                                description = "The problems, each a /backprop request. Each is read and checked on its "
                                        + "own: one that is invalid, even one that is not an object, is answered with its problem in its result and "
                                        + "fails no other. The number per batch is capped by configuration (`backprop.teaching.batch-max-problems`, "
                                        + "default 100).",
                                requiredMode = RequiredMode.REQUIRED),
                schema = @Schema(implementation = BackpropRequest.class))
        List<JsonNode> problems) {}
