package dev.backprop.limits;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Every limit the service puts on a request, bound from {@code backprop.limits.*} (in the environment the
 * name upper-cased, dots as underscores, dashes dropped: {@code BACKPROP_LIMITS_MAXBODYSIZE},
 * {@code BACKPROP_LIMITS_COMPUTE_MAXNUMBERS}, …) and checked at startup: a limit that makes no
 * sense stops the service from starting.
 *
 * <p>Memory: a request holds at most about 24 B × {@code compute.max-numbers} at any moment (its
 * numbers while parsed, in segments and then in one array of the exact size; or its numbers, its
 * answer's and their copies in the layout's orientation), and at most {@code
 * server.tomcat.threads.max} requests are in the service at once, so the heap needed is about
 * threads × 24 B × max-numbers plus the baseline: 16 × 24 MB ≈ 400 MB with the defaults, which
 * fits the heap of a 1 GiB container ({@code -XX:MaxRAMPercentage=75}). {@link
 * dev.backprop.limits.HeapBudget} warns at start-up when the configuration does not fit the heap
 * it runs in.
 *
 * @param maxBodySize the largest request body, also the JSON parser's document length limit
 * @param maxBatchBodySize the largest body of {@code /api/v1/backprop/batch}, which is read as a
 *     JSON tree of about 40 B a number (twenty times its JSON), not streamed into arrays: 1 MB keeps
 *     a batch near the memory of one request
 * @param json limits of the JSON parser
 * @param compute limits of the problem a request may pose
 * @param concurrency admission of compute
 * @param rate requests per API key over time
 */
@ConfigurationProperties("backprop.limits")
@Validated
public record LimitsProperties(
        @DefaultValue("16MB") @NotNull DataSize maxBodySize,
        @DefaultValue("1MB") @NotNull DataSize maxBatchBodySize,
        @DefaultValue @Valid @NotNull Json json,
        @DefaultValue @Valid @NotNull Compute compute,
        @DefaultValue @Valid @NotNull Concurrency concurrency,
        @DefaultValue @Valid @NotNull Rate rate) {

    /** The defaults, as the application would bind them with nothing configured. */
    public static LimitsProperties defaults() {
        return new Binder().bindOrCreate("backprop.limits", LimitsProperties.class);
    }

    @AssertTrue(message = "max-body-size must be between 1KB and 1GB")
    boolean isMaxBodySizeSensible() {
        return maxBodySize == null
                || (maxBodySize.toBytes() >= 1024
                        && maxBodySize.toBytes() <= DataSize.ofGigabytes(1).toBytes());
    }

    /**
     * @param maxNestingDepth deepest nesting of arrays and objects (a request needs 4, a batch 6)
     * @param maxNumberLength longest number literal, in characters
     * @param maxStringLength longest string value, in characters (names of layouts and activations are short)
     * @param maxTokenCount most tokens (numbers, brackets, names) in one document
     */
    public record Json(
            @DefaultValue("32") @Min(8) @Max(1000) int maxNestingDepth,
            @DefaultValue("100") @Min(32) @Max(10_000) int maxNumberLength,
            @DefaultValue("10000") @Min(100) int maxStringLength,
            @DefaultValue("5000000") @Min(1000) long maxTokenCount) {}

    /**
     * @param maxLayers most layers L
     * @param maxUnits most units D_k in any layer, the inputs D_0 included
     * @param maxBatchSize most samples N
     * @param maxNumbers most numbers a request sends plus those its answer holds; also the most a
     *     request may send, counted while it is parsed
     * @param maxMultiplyAdds most multiply-adds, estimated as passes · N · Σ_k D_{k-1}·D_k with one
     *     pass forward and three for backprop (forward, δ, ∂L/∂W)
     * @param maxSteps most gradient-descent steps of one /train request (each also counted in the
     *     multiply-adds)
     */
    public record Compute(
            @DefaultValue("100") @Min(1) int maxLayers,
            @DefaultValue("10000") @Min(1) int maxUnits,
            @DefaultValue("10000") @Min(1) int maxBatchSize,
            @DefaultValue("1000000") @Min(16) long maxNumbers,
            @DefaultValue("1000000000") @Min(1) long maxMultiplyAdds,

            @DefaultValue("100000") @Min(1) @Max(100_000_000)
            int maxSteps) {}

    /**
     * @param workers how many computations run at once; 0 means one per available core
     * @param queueCapacity how many more may wait for a worker; past that, 503
     * @param queueTimeout how long one waits before it gets a 503
     * @param retryAfter the {@code Retry-After} of a 503
     */
    public record Concurrency(
            @DefaultValue("0") @Min(0) @Max(1024) int workers,
            @DefaultValue("16") @Min(0) @Max(10_000) int queueCapacity,
            @DefaultValue("10s") @NotNull Duration queueTimeout,
            @DefaultValue("1s") @NotNull Duration retryAfter) {

        /** The number of workers, with 0 resolved to the available cores. */
        public int effectiveWorkers() {
            return workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
        }
    }

    /**
     * A token bucket per API key: it holds at most {@code burst} requests and refills at
     * {@code requests-per-second}; a request takes one, and a key whose bucket is empty gets 429
     * with {@code Retry-After}. Off unless {@code requests-per-second} is set, and only with API
     * keys ({@code backprop.api.keys}), since a key is what tells one client from another.
     *
     * @param requestsPerSecond the steady rate each key may keep up; from 0.001 to 1000000, and may be below 1 (0.5 is one request
     *     every 2 s); unset, no rate limit
     * @param burst the most requests a key may send at once after a pause; unset, one second's worth
     *     (requests-per-second rounded up, at least 1)
     */
    public record Rate(
            @DecimalMin("0.001") @DecimalMax("1000000") Double requestsPerSecond,
            @Min(1) @Max(1_000_000) Integer burst) {

        public boolean enabled() {
            return requestsPerSecond != null;
        }

        /** The bucket's capacity, with an unset burst resolved to one second's worth. */
        public long effectiveBurst() {
            if (burst != null) {
                return burst;
            }
            return requestsPerSecond == null ? 0 : Math.max(1, (long) Math.ceil(requestsPerSecond));
        }

        @AssertTrue(message = "burst is set but requests-per-second is not: set both, or requests-per-second alone")
        boolean isBurstWithARate() {
            return burst == null || requestsPerSecond != null;
        }
    }
}
