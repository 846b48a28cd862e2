package dev.backprop.limits;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One token bucket (Bucket4j's, lock-free) per API key, as {@code backprop.limits.rate} sets it:
 * each holds at most {@code burst} tokens, refills continuously at {@code requests-per-second},
 * and a request takes one. The buckets are made once, for the fixed set of configured keys, so
 * the memory is a few dozen bytes a key whatever the traffic; and each key has its own, so one
 * key's burst never slows another's.
 */
public final class KeyRateLimits {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final List<Bucket> buckets;
    private final long burst;
    private final double requestsPerSecond;

    /**
     * @param rate the configured rate, {@linkplain LimitsProperties.Rate#enabled() enabled}
     * @param keys how many API keys there are; key {@code i} gets bucket {@code i}
     */
    public KeyRateLimits(LimitsProperties.Rate rate, int keys) {
        this(rate, keys, TimeMeter.SYSTEM_NANOTIME);
    }

    KeyRateLimits(LimitsProperties.Rate rate, int keys, TimeMeter clock) {
        if (!rate.enabled()) {
            throw new IllegalArgumentException("no rate is configured");
        }
        this.burst = rate.effectiveBurst();
        this.requestsPerSecond = rate.requestsPerSecond();
        // a full bucket's worth of tokens per the time the rate takes to send them: the same rate,
        // in whole tokens, whatever the fraction of requests per second
        Duration refillPeriod = Duration.ofNanos(Math.max(1, Math.round(burst * NANOS_PER_SECOND / requestsPerSecond)));
        this.buckets = IntStream.range(0, keys)
                .mapToObj(key -> (Bucket) Bucket.builder()
                        .withCustomTimePrecision(clock)
                        .addLimit(limit -> limit.capacity(burst).refillGreedy(burst, refillPeriod))
                        .build())
                .toList();
    }

    /** Takes a token from the key's bucket if it has one. */
    public Admission tryAcquire(int key) {
        ConsumptionProbe probe = buckets.get(key).tryConsumeAndReturnRemaining(1);
        return new Admission(
                probe.isConsumed(),
                probe.getRemainingTokens(),
                probe.isConsumed() ? 0 : Math.max(1, secondsUp(probe.getNanosToWaitForRefill())),
                secondsUp(probe.getNanosToWaitForReset()));
    }

    /** The most requests a key may send at once: the bucket's capacity. */
    public long burst() {
        return burst;
    }

    /** How long an empty bucket takes to fill again, in whole seconds rounded up: burst / rate. */
    public long windowSeconds() {
        return Math.max(1, (long) Math.ceil(burst / requestsPerSecond));
    }

    /** The policy in words, for a person: {@code "2 requests per second, in bursts of up to 10"}. */
    public String describe() {
        return BigDecimal.valueOf(requestsPerSecond).stripTrailingZeros().toPlainString()
                + " requests per second, in bursts of up to " + burst;
    }

    private static long secondsUp(long nanos) {
        return (nanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
    }

    /**
     * What the bucket said about one request.
     *
     * @param admitted whether the request took a token and may go on
     * @param remaining the tokens left: how many more requests would be admitted right now
     * @param retryAfterSeconds for a refused request, the seconds until the next token (at least 1); else 0
     * @param resetSeconds the seconds until the bucket is full again (0 when it is full)
     */
    public record Admission(boolean admitted, long remaining, long retryAfterSeconds, long resetSeconds) {}
}
