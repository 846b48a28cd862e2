package dev.backprop.teaching;

import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The limits of the teaching endpoints in the OpenAPI description, from the bound {@link
 * TeachingSettings} when the spec is built: the most problems of one /backprop/batch request.
 */
@Configuration(proxyBeanMethods = false)
class TeachingApiDocumentation {

    @Bean
    OpenApiCustomizer teachingLimitsDocumentation(TeachingSettings settings) {
        return api -> {
            Schema<?> batch = api.getComponents().getSchemas().get("BatchRequest");
            if (batch != null
                    && batch.getProperties() != null
                    && batch.getProperties().containsKey("problems")) {
                batch.getProperties().get("problems").setMaxItems(settings.batchMaxProblems());
            }
        };
    }
}
