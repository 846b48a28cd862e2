package dev.backprop.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.support.LiveSpec;
import dev.backprop.support.OkBody;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The committed {@code openapi/openapi.yaml} is the spec the service serves, byte for byte: keys in
 * alphabetical order ({@code springdoc.writer-with-order-by-keys}) and the default server URL
 * ({@code /}, whatever {@code OPENAPI_SERVER_URL} the machine has), so any difference is a change
 * of the API description that a reviewer should see in the diff.
 *
 * <p>With {@code -Dopenapi.update=true} a spec that differs is written to the file and the test is
 * reported as aborted, never as passed: it compares the file as it was before the run, so it can
 * pass only when the committed file already equals the live spec.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = OpenApiSnapshotTests.DEFAULT_SERVER)
@AutoConfigureRestTestClient
class OpenApiSnapshotTests {

    static final String DEFAULT_SERVER = "backprop.openapi.server-url=/";
    static final Path COMMITTED = Path.of("openapi", "openapi.yaml");
    static final String REGENERATE = "./mvnw -B test -Dtest=OpenApiSnapshotTests -Dopenapi.update=true";

    @Autowired
    RestTestClient client;

    @Test
    void committedSpecEqualsTheLiveOne() throws IOException {
        String live = OkBody.get(client, "/v3/api-docs.yaml");
        assertThat(live).contains("openapi: 3.1.0").contains("url: /\n");

        String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED, StandardCharsets.UTF_8) : "";
        if (Boolean.getBoolean("openapi.update") && !live.equals(committed)) {
            Files.createDirectories(COMMITTED.getParent());
            Files.writeString(COMMITTED, live, StandardCharsets.UTF_8);
            Assumptions.abort(COMMITTED + " regenerated from the live spec, first change at "
                    + firstDifference(committed, live) + "review it with git diff, then run the tests without "
                    + "-Dopenapi.update");
        }
        assertThat(live)
                .withFailMessage(
                        "%s differs from the spec the service serves at /v3/api-docs.yaml, first at %s. "
                                + "If the change is intended, regenerate it with%n%n    %s%n%nand commit it.",
                        COMMITTED, firstDifference(committed, live), REGENERATE)
                .isEqualTo(committed);
    }

    @Test
    void defaultsAndExamplesOfNumbersAreJsonNumbersInTheLiveSpec() {
        JsonNode spec = LiveSpec.read(client);
        JsonNode properties = spec.at("/components/schemas/GradientCheckRequest/properties");
        assertThat(properties.at("/epsilon/default").isNumber()).isTrue();
        assertThat(properties.at("/epsilon/default").asDouble()).isEqualTo(1e-6);
        JsonNode tolerance = spec.at("/components/schemas/Tolerance/properties");
        assertThat(tolerance.at("/rtol/default").isNumber()).isTrue();
        assertThat(tolerance.at("/rtol/default").asDouble()).isEqualTo(1e-5);
        assertThat(tolerance.at("/atol/default").asDouble()).isEqualTo(1e-8);

        List<String> textual = new ArrayList<>();
        collectTextualNumbers(spec, "", textual);
        assertThat(textual)
                .as("number and integer schemas whose default or example is a string")
                .isEmpty();
        assertThat(spec.at("/info/contact/name").asString()).isNotBlank();
        assertThat(spec.at("/info/license/identifier").asString()).isEqualTo("MIT");
    }

    private static void collectTextualNumbers(JsonNode node, String pointer, List<String> found) {
        if (node.isObject()) {
            String type = node.path("type").isArray()
                    ? node.path("type").path(0).asString("")
                    : node.path("type").asString("");
            if (type.equals("number") || type.equals("integer")) {
                for (String keyword : new String[] {"default", "example"}) {
                    if (node.path(keyword).isString()) {
                        found.add(pointer + "/" + keyword);
                    }
                }
            }
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                collectTextualNumbers(field.getValue(), pointer + "/" + field.getKey(), found);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectTextualNumbers(node.get(i), pointer + "/" + i, found);
            }
        }
    }

    /** Where two texts first differ, as a line number and both versions of that line. */
    private static String firstDifference(String committed, String live) {
        String[] before = committed.split("\n", -1);
        String[] after = live.split("\n", -1);
        for (int line = 0; line < Math.max(before.length, after.length); line++) {
            String was = line < before.length ? before[line] : "(end of file)";
            String is = line < after.length ? after[line] : "(end of file)";
            if (!was.equals(is)) {
                return String.format("line %d:%n  committed: %s%n  live:      %s%n", line + 1, was, is);
            }
        }
        return "(no line differs)";
    }
}
