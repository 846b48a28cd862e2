package dev.backprop.web;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the OpenAPI description presents the service.
 *
 * @param serverUrl the one server URL in the spec, where Swagger UI's "Try it out" sends requests;
 *     fixed rather than taken from each request, so the spec served equals the committed
 *     {@code openapi/openapi.yaml} byte for byte
 * @param serverEnvironment what the server URL is, in the server's description: {@code local}
 *     (the default, for a run on one's own machine), {@code staging}, {@code production}, …
 * @param contactName who answers for the deployment, in the spec's {@code info.contact}
 * @param contactUrl where to reach them (a page or a {@code mailto:} URI); none by default
 */
@ConfigurationProperties("backprop.openapi")
public record OpenApiSettings(URI serverUrl, String serverEnvironment, String contactName, URI contactUrl) {

    public OpenApiSettings {
        if (serverUrl == null) {
            serverUrl = URI.create("http://localhost:8080");
        }
        if (serverEnvironment == null || serverEnvironment.isBlank()) {
            serverEnvironment = "local";
        }
        if (contactName == null || contactName.isBlank()) {
            contactName = "The operators of this deployment of backprop-service";
        }
    }
}
