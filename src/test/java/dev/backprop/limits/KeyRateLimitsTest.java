package dev.backprop.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The token buckets on a clock the test moves, so that every refill is exact. */
class KeyRateLimitsTest {

    /** A clock that only moves when told. */
    static final class ManualClock implements TimeMeter {
        long nanos;

        void advance(Duration duration) {
            nanos += duration.toNanos();
        }

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }

    final ManualClock clock = new ManualClock();

    @Test
    void aKeyMaySendItsBurstThenWaitsForTheRefill() {
        KeyRateLimits limits = new KeyRateLimits(new LimitsProperties.Rate(1.0, 3), 2, clock);

        assertThat(limits.tryAcquire(0)).isEqualTo(new KeyRateLimits.Admission(true, 2, 0, 1));
        assertThat(limits.tryAcquire(0)).isEqualTo(new KeyRateLimits.Admission(true, 1, 0, 2));
        assertThat(limits.tryAcquire(0)).isEqualTo(new KeyRateLimits.Admission(true, 0, 0, 3));
        assertThat(limits.tryAcquire(0)).isEqualTo(new KeyRateLimits.Admission(false, 0, 1, 3));

        clock.advance(Duration.ofMillis(999));
        assertThat(limits.tryAcquire(0).admitted()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(limits.tryAcquire(0)).isEqualTo(new KeyRateLimits.Admission(true, 0, 0, 3));

        clock.advance(Duration.ofSeconds(60));
        assertThat(limits.tryAcquire(0).remaining())
                .as("never more than the burst")
                .isEqualTo(2);
    }

    @Test
    void oneKeysBurstLeavesAnotherKeysBucketFull() {
        KeyRateLimits limits = new KeyRateLimits(new LimitsProperties.Rate(1.0, 3), 2, clock);
        for (int i = 0; i < 10; i++) {
            limits.tryAcquire(0);
        }
        assertThat(limits.tryAcquire(0).admitted()).isFalse();
        assertThat(limits.tryAcquire(1)).isEqualTo(new KeyRateLimits.Admission(true, 2, 0, 1));
    }

    @Test
    void aRateBelowOnePerSecondWaitsWholeSecondsRoundedUp() {
        KeyRateLimits limits = new KeyRateLimits(new LimitsProperties.Rate(0.4, 1), 1, clock);
        assertThat(limits.tryAcquire(0).admitted()).isTrue();
        assertThat(limits.tryAcquire(0)).isEqualTo(new KeyRateLimits.Admission(false, 0, 3, 3));
        clock.advance(Duration.ofMillis(2500));
        assertThat(limits.tryAcquire(0).admitted()).isTrue();
        assertThat(limits.windowSeconds()).isEqualTo(3);
        assertThat(limits.describe()).isEqualTo("0.4 requests per second, in bursts of up to 1");
    }

    @Test
    void anUnsetBurstIsOneSecondsWorth() {
        KeyRateLimits limits = new KeyRateLimits(new LimitsProperties.Rate(2.5, null), 1, clock);
        assertThat(limits.burst()).isEqualTo(3);
        assertThat(limits.windowSeconds()).isEqualTo(2);
        assertThat(limits.describe()).isEqualTo("2.5 requests per second, in bursts of up to 3");
        for (int i = 0; i < 3; i++) {
            assertThat(limits.tryAcquire(0).admitted()).isTrue();
        }
        assertThat(limits.tryAcquire(0).admitted()).isFalse();
        clock.advance(Duration.ofMillis(400));
        assertThat(limits.tryAcquire(0).admitted()).as("one token every 0.4 s").isTrue();
    }
}
