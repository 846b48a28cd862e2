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
 * The PyTorch golden cases under {@code golden/}: release 1's {@code backprop-cases.jsonl} (made by
 * scripts/golden/generate.py) and the others, one {@code {"name", "request", "response"}} per line.
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

    /**
     * POSTs a case's request to {@code path} and returns the answer, asserting a 200 (the body in
     * the message otherwise): the one way the golden tests ask the service.
     */
    public static JsonNode answer(
            org.springframework.test.web.servlet.MockMvc mvc, JsonMapper mapper, String path, JsonNode request)
            throws Exception {
        var result = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
                        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                        .content(mapper.writeValueAsString(request)))
                .andReturn();
        org.assertj.core.api.Assertions.assertThat(result.getResponse().getStatus())
                .as("status of %s: %s", path, result.getResponse().getContentAsString())
                .isEqualTo(200);
        return mapper.readTree(result.getResponse().getContentAsString());
    }

    /** Release 1's /backprop cases. */
    public static List<GoldenCase> all() {
        return of("backprop-cases.jsonl");
    }

    /** The /optimizer-step cases, made by scripts/golden/generate_optimizer_step.py. */
    public static List<GoldenCase> optimizerSteps() {
        return of("optimizer-step-cases.jsonl");
    }

    /** The cases of the file {@code golden/<file>}. */
    public static List<GoldenCase> of(String file) {
        JsonMapper mapper = JsonMapper.builder().build();
        var stream = Objects.requireNonNull(
                GoldenCases.class.getResourceAsStream("/golden/" + file), "no golden file " + file);
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
