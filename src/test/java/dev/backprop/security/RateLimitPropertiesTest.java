package dev.backprop.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backprop.BackpropApplication;
import dev.backprop.limits.LimitsProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** {@code backprop.limits.rate} as it is bound and checked at start-up: a rate that makes no sense stops the service. */
class RateLimitPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(LimitsProperties.class)
    static class Limits {}

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Limits.class);

    @Test
    void unsetTheRateIsOff() {
        runner.run(context -> {
            LimitsProperties.Rate rate = context.getBean(LimitsProperties.class).rate();
            assertThat(rate.enabled()).isFalse();
            assertThat(rate.effectiveBurst()).isZero();
        });
    }

    @Test
    void aRateAloneHasOneSecondsWorthOfBurst() {
        runner.withPropertyValues("backprop.limits.rate.requests-per-second=7.5")
                .run(context -> {
                    LimitsProperties.Rate rate =
                            context.getBean(LimitsProperties.class).rate();
                    assertThat(rate.enabled()).isTrue();
                    assertThat(rate.effectiveBurst()).isEqualTo(8);
                });
        runner.withPropertyValues("backprop.limits.rate.requests-per-second=0.5", "backprop.limits.rate.burst=20")
                .run(context -> assertThat(
                                context.getBean(LimitsProperties.class).rate().effectiveBurst())
                        .isEqualTo(20));
    }

    @Test
    void nonsenseRatesStopTheStart() {
        String[][] nonsense = {
            {"backprop.limits.rate.requests-per-second=0"},
            {"backprop.limits.rate.requests-per-second=-1"},
            {"backprop.limits.rate.requests-per-second=0.0001"},
            {"backprop.limits.rate.requests-per-second=2000000"},
            {"backprop.limits.rate.requests-per-second=lots"},
            {"backprop.limits.rate.requests-per-second=5", "backprop.limits.rate.burst=0"},
            {"backprop.limits.rate.requests-per-second=5", "backprop.limits.rate.burst=2000000"},
            {"backprop.limits.rate.burst=10"},
        };
        for (String[] properties : nonsense) {
            runner.withPropertyValues(properties)
                    .run(context -> assertThat(context)
                            .as(String.join(", ", properties))
                            .hasFailed());
        }
        runner.withPropertyValues("backprop.limits.rate.burst=10")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("burst is set but requests-per-second is not"));
    }

    @Test
    void aRateWithoutApiKeysStopsTheStart() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(BackpropApplication.class)
                        .properties("server.port=0", "backprop.limits.rate.requests-per-second=5")
                        .run()
                        .close())
                .rootCause()
                .hasMessageContaining("backprop.limits.rate.requests-per-second is set, but no API key is");
    }
}
