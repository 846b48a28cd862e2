package dev.backprop.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.servers.Server;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Where Swagger UI's "Execute" sends requests: the address it was loaded from, unless configured. */
class OpenApiServerTests {

    @Test
    void withoutAServerUrlTheSpecPointsAtTheAddressItWasLoadedFrom() {
        assertThat(new OpenApiSettings(null, null, null, null).serverUrl()).hasToString("/");
        assertThat(new OpenApiSettings(URI.create(""), null, null, null).serverUrl())
                .hasToString("/");
        assertThat(serverOf(new OpenApiSettings(null, null, null, null)).getUrl())
                .isEqualTo("/");
    }

    @Test
    void aConfiguredServerUrlOverridesIt() {
        Server server = serverOf(new OpenApiSettings(URI.create("https://backprop.example.org"), null, null, null));
        assertThat(server.getUrl()).isEqualTo("https://backprop.example.org");
    }

    private static Server serverOf(OpenApiSettings settings) {
        var servers = new OpenApiConfiguration()
                .backpropOpenApi(settings, dev.backprop.limits.LimitsProperties.defaults())
                .getServers();
        assertThat(servers).hasSize(1);
        return servers.get(0);
    }
}
