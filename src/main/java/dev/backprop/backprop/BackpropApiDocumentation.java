package dev.backprop.backprop;

import dev.backprop.limits.LimitsProperties;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Loss;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the engine and the layouts define, in the OpenAPI description, generated from {@link
 * Layout}, {@link Activation} and {@link Loss} so the documentation follows the code: the names
 * of layouts, activations and losses as enums, with each one's convention or formula and PyTorch
 * equivalent, and the shape of every matrix property in each layout. Applies by property name to
 * every schema, so an endpoint that reuses these names (layout, activation, activations, loss, x,
 * y, weights, delta, ...) is documented alike.
 *
 * <p>The same names carry the compute limits the service enforces ({@link LimitsProperties}, read
 * when the spec is built): {@code layers} at most {@code max-layers}, a matrix of samples at most
 * max(max-units, max-batch-size) rows and columns (which axis is which depends on the layout),
 * weights at most {@code max-units} both ways, a vector of one number per unit at most {@code
 * max-units}.
 */
@Configuration(proxyBeanMethods = false)
class BackpropApiDocumentation {

    private static final String MATRIX_REF = "#/components/schemas/Matrix";

    private static final String VECTOR_REF = "#/components/schemas/Vector";

    /** Per-unit vectors of a layer that are not a {@link Quantity} of their own: batch normalization's. */
    private static final Set<String> UNIT_VECTORS = Set.of("gamma", "beta", "runningMean", "runningVariance");

    @Bean
    OpenApiCustomizer layoutDocumentation(LimitsProperties limits) {
        Bounds bounds = new Bounds(limits.compute());
        return api -> {
            Set<Schema<?>> described = Collections.newSetFromMap(new IdentityHashMap<>());
            api.getComponents().getSchemas().forEach((name, schema) -> describe(name, schema, described, bounds));
            forwardRequest(api);
            RequestRules.apply(api);
        };
    }

    /**
     * The most rows or columns each kind of matrix and vector may have, from the compute limits.
     *
     * @param layers the most layers, {@code max-layers}
     * @param units the most units of a layer, D_0 included, {@code max-units}
     * @param samplesOrUnits the most rows or columns of a matrix with one entry per sample and
     *     unit: N or D_k, whichever the layout puts there
     */
    record Bounds(int layers, int units, int samplesOrUnits) {

        Bounds(LimitsProperties.Compute compute) {
            this(compute.maxLayers(), compute.maxUnits(), Math.max(compute.maxUnits(), compute.maxBatchSize()));
        }

        /** The most rows and columns of a matrix of this orientation. */
        int axis(Orientation orientation) {
            return orientation == Orientation.WEIGHTS ? units : samplesOrUnits;
        }
    }

    private static void describe(String schemaName, Schema<?> schema, Set<Schema<?>> described, Bounds bounds) {
        if (schema.getProperties() == null) {
            return;
        }
        schema.getProperties().forEach((name, property) -> {
            if (!described.add(property)) {
                return;
            }
            Quantity quantity = Quantity.of(schemaName, name);
            if (isString(property) && NAMES.containsKey(name)) {
                NAMES.get(name).accept(property);
            } else if ("activations".equals(name) && property.getItems() != null && isString(property.getItems())) {
                activationNames(property.getItems());
            } else if ("layers".equals(name) && property.getItems() != null) {
                property.setMaxItems(bounds.layers());
            } else if ("warnings".equals(name) && property.getItems() != null) {
                property.setMaxItems(Warnings.most(bounds.layers()));
            } else if (MATRIX_REF.equals(property.get$ref()) && quantity != null) {
                StringBuilder table = new StringBuilder("| layout | shape |\n|---|---|\n");
                for (Layout layout : Layout.values()) {
                    table.append("| `")
                            .append(layout.apiName())
                            .append("` | ")
                            .append(layout.shape(quantity, -1))
                            .append(" |\n");
                }
                append(property, table.toString());
                int most = bounds.axis(quantity.orientation());
                property.setMaxItems(most);
                property.setItems(new Schema<>().maxItems(most));
            } else if (VECTOR_REF.equals(property.get$ref())
                    && ((quantity != null && quantity.orientation() == Orientation.VECTOR)
                            || ("BatchNormRequest".equals(schemaName) && UNIT_VECTORS.contains(name)))) {
                property.setMaxItems(bounds.units());
            }
        });
    }

    /** How to describe each string property that holds a name, by property name. */
    private static final Map<String, Consumer<Schema<?>>> NAMES = Map.of(
            "layout", BackpropApiDocumentation::layoutNames,
            "activation", BackpropApiDocumentation::activationNames,
            "loss", BackpropApiDocumentation::lossNames);

