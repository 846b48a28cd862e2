package dev.backprop.support;

import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The OpenAPI spec the running service serves at {@code /v3/api-docs}: the one way the spec tests read it. */
public final class LiveSpec {

    private LiveSpec() {}

    /** The live spec as a JSON tree, asserting a 200. */
    public static JsonNode read(RestTestClient client) {
        String spec = OkBody.get(client, "/v3/api-docs");
        return JsonMapper.builder().build().readTree(spec);
    }
}
