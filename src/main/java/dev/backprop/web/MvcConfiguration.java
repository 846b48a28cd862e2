package dev.backprop.web;

import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring MVC's share of strict input (an {@code Accept} header that refuses every representation
 * is a 406), and the API's records read and written by {@link ApiJsonConverter}, their request
 * bodies without Spring's own resolver ({@link ApiRequestBodies}).
 */
@Configuration(proxyBeanMethods = false)
class MvcConfiguration implements WebMvcConfigurer {

    private final JsonMapper json;

    MvcConfiguration(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new AcceptQualities());
    }

    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder converters) {
        converters.addCustomConverter(new ApiJsonConverter(json));
    }

    /** The API's request bodies read by {@link ApiRequestBodies}, ahead of Spring's resolver. */
    @Bean
    WebMvcRegistrations apiRequestBodies() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerAdapter getRequestMappingHandlerAdapter() {
                return ApiRequestBodies.adapter();
            }
        };
    }
}