    private static void layoutNames(Schema<?> property) {
        StringBuilder table = new StringBuilder("""
                `dimension-first` is convention 1 of the 2017 matrix-math note \
                ("2017-11-03 Matrix Math", https://gist.github.com/petered/57c751280871332c6566fcf64fe00983: \
                one column per sample forward, one row per sample backward), \
                `sample-first` its convention 2 (Keras, CS231n), `torch` PyTorch's `nn.Linear`, \
                `dimension-first-throughout` dimension-first with the backward quantities one column per \
                sample too (deeplearning.ai's dZ^[l] ∈ R^{n_l×m}). With N samples and D_k units in layer k \
                (D_0 inputs):

                | layout | x, s_k, z_k | δ_k, ∂L/∂z_k, ∂L/∂y_out, ∂L/∂x | W_k |
                |---|---|---|---|
                """);
        for (Layout layout : Layout.values()) {
            table.append("| `")
                    .append(layout.apiName())
                    .append("` | ")
                    .append(layout.shape(Quantity.PRE_ACTIVATION, -1))
                    .append(" | ")
                    .append(layout.shape(Quantity.DELTA, -1))
                    .append(" | ")
                    .append(layout.shape(Quantity.WEIGHTS, -1))
                    .append(" |\n");
        }
        table.append("""

                ∂L/∂W_k has the shape of W_k as sent; vectors (b_k, γ, β, …) are the same in every layout.""");
        enumerate(property, Arrays.stream(Layout.values()).map(Layout::apiName).toList(), table.toString());
    }

    private static void activationNames(Schema<?> property) {
        StringBuilder table = new StringBuilder("""
                Every function and every derivative at a kink is PyTorch's (`torch.nn.functional`, \
                float64): relu′(0) = 0, leaky-relu′(0) = 0.01, elu′(0) = 1; softmax is over the units \
                of one sample, with its full Jacobian in the backward pass.

                | name | f(s) | PyTorch |
                |---|---|---|
                """);
        for (Activation activation : Activation.values()) {
            table.append("| `")
                    .append(activation.apiName())
                    .append("` | `")
                    .append(activation.latex())
                    .append("` | `")
                    .append(activation.pytorch())
                    .append("` |\n");
        }
        enumerate(
                property,
                Arrays.stream(Activation.values()).map(Activation::apiName).toList(),
                table.toString());
    }

    private static void lossNames(Schema<?> property) {
        StringBuilder table = new StringBuilder("""
                With y_out = z_L, the output of the last layer, and sums over the N samples n and the \
                D_L outputs j:

                | name | L | PyTorch |
                |---|---|---|
                """);
        for (Loss loss : Loss.values()) {
            table.append("| `")
                    .append(loss.apiName())
                    .append("` | `")
                    .append(loss.latex())
                    .append("` | `")
                    .append(loss.pytorch())
                    .append("` |\n");
        }
        enumerate(property, Arrays.stream(Loss.values()).map(Loss::apiName).toList(), table.toString());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void enumerate(Schema property, List<String> names, String text) {
        property.setEnum(new ArrayList<>(names));
        append(property, text);
    }

    /**
     * /forward takes the /backprop request with {@code y} optional: its own schema, sharing the
     * property schemas, so it is documented without a second Java type.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void forwardRequest(OpenAPI api) {
        Schema backprop = api.getComponents().getSchemas().get("BackpropRequest");
        PathItem forward = api.getPaths() == null ? null : api.getPaths().get("/api/v1/forward");
        if (backprop == null
                || forward == null
                || forward.getPost() == null
                || forward.getPost().getRequestBody() == null) {
            return;
        }
        List<String> required = new ArrayList<>(backprop.getRequired() == null ? List.of() : backprop.getRequired());
        required.remove("y");
        Schema request = new Schema<>()
                .type("object")
                .types(backprop.getTypes())
                .description(
                        "The /backprop request, with `y` (and so `loss`) optional: when y is given, the answer has the loss.")
                .properties(new LinkedHashMap<String, Schema>(backprop.getProperties()))
                .required(required);
        request.setAdditionalProperties(backprop.getAdditionalProperties());
        api.getComponents().addSchemas("ForwardRequest", request);
        for (MediaType media : forward.getPost().getRequestBody().getContent().values()) {
            media.setSchema(new Schema<>().$ref("#/components/schemas/ForwardRequest"));
        }
    }

    private static boolean isString(Schema<?> schema) {
        return "string".equals(schema.getType())
                || (schema.getTypes() != null && schema.getTypes().contains("string"));
    }

    private static void append(Schema<?> property, String text) {
        String description = property.getDescription() == null ? "" : property.getDescription() + "\n\n";
        property.setDescription(description + text.strip());
    }
}
