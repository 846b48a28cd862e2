package dev.backprop.backprop;

import dev.backprop.nn.Activation;
import dev.backprop.nn.Layer;
import dev.backprop.nn.Loss;
import dev.backprop.nn.Network;
import dev.backprop.web.ApiException;
import dev.backprop.web.ApiException.TypedFieldError;
import dev.backprop.web.JsonPointers;
import dev.backprop.web.ProblemType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.ejml.data.DMatrixRMaj;

/**
 * Checks a request once, at the edge, and converts it to the engine's orientation. Every error
 * names its JSON pointer, what was sent and what the layout needs there. Names are checked
 * before shapes, and all errors of a kind are reported together.
 */
public final class RequestValidator {

    // built once: every request names them, even a valid one
    private static final String LAYOUT_NAMES = names(Layout.values(), Layout::apiName);
    private static final String LOSS_NAMES = names(Loss.values(), Loss::apiName);
    private static final String ACTIVATION_NAMES = names(Activation.values(), Activation::apiName);

    private RequestValidator() {}

    /**
     * @param request the request as read from JSON
     * @param yRequired whether {@code y} must be present (backward pass) or may be absent
     * @throws ApiException with every problem found, when the request is not valid
     */
    public static PreparedRequest prepare(BackpropRequest request, boolean yRequired) {
        List<TypedFieldError> errors = new ArrayList<>();
        Layout layout = named(request.layout(), "/layout", "layout", Layout::fromApiName, LAYOUT_NAMES, errors);
        Loss loss = request.loss() == null
                ? Loss.HALF_SSE
                : named(request.loss(), "/loss", "loss", Loss::fromApiName, LOSS_NAMES, errors);
        List<LayerRequest> layers = request.layers();
        List<Activation> activations = new ArrayList<>();
        if (layers == null) {
            errors.add(missing("/layers", "an array of at least one layer"));
        } else if (layers.isEmpty()) {
            errors.add(new TypedFieldError(
                    ProblemType.INVALID_VALUE, "/layers", "/layers is empty: a network has at least one layer"));
        } else {
            for (int i = 0; i < layers.size(); i++) {
                LayerRequest layer = layers.get(i);
                if (layer == null) {
                    errors.add(missing(JsonPointers.join("layers", i), "an object with weights and activation"));
                    continue;
                }
                if (layer.weights() == null) {
                    errors.add(missing(JsonPointers.join("layers", i, "weights"), "a matrix"));
                }
                activations.add(named(
                        layer.activation(),
                        JsonPointers.join("layers", i, "activation"),
                        "activation",
                        Activation::fromApiName,
                        ACTIVATION_NAMES,
                        errors));
            }
        }
        if (request.x() == null) {
            errors.add(missing("/x", "a matrix"));
        }
        if (request.y() == null && yRequired) {
            errors.add(missing("/y", "a matrix"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.of(errors);
        }
        return chain(request, layout, activations, loss);
    }

    /** Checks that the shapes chain, D_0 → D_1 → … → D_L, and converts them. */
    private static PreparedRequest chain(
            BackpropRequest request, Layout layout, List<Activation> activations, Loss loss) {
        List<TypedFieldError> errors = new ArrayList<>();
        String name = layout.apiName();
        DMatrixRMaj x = request.x();
        int N = layout.samples(x);
        int previousUnits = layout.units(x);
        List<LayerRequest> layers = request.layers();
        DMatrixRMaj y = request.y();
        for (int i = 0; i < layers.size(); i++) {
            int k = i + 1;
            DMatrixRMaj W = layers.get(i).weights();
            int units = layout.weightUnits(W);
            boolean last = k == layers.size();
            if (last && y != null && layout.weightInputs(W) != previousUnits) {
                units = layout.units(y);
            }
            if (layout.weightInputs(W) != previousUnits) {
                String since = k == 1
                        ? "since x has D_0 = " + previousUnits + " inputs"
                        : "since layer " + (k - 1) + " has " + previousUnits + " units";
                errors.add(new TypedFieldError(
                        ProblemType.SHAPE_MISMATCH,
                        JsonPointers.join("layers", i, "weights"),
                        JsonPointers.join("layers", i, "weights") + " is " + shape(W) + ", but in the " + name
                                + " layout it must be " + layout.weightsShape(k) + " = "
                                + layout.weightsShape(units, previousUnits)
                                + ", " + since));
            }
            double[] bias = layers.get(i).bias();
            int sentUnits = layout.weightUnits(W);
            if (bias != null && bias.length != sentUnits) {
                errors.add(new TypedFieldError(
                        ProblemType.SHAPE_MISMATCH,
                        JsonPointers.join("layers", i, "bias"),
                        JsonPointers.join("layers", i, "bias") + " has " + bias.length + " numbers, but it must have D_"
                                + k + " = " + sentUnits + ", one per unit of layer " + k));
            }
            previousUnits = sentUnits;
        }
        if (y != null && errors.isEmpty()) {
            int L = layers.size();
            if (layout.samples(y) != N || layout.units(y) != previousUnits) {
                errors.add(new TypedFieldError(
                        ProblemType.SHAPE_MISMATCH,
                        "/y",
                        "/y is " + shape(y) + ", but in the " + name
                                + " layout it must be " + layout.samplesShape("D_" + L) + " = "
                                + layout.samplesShape(previousUnits, N)
                                + ", since x has N = " + N + " samples and layer " + L + " has " + previousUnits
                                + " units"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.of(errors);
        }
        List<Layer> engineLayers = new ArrayList<>(layers.size());
        for (int i = 0; i < layers.size(); i++) {
            LayerRequest layer = layers.get(i);
            DMatrixRMaj b = layer.bias() == null ? null : DMatrixRMaj.wrap(1, layer.bias().length, layer.bias());
            engineLayers.add(new Layer(layout.weightsIn(layer.weights()), b, activations.get(i)));
        }
        return new PreparedRequest(
                layout, new Network(engineLayers), layout.samplesIn(x), y == null ? null : layout.samplesIn(y), loss);
    }

    private static <T> T named(
            String name,
            String pointer,
            String what,
            Function<String, T> lookup,
            String valid,
            List<TypedFieldError> errors) {
        if (name == null) {
            errors.add(missing(pointer, "one of " + valid));
            return null;
        }
        T value = lookup.apply(name);
        if (value == null) {
            String shown = name.length() > 40 ? name.substring(0, 40) + "…" : name;
            errors.add(new TypedFieldError(
                    ProblemType.UNKNOWN_NAME,
                    pointer,
                    pointer + " is \"" + shown + "\", which is not a known " + what + "; the valid names are "
                            + valid));
        }
        return value;
    }

    private static TypedFieldError missing(String pointer, String expected) {
        return new TypedFieldError(ProblemType.MISSING_PROPERTY, pointer, pointer + " is required: " + expected);
    }

    private static <E> String names(E[] values, Function<E, String> apiName) {
        return String.join(", ", Arrays.stream(values).map(apiName).toList());
    }

    static String shape(DMatrixRMaj matrix) {
        return matrix.numRows + "×" + matrix.numCols;
    }
}
