package dev.backprop.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request's API key: unauthenticated as it arrives, with the key as credentials; authenticated
 * once it matched, with the index of the key that matched as principal and no credentials left.
 */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final String principal;
    private final int keyIndex;
    private String key;

    private ApiKeyAuthentication(String principal, int keyIndex, String key, boolean authenticated) {
        super(authenticated ? List.of(new SimpleGrantedAuthority("ROLE_API_CLIENT")) : List.of());
        this.principal = principal;
        this.keyIndex = keyIndex;
        this.key = key;
        setAuthenticated(authenticated);
    }

    static ApiKeyAuthentication presented(String key) {
        return new ApiKeyAuthentication("unknown", -1, key, false);
    }

    static ApiKeyAuthentication matched(int index) {
        return new ApiKeyAuthentication("api-key-" + (index + 1), index, null, true);
    }

    /** The position of the matched key in {@code backprop.api.keys}; -1 before it matched. */
    int keyIndex() {
        return keyIndex;
    }

    @Override
    public Object getCredentials() {
        return key;
    }

    @Override
    public Object getPrincipal() {
        return principal;
    }

    @Override
    public void eraseCredentials() {
        super.eraseCredentials();
        key = null;
    }
}
