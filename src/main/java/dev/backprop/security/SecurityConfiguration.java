package dev.backprop.security;

import dev.backprop.limits.KeyRateLimits;
import dev.backprop.limits.LimitsProperties;
import dev.backprop.web.Problem;
import dev.backprop.web.ProblemType;
import dev.backprop.web.ProblemWriter;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * Who may call what. With no API key configured, everyone may call everything; with keys,
 * every {@code /api/**} request needs one in {@code X-API-Key} (401 problem+json otherwise), while
 * the health probes, {@code /actuator/info}, {@code /actuator/prometheus}, Swagger UI and the
 * OpenAPI document stay open. Every response carries Spring Security's default headers
 * ({@code X-Content-Type-Options}, {@code X-Frame-Options}, {@code Cache-Control}) and a
 * Content-Security-Policy that Swagger UI runs under. CORS is off unless origins are configured.
 * With keys and {@code backprop.limits.rate}, each key is held to its own token bucket
 * ({@link RateLimitFilter}) as soon as it is authenticated.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({ApiKeyProperties.class, CorsProperties.class, LimitsProperties.class})
class SecurityConfiguration {

    static final String API_KEY_HEADER = "X-API-Key";

    /** Swagger UI loads its scripts and styles from this origin and sets inline styles. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /**
     * None of Spring Security's own observations: they wrap each of its dozen filters in a
     * span with two events, each event a counter looked up by its tags, which cost a request a
     * quarter to a third of its CPU time (JFR, docs/performance.md). Requests are still observed
     * and timed as {@code http.server.requests}.
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    AuthenticationProvider apiKeyAuthenticationProvider(ApiKeyProperties keys) {
        // a bean, so that Boot does not add a user with a generated password beside it
        return new ApiKeyAuthenticationProvider(keys);
    }

    @Bean
    SecurityFilterChain securityFilterChain(
            HttpSecurity http,
            ApiKeyProperties keys,
            CorsProperties cors,
            LimitsProperties limits,
            AuthenticationProvider apiKeyAuthenticationProvider,
            ProblemWriter problems)
            throws Exception {
        if (limits.rate().enabled() && !keys.enabled()) {
            // a limit that would silently not apply is a configuration error, not a default
            throw new IllegalStateException("backprop.limits.rate.requests-per-second is set, but no API key is "
                    + "(backprop.api.keys): the rate limit applies per key, so configure keys or unset the rate");
        }
        var api = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
        http
                // CSRF protection guards cookies a browser sends on its own; this API keeps no
                // session and no cookie, and a key travels only in a header a page on another
                // origin cannot set without a CORS preflight, so there is nothing to forge
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .headers(
                        headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)));
        // Spring's CORS configurer is off either way: the filter below answers refusals as problems
        http.cors(AbstractHttpConfigurer::disable);
        if (cors.enabled()) {
            CorsFilter filter = new CorsFilter(corsSource(cors));
            filter.setCorsProcessor(new ProblemCorsProcessor(problems));
            http.addFilterBefore(filter, LogoutFilter.class);
        }
        if (!keys.enabled()) {
            // no key, so nobody to authenticate and everything permitted: no security context to
            // load and clear, no session to manage, no anonymous user, no access to decide on
            // every request; the firewall and the headers stay. (Session management also brought
            // DisableEncodeUrlFilter, which keeps session ids out of URLs; nothing here starts a
            // session, DefaultSecurityTest.noSessionIsStarted.)
            http.securityContext(AbstractHttpConfigurer::disable)
                    .sessionManagement(AbstractHttpConfigurer::disable)
                    .anonymous(AbstractHttpConfigurer::disable)
                    .servletApi(AbstractHttpConfigurer::disable)
                    .exceptionHandling(AbstractHttpConfigurer::disable);
            return http.build();
        }
        http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(unauthorized(problems))
                        .accessDeniedHandler(forbidden(problems)))
                .authorizeHttpRequests(requests -> requests.requestMatchers(api)
                        .authenticated()
                        .anyRequest()
                        .permitAll());
        AuthenticationFilter filter =
                new AuthenticationFilter(new ProviderManager(apiKeyAuthenticationProvider), request -> {
                    String key = request.getHeader(API_KEY_HEADER);
                    return key == null ? null : ApiKeyAuthentication.presented(key);
                });
        filter.setRequestMatcher(api);
        // a matched key lets the request go on; it is never redirected anywhere
        filter.setSuccessHandler((request, response, authentication) -> {});
        filter.setFailureHandler(
                (request, response, exception) -> unauthorized(problems).commence(request, response, exception));
        http.addFilterBefore(filter, AuthorizationFilter.class);
        if (limits.rate().enabled()) {
            // at the same place, so after the key is known: filters of one order keep the order they were added in
            http.addFilterBefore(
                    new RateLimitFilter(
                            new KeyRateLimits(limits.rate(), keys.keys().size()), problems),
                    AuthorizationFilter.class);
        }
        return http.build();
    }

    private static AuthenticationEntryPoint unauthorized(ProblemWriter problems) {
        return (request, response, exception) -> {
            response.setHeader("WWW-Authenticate", "ApiKey header=\"" + API_KEY_HEADER + "\"");
            String detail = request.getHeader(API_KEY_HEADER) == null
                    ? "This endpoint needs an API key in the " + API_KEY_HEADER + " header"
                    : "The API key in the " + API_KEY_HEADER + " header is not valid";
            problems.write(
                    response,
                    Problem.of(ProblemType.UNAUTHORIZED, detail, List.of()).withInstance(request.getRequestURI()));
        };
    }

    private static AccessDeniedHandler forbidden(ProblemWriter problems) {
        return (request, response, exception) -> problems.write(
                response,
                Problem.of(ProblemType.FORBIDDEN, "This request is not allowed", List.of())
                        .withInstance(request.getRequestURI()));
    }

    /** Refuses a cross-origin request from an origin not configured with a problem, not plain text. */
    private static final class ProblemCorsProcessor extends DefaultCorsProcessor {

        private final ProblemWriter problems;

        ProblemCorsProcessor(ProblemWriter problems) {
            this.problems = problems;
        }

        @Override
        protected void rejectRequest(ServerHttpResponse response) throws IOException {
            if (response instanceof ServletServerHttpResponse servlet) {
                problems.write(
                        servlet.getServletResponse(),
                        Problem.of(
                                ProblemType.FORBIDDEN,
                                "This origin may not call the API from a browser (backprop.cors.allowed-origins)",
                                List.of()));
            } else {
                super.rejectRequest(response);
            }
        }
    }

    private static UrlBasedCorsConfigurationSource corsSource(CorsProperties cors) {
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(cors.allowedOrigins());
        configuration.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
        configuration.setAllowedHeaders(List.of("Content-Type", "Accept", API_KEY_HEADER));
        configuration.setExposedHeaders(
                List.of("Retry-After", RateLimitFilter.POLICY_HEADER, RateLimitFilter.STATE_HEADER));
        configuration.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", configuration);
        return source;
    }
}
