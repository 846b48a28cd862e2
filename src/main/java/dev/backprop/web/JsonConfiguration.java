package dev.backprop.web;

import org.ejml.data.DMatrixRMaj;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.module.SimpleModule;

/**
 * Strict JSON: unknown and duplicate properties, nulls for numbers, trailing tokens and strings
 * where numbers belong are all errors, never silently resolved.
 */
@Configuration(proxyBeanMethods = false)
public class JsonConfiguration {

    @Bean
    JacksonModule matrixModule() {
        return new SimpleModule("matrices")
                .addDeserializer(DMatrixRMaj.class, new MatrixJson.MatrixDeserializer())
                .addSerializer(DMatrixRMaj.class, new MatrixJson.MatrixSerializer())
                .addDeserializer(double[].class, new MatrixJson.VectorDeserializer());
    }

    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return builder -> builder
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                // 1.5 is not an integer (a /problems seed or size): refuse it rather than truncate it
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(LogicalType.Textual, strings -> strings
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
