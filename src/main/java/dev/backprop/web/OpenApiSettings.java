package dev.backprop.web;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the OpenAPI description presents the service.
 *
 * @param serverUrl the one server URL in the spec, where Swagger UI's "Execute" sends requests. By
 *     default {@code /}, a URL relative to the spec (OpenAPI 3.1, Server Object): Swagger UI then
 *     calls the scheme, host and port it was loaded from, whichever they are (another port,
 *     {@code 127.0.0.1}, a forwarded port, a proxy). An absolute URL overrides that, for a spec
 *     read somewhere else than the service. Fixed rather than taken from each request, so the
 *     spec served equals the committed {@code openapi/openapi.yaml} byte for byte.
 * @param serverEnvironment what the server URL is, in the server's description: {@code local}
 *     (the default, for a run on one's own machine), {@code staging}, {@code production}, …
 * @param contactName who answers for the deployment, in the spec's {@code info.contact}
 * @param contactUrl where to reach them (a page or a {@code mailto:} URI); none by default
 */
@ConfigurationProperties("backprop.openapi")
public record OpenApiSettings(URI serverUrl, String serverEnvironment, String contactName, URI contactUrl) {

    /** The server URL when none is configured: the address the spec, and Swagger UI, were loaded from. */
    public static final URI SAME_ORIGIN = URI.create("/");

    public OpenApiSettings {
        if (serverUrl == null || serverUrl.toString().isBlank()) {
            serverUrl = SAME_ORIGIN;
        }
        if (serverEnvironment == null || serverEnvironment.isBlank()) {
            serverEnvironment = "local";
        }
        if (contactName == null || contactName.isBlank()) {
            contactName = "The operators of this deployment of backprop-service";
        }
    }
}
