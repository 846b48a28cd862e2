package dev.backprop.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

class ApiKeyAuthenticationProviderTest {

    private final ApiKeyAuthenticationProvider provider =
            new ApiKeyAuthenticationProvider(new ApiKeyProperties(List.of(" key-one ", "key-two", "")));

    @Test
    void aConfiguredKeyAuthenticatesAsItsIndexNeverAsItself() {
        Authentication authenticated = provider.authenticate(ApiKeyAuthentication.presented("key-two"));
        assertThat(authenticated.isAuthenticated()).isTrue();
        assertThat(authenticated.getName()).isEqualTo("api-key-2");
        assertThat(authenticated.getCredentials()).isNull();
        assertThat(authenticated.toString()).doesNotContain("key-two");
    }

    @Test
    void keysAreTrimmedAndBlankOnesDropped() {
        assertThat(provider.authenticate(ApiKeyAuthentication.presented("key-one"))
                        .getName())
                .isEqualTo("api-key-1");
        assertThatThrownBy(() -> provider.authenticate(ApiKeyAuthentication.presented("")))
                .isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void prefixesExtensionsAndOtherCasesAreRejected() {
        for (String wrong : new String[] {"key-on", "key-one ", "key-onee", "KEY-ONE", "key-three"}) {
            assertThatThrownBy(() -> provider.authenticate(ApiKeyAuthentication.presented(wrong)))
                    .isInstanceOf(BadCredentialsException.class)
                    .hasMessageNotContaining(wrong);
        }
    }

    @Test
    void thePropertiesNeverPrintTheKeys() {
        assertThat(new ApiKeyProperties(List.of("hidden")).toString()).doesNotContain("hidden");
    }
}
