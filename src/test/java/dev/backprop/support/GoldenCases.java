package dev.backprop.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The PyTorch golden cases under {@code golden/}: {@code backprop-cases.jsonl} (made by
 * scripts/golden/generate.py) and {@code optimizer-step-cases.jsonl} (scripts/golden/optimizer_step.py).
 */
public final class GoldenCases {

    /** One case: its name, a request and PyTorch's answer to it. */
    public record GoldenCase(String name, JsonNode request, JsonNode response) {
        @Override
        public String toString() {
            return name;
        }
    }

    private GoldenCases() {}

    /** The /backprop cases. */
    public static List<GoldenCase> all() {
        return read("/golden/backprop-cases.jsonl");
    }

    /** The /optimizer-step cases. */
    public static List<GoldenCase> optimizerSteps() {
        return read("/golden/optimizer-step-cases.jsonl");
    }

    private static List<GoldenCase> read(String resource) {
        JsonMapper mapper = JsonMapper.builder().build();
        var stream = Objects.requireNonNull(GoldenCases.class.getResourceAsStream(resource), resource);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            return reader.lines()
                    .filter(line -> !line.isBlank())
                    .map(mapper::readTree)
                    .map(node -> new GoldenCase(node.get("name").asString(), node.get("request"), node.get("response")))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
