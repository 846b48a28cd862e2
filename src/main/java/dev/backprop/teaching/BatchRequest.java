package dev.backprop.teaching;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /api/v1/backprop/batch}. The problems are kept as JSON and read one by
 * one, so that a problem that is not even a valid request fails alone.
 *
 * @param problems /backprop requests
 */
public record BatchRequest(List<JsonNode> problems) {}
