package dev.backprop.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/**
 * Checks a presented key against the configured ones in constant time: both sides are hashed
 * with SHA-256 (so the comparison does not depend on their lengths either) and compared with
 * {@link MessageDigest#isEqual}, against every key, with no early exit. Neither key is ever
 * logged or put in a message.
 */
final class ApiKeyAuthenticationProvider implements AuthenticationProvider {

    private final List<byte[]> keyHashes;

    ApiKeyAuthenticationProvider(ApiKeyProperties properties) {
        this.keyHashes = properties.keys().stream()
                .map(ApiKeyAuthenticationProvider::sha256)
                .toList();
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        byte[] presented = sha256(String.valueOf(authentication.getCredentials()));
        int matched = -1;
        for (int i = 0; i < keyHashes.size(); i++) {
            if (MessageDigest.isEqual(keyHashes.get(i), presented) && matched < 0) {
                matched = i;
            }
        }
        if (matched < 0) {
            throw new BadCredentialsException("invalid API key");
        }
        return ApiKeyAuthentication.matched(matched);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return ApiKeyAuthentication.class.isAssignableFrom(authentication);
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
