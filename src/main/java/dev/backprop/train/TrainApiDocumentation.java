package dev.backprop.train;

import dev.backprop.limits.LimitsProperties;
import dev.backprop.nn.OptimizerBuffer;
import dev.backprop.web.OpenApiSchemas;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the optimizers and the training limits define, in the OpenAPI description, from the code
 * that enforces it: the most steps of one /train request ({@code backprop.limits.compute.max-steps},
 * read when the spec is built); which options each optimizer takes ({@link OptimizerOptions.Kind},
 * the one table) and Nesterov's condition; and the buffers of a state by name ({@link
 * OptimizerBuffer}), those that accumulate squares never negative.
 */
@Configuration(proxyBeanMethods = false)
class TrainApiDocumentation {

    static final String PARAMETER_BUFFERS = "ParameterBuffers";
    static final String WEIGHT_BUFFERS = "WeightBuffers";
    static final String VECTOR_BUFFERS = "VectorBuffers";

    private static final String SCHEMAS = "#/components/schemas/";

    @Bean
    @SuppressWarnings({"rawtypes"})
    OpenApiCustomizer trainingLimitsDocumentation(LimitsProperties limits) {
        return api -> {
            BigDecimal most = BigDecimal.valueOf(limits.compute().maxSteps());
            Schema train =
                    OpenApiSchemas.property(api.getComponents().getSchemas().get("TrainRequest"), "steps");
            if (train != null) {
                train.setMaximum(most);
            }
            Schema answered =
                    OpenApiSchemas.property(api.getComponents().getSchemas().get("TrainResponse"), "steps");
            if (answered != null) {
                answered.setMinimum(BigDecimal.ONE);
                answered.setMaximum(most);
            }
        };
    }

    @Bean
    @SuppressWarnings({"rawtypes"})
    OpenApiCustomizer optimizerDocumentation() {
        return api -> {
            Map<String, Schema> schemas = api.getComponents().getSchemas();
            optionsOfEachOptimizer(schemas.get("OptimizerRequest"));
            everyParameterSentIsUpdated(schemas.get("OptimizerStepRequest"));
            schemas.put(PARAMETER_BUFFERS, buffers("MatrixOrVector", "a parameter of /optimizer-step"));
            schemas.put(WEIGHT_BUFFERS, buffers("Matrix", "the weights W_k of a layer, each shaped like W_k as sent"));
            schemas.put(VECTOR_BUFFERS, buffers("Vector", "a vector parameter of a layer (b_k, γ_k or β_k)"));
            Schema parameters = OpenApiSchemas.property(schemas.get("OptimizerState"), "parameters");
            if (parameters != null) {
                parameters.setAdditionalProperties(ref(PARAMETER_BUFFERS));
            }
            refer(OpenApiSchemas.property(schemas.get("TrainLayerState"), "weights"), WEIGHT_BUFFERS);
            refer(OpenApiSchemas.property(schemas.get("TrainLayerState"), "bias"), VECTOR_BUFFERS);
            refer(OpenApiSchemas.property(schemas.get("TrainBatchNormState"), "gamma"), VECTOR_BUFFERS);
            refer(OpenApiSchemas.property(schemas.get("TrainBatchNormState"), "beta"), VECTOR_BUFFERS);
        };
    }

    /**
     * Each option names the optimizers that take it (another's option is a 400); Nesterov momentum
     * needs momentum > 0 and no dampening (as {@link dev.backprop.nn.Sgd} checks); betas are two
     * numbers in [0, 1).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void optionsOfEachOptimizer(Schema optimizer) {
        if (optimizer == null || optimizer.getProperties() == null) {
            return;
        }
        Set<String> options = new LinkedHashSet<>();
        for (OptimizerOptions.Kind kind : OptimizerOptions.Kind.values()) {
            options.addAll(kind.options);
        }
        Map<String, Schema> owners = new LinkedHashMap<>();
        for (String option : options) {
            List<Object> names = new ArrayList<>(Arrays.stream(OptimizerOptions.Kind.values())
                    .filter(kind -> kind.options.contains(option))
                    .map(kind -> kind.apiName)
                    .toList());
            Schema name = new Schema<>();
            name.setEnum(names);
            owners.put(option, new Schema<>().addProperty("name", name));
        }
        optimizer.setDependentSchemas(owners);

        Schema nesterov = new Schema<>().required(new ArrayList<>(List.of("nesterov")));
        nesterov.addProperty("nesterov", new Schema<>()._const(true));
        Schema momentum = new Schema<>().required(new ArrayList<>(List.of("momentum")));
        momentum.addProperty("momentum", new Schema<>().exclusiveMinimumValue(BigDecimal.ZERO));
        momentum.addProperty("dampening", new Schema<>()._const(0));
        optimizer.setIf(nesterov);
        optimizer.setThen(momentum);

        Schema betas = (Schema) optimizer.getProperties().get("betas");
        if (betas != null) {
            Schema beta = new Schema<>()
                    .type("number")
                    .format("double")
                    .minimum(BigDecimal.ZERO)
                    .exclusiveMaximumValue(BigDecimal.ONE);
            beta.setTypes(Set.of("number"));
            betas.set$ref(null);
            betas.setType("array");
            betas.setTypes(Set.of("array"));
            betas.setMinItems(2);
            betas.setMaxItems(2);
            betas.setItems(beta);
        }
    }

    /** /optimizer-step updates every parameter it is sent: updateBiases may only be true there. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void everyParameterSentIsUpdated(Schema step) {
        Schema optimizer = OpenApiSchemas.property(step, "optimizer");
        if (optimizer != null) {
            optimizer.addProperty("updateBiases", new Schema<>()._const(true));
        }
    }

    /** The buffers of one parameter by name, each of the kind {@code kind}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Schema<?> buffers(String kind, String of) {
        Schema buffers = new Schema<>()
                .type("object")
                .description("The buffers torch.optim keeps for " + of + ", by name. Which ones exist depends on "
                        + "the optimizer and its options; a state sent must hold exactly those.");
        buffers.setTypes(Set.of("object"));
        buffers.setAdditionalProperties(false);
        for (OptimizerBuffer buffer : OptimizerBuffer.values()) {
            Schema value = buffer.ofSquares() ? nonNegative(kind) : ref(kind);
            value.setDescription("Kept by " + buffer.keptBy() + "."
                    + (buffer.ofSquares() ? " A sum or average of squares g², so every entry is ≥ 0." : ""));
            buffers.addProperty(buffer.apiName(), value);
        }
        return buffers;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Schema nonNegative(String kind) {
        Schema entry = new Schema<>().minimum(BigDecimal.ZERO);
        return switch (kind) {
            case "Matrix" -> ref(kind).items(new Schema<>().items(entry));
            case "Vector" -> ref(kind).items(entry);
            default -> new Schema<>().oneOf(new ArrayList<>(List.of(nonNegative("Matrix"), nonNegative("Vector"))));
        };
    }

    /** A map of buffers by name becomes a reference to the schema that names them, its description kept. */
    private static void refer(Schema<?> property, String component) {
        if (property == null) {
            return;
        }
        property.setType(null);
        property.setTypes(null);
        property.setAdditionalProperties(null);
        property.setPropertyNames(null);
        property.set$ref(SCHEMAS + component);
    }

    @SuppressWarnings("rawtypes")
    private static Schema ref(String component) {
        return new Schema<>().$ref(SCHEMAS + component);
    }
}
