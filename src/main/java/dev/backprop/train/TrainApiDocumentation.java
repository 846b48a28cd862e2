package dev.backprop.train;

import dev.backprop.limits.LimitsProperties;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the optimizers and the training limits define, in the OpenAPI description: the most steps
 * of one /train request, {@code backprop.limits.compute.max-steps}, read from the bound limits when
 * the spec is built.
 */
@Configuration(proxyBeanMethods = false)
class TrainApiDocumentation {

    @Bean
    OpenApiCustomizer trainingLimitsDocumentation(LimitsProperties limits) {
        return api -> {
            Schema<?> train = api.getComponents().getSchemas().get("TrainRequest");
            if (train != null
                    && train.getProperties() != null
                    && train.getProperties().containsKey("steps")) {
                train.getProperties()
                        .get("steps")
                        .setMaximum(BigDecimal.valueOf(limits.compute().maxSteps()));
            }
        };
    }
}
