package dev.backprop.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The API keys ({@code backprop.api.keys}, in the environment {@code BACKPROP_API_KEYS=key1,key2}).
 * None by default: the API is then open. With at least one, every {@code /api/**} request needs
 * one of them in the {@code X-API-Key} header.
 */
@ConfigurationProperties("backprop.api")
public record ApiKeyProperties(@DefaultValue List<String> keys) {

    public ApiKeyProperties {
        keys = keys == null
                ? List.of()
                : keys.stream().map(String::strip).filter(key -> !key.isEmpty()).toList();
    }

    public boolean enabled() {
        return !keys.isEmpty();
    }

    @Override
    public String toString() {
        // never the keys themselves, wherever this record ends up printed
        return "ApiKeyProperties[" + keys.size() + " keys]";
    }
}
