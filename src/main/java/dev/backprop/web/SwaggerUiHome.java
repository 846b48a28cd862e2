package dev.backprop.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * {@code GET /} redirects to Swagger UI, where a person who opens the service's address finds
 * every operation with examples to run. Without Swagger UI ({@code springdoc.swagger-ui.enabled=false})
 * there is nothing to lead to, and {@code /} is a 404 problem like any unknown path.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "springdoc.swagger-ui.enabled", havingValue = "true", matchIfMissing = true)
class SwaggerUiHome implements WebMvcConfigurer {

    private final String swaggerUiPath;

    SwaggerUiHome(@Value("${springdoc.swagger-ui.path:/swagger-ui.html}") String swaggerUiPath) {
        this.swaggerUiPath = swaggerUiPath;
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/", swaggerUiPath);
    }
}
