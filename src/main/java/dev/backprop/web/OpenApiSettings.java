package dev.backprop.web;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the OpenAPI description presents the service.
 *
 * @param serverUrl the one server URL in the spec, where Swagger UI's "Try it out" sends requests;
 *     fixed rather than taken from each request, so the spec served equals the committed
 *     {@code openapi/openapi.yaml} byte for byte
 */
@ConfigurationProperties("backprop.openapi")
public record OpenApiSettings(URI serverUrl) {

    public OpenApiSettings {
        if (serverUrl == null) {
            serverUrl = URI.create("http://localhost:8080");
        }
    }
}
