package dev.backprop.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The origins whose pages may call the API from a browser ({@code backprop.cors.allowed-origins},
 * in the environment {@code BACKPROP_CORS_ALLOWEDORIGINS=https://a.example,https://b.example}).
 * None by default: no CORS headers, so browsers keep other sites' pages out.
 */
@ConfigurationProperties("backprop.cors")
public record CorsProperties(@DefaultValue List<String> allowedOrigins) {

    public boolean enabled() {
        return !allowedOrigins.isEmpty();
    }
}
