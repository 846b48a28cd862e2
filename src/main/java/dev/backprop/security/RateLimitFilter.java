package dev.backprop.security;

import dev.backprop.limits.KeyRateLimits;
import dev.backprop.web.Problem;
import dev.backprop.web.ProblemType;
import dev.backprop.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Holds each API key to its token bucket, right after the key is authenticated and before
 * anything reads the body or starts a computation. Every answer to a keyed request carries the
 * {@code RateLimit-Policy} and {@code RateLimit} fields of the IETF draft "RateLimit header fields
 * for HTTP" (draft-ietf-httpapi-ratelimit-headers-09); past the limit the request is answered 429
 * {@code rate-limited} with {@code Retry-After}, and goes no further.
 */
final class RateLimitFilter extends OncePerRequestFilter {

    static final String POLICY_HEADER = "RateLimit-Policy";
    static final String STATE_HEADER = "RateLimit";

    /** The name of the one policy, as the two fields refer to it. */
    static final String POLICY = "\"per-key\"";

    private final KeyRateLimits limits;
    private final ProblemWriter problems;
    private final String policy;

    RateLimitFilter(KeyRateLimits limits, ProblemWriter problems) {
        this.limits = limits;
        this.problems = problems;
        // q: requests a full bucket admits at once; w: seconds an empty bucket takes to refill
        this.policy = POLICY + ";q=" + limits.burst() + ";w=" + limits.windowSeconds();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication =
                SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication();
        if (!(authentication instanceof ApiKeyAuthentication key) || !key.isAuthenticated()) {
            // no key: the authorization that follows answers 401
            chain.doFilter(request, response);
            return;
        }
        KeyRateLimits.Admission admission = limits.tryAcquire(key.keyIndex());
        response.setHeader(POLICY_HEADER, policy);
        // r: requests this key may still send at once; t: seconds until its bucket is full again
        response.setHeader(STATE_HEADER, POLICY + ";r=" + admission.remaining() + ";t=" + admission.resetSeconds());
        if (admission.admitted()) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(admission.retryAfterSeconds()));
        problems.write(
                response,
                Problem.of(
                                ProblemType.RATE_LIMITED,
                                "This API key has sent more requests than its rate limit of " + limits.describe()
                                        + " (backprop.limits.rate) allows; retry after "
                                        + admission.retryAfterSeconds()
                                        + " s, or send fewer requests (a /api/v1/backprop/batch request holds many problems)",
                                List.of())
                        .withInstance(request.getRequestURI()));
    }
}
