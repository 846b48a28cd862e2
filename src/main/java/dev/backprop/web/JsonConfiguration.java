package dev.backprop.web;

import dev.backprop.limits.LimitsProperties;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Strict JSON: unknown and duplicate properties, {@code null} anywhere, trailing tokens, strings
 * where numbers belong and fractions where integers belong are all errors, never silently
 * resolved. The parser stops at the limits of {@code backprop.limits.json} (and the failure points
 * at the value past them), and the matrices at {@code backprop.limits.compute.max-numbers}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LimitsProperties.class)
public class JsonConfiguration {

    @Bean
    JacksonModule matrixModule(LimitsProperties limits) {
        long maxNumbers = limits.compute().maxNumbers();
        return new SimpleModule("matrices")
                .addDeserializer(DMatrixRMaj.class, new MatrixJson.MatrixDeserializer(maxNumbers))
                .addSerializer(DMatrixRMaj.class, new MatrixJson.MatrixSerializer())
                .addDeserializer(double[].class, new MatrixJson.VectorDeserializer(maxNumbers))
                .addDeserializer(MatrixOrVector.class, new MatrixJson.MatrixOrVectorDeserializer(maxNumbers))
                .addSerializer(MatrixOrVector.class, new MatrixJson.MatrixOrVectorSerializer());
    }

    /** Integers: any number without a fractional part; one its field cannot hold names the field's range. */
    @Bean
    JacksonModule integerModule() {
        return new SimpleModule("integers")
                .addDeserializer(Integer.class, new IntegerJson.IntegerDeserializer<>(Integer.class))
                .addDeserializer(Long.class, new IntegerJson.IntegerDeserializer<>(Long.class));
    }

    /**
     * Null is never a value: a property left out takes its default, one sent as null is a wrong
     * type, where Jackson would read it as left out ({@link StrictNulls}).
     */
    @Bean
    JacksonModule strictNulls() {
        return new SimpleModule("strict-nulls").setDeserializerModifier(new StrictNulls());
    }

    /**
     * Boot's own builder (the same customizers, in the same order) on a JSON factory with the
     * configured stream constraints: the builder cannot change its factory once made, so the
     * factory has to be chosen here. The document length limit is the body size limit.
     */
    @Bean
    @Scope("prototype")
    JsonMapper.Builder jsonMapperBuilder(
            ObjectProvider<JsonMapperBuilderCustomizer> customizers, LimitsProperties limits) {
        LimitsProperties.Json json = limits.json();
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(json.maxNestingDepth())
                .maxNumberLength(json.maxNumberLength())
                .maxStringLength(json.maxStringLength())
                .maxNameLength(json.maxStringLength())
                .maxTokenCount(json.maxTokenCount())
                .maxDocumentLength(limits.maxBodySize().toBytes())
                .build();
        JsonMapper.Builder builder = JsonMapper.builder(
                JsonFactory.builder().streamReadConstraints(constraints).build());
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder;
    }

    /** Every problem+json body, written with the application's mapper. */
    @Bean
    ProblemWriter problemWriter(JsonMapper json) {
        return new ProblemWriter(json);
    }

    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(
            LimitsProperties limits, ProblemWriter problems) {
        BodySizeLimitFilter.Limit body =
                new BodySizeLimitFilter.Limit(limits.maxBodySize().toBytes(), "backprop.limits.max-body-size");
        BodySizeLimitFilter.Limit batch = new BodySizeLimitFilter.Limit(
                limits.maxBatchBodySize().toBytes(), "backprop.limits.max-batch-body-size");
        // a batch meets whichever of the two limits is smaller, and the 413 names that one
        BodySizeLimitFilter.Limit batchLimit = batch.bytes() < body.bytes() ? batch : body;
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(
                new BodySizeLimitFilter(body, Map.of("/api/v1/backprop/batch", batchLimit), problems));
        // first of all filters: nothing reads a byte of the body before the limit is in place
        registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<WholeResponseFilter> wholeResponseFilter() {
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(new WholeResponseFilter());
        registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // a value past a parser limit fails with its own path, not the body's
                .deserializationContexts(new ParserLimitPointers())
                // Schubfach instead of Double.toString: the same doubles, written in half the time
                // on Java 17, and responses are mostly doubles (matrices are written by MatrixJson,
                // with the same digits)
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                // FastDoubleParser instead of Double.parseDouble: the same correctly rounded doubles,
                // read from the parser's characters without a String per number
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .enable(
                        DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                // 1.5 is not an integer: refuse it rather than truncate it (IntegerJson reads the
                // request's Integer and Long fields, 4.0 as 4; this holds for any other int)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(
                        LogicalType.Textual,
                        strings -> strings.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
