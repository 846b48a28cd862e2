package dev.backprop.backprop;

import dev.backprop.nn.Activation;
import dev.backprop.nn.BatchNorm;
import dev.backprop.nn.Dropout;
import dev.backprop.nn.Layer;
import dev.backprop.nn.Loss;
import dev.backprop.nn.LossFunction;
import dev.backprop.nn.Network;
import dev.backprop.nn.Reduction;
import dev.backprop.nn.Regularization;
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
 * before shapes, shapes before values, and all errors of a kind are reported together.
 */
public final class RequestValidator {

    // built once: every request names them, even a valid one
    private static final String LAYOUT_NAMES = names(Layout.values(), Layout::apiName);
    private static final String LOSS_NAMES = names(Loss.values(), Loss::apiName);
    private static final String REDUCTION_NAMES = names(Reduction.values(), Reduction::apiName);
    private static final String ACTIVATION_NAMES = names(Activation.values(), Activation::apiName);
    private static final String LOSS_INPUTS = "logits, probabilities";
    private static final String MODES = "train, eval";

    private RequestValidator() {}

    /**
     * @param request the request as read from JSON
     * @param backward whether the backward pass runs, so that {@code y} or {@code outputGradient}
     *     is required ({@code /forward} takes either, or neither)
     * @throws ApiException with every problem found, when the request is not valid
     */
    public static PreparedRequest prepare(BackpropRequest request, boolean backward) {
        List<TypedFieldError> errors = new ArrayList<>();
        Layout layout = named(request.layout(), "/layout", "layout", Layout::fromApiName, LAYOUT_NAMES, errors);
        boolean upstream = request.outputGradient() != null;
        Loss loss = request.loss() == null
                ? Loss.HALF_SSE
                : named(request.loss(), "/loss", "loss", Loss::fromApiName, LOSS_NAMES, errors);
        Reduction reduction = request.reduction() == null
                ? (loss == null ? null : loss.defaultReduction())
                : named(
                        request.reduction(),
                        "/reduction",
                        "reduction",
                        Reduction::fromApiName,
                        REDUCTION_NAMES,
                        errors);
        boolean probabilities = false;
        if (request.lossInput() != null) {
            probabilities = "probabilities".equals(request.lossInput());
            if (!probabilities && !"logits".equals(request.lossInput())) {
                errors.add(unknown("/lossInput", request.lossInput(), "loss input", LOSS_INPUTS));
            } else if (loss != null && !loss.hasProbabilityInput() && !upstream) {
                errors.add(invalid(
                        "/lossInput",
                        "/lossInput is given, but " + loss.apiName() + " has no choice of input: only cross-entropy "
                                + "and binary-cross-entropy take logits or probabilities"));
            }
        }
        Regularization regularization = regularization(request.regularization(), errors);
        List<LayerRequest> layers = request.layers();
        List<Activation> activations = new ArrayList<>();
        if (layers == null) {
            errors.add(missing("/layers", "an array of at least one layer"));
        } else if (layers.isEmpty()) {
            errors.add(invalid("/layers", "/layers is empty: a network has at least one layer"));
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
                requiredParts(layer, i, errors);
            }
        }
        if (request.x() == null) {
            errors.add(missing("/x", "a matrix"));
        }
        if (upstream && request.y() != null) {
            errors.add(invalid(
                    "/outputGradient",
                    "/outputGradient and /y are both given: the backward pass starts either from targets y and a "
                            + "loss or from a given ∂L/∂y_out, so send one of them"));
        } else if (backward && !upstream && request.y() == null) {
            errors.add(missing("/y", "a matrix of targets, or instead /outputGradient, a given ∂L/∂y_out"));
        }
        if (upstream) {
            for (String option : lossOptions(request)) {
                errors.add(invalid(
                        "/" + option,
                        "/" + option + " is given with /outputGradient, but a backward pass that starts from a given "
                                + "∂L/∂y_out has no loss: leave out loss, reduction and lossInput, or send y instead"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.of(errors);
        }
        LossFunction lossFunction = upstream ? null : new LossFunction(loss, reduction, probabilities);
        return chain(request, layout, activations, lossFunction, regularization);
    }

    /** The properties that choose the loss: a request that gives outputGradient has none of them. */
    static final List<String> LOSS_OPTIONS = List.of("loss", "reduction", "lossInput");

    private static List<String> lossOptions(BackpropRequest request) {
        List<String> values = Arrays.asList(request.loss(), request.reduction(), request.lossInput());
        List<String> given = new ArrayList<>();
        for (int i = 0; i < LOSS_OPTIONS.size(); i++) {
            if (values.get(i) != null) {
                given.add(LOSS_OPTIONS.get(i));
            }
        }
        return given;
    }

    private static Regularization regularization(RegularizationRequest sent, List<TypedFieldError> errors) {
        if (sent == null) {
            return Regularization.NONE;
        }
        double l2 = coefficient(sent.l2(), "/regularization/l2", errors);
        double l1 = coefficient(sent.l1(), "/regularization/l1", errors);
        return new Regularization(l2, l1, Boolean.TRUE.equals(sent.includeBias()));
    }

    private static double coefficient(Double value, String pointer, List<TypedFieldError> errors) {
        if (value == null) {
            return 0;
        }
        if (!(value >= 0)) {
            errors.add(invalid(pointer, pointer + " is " + value + ", but a regularization coefficient is ≥ 0"));
            return 0;
        }
        return value;
    }

    /** The properties a layer's dropout and batch normalization cannot do without, and their names. */
    private static void requiredParts(LayerRequest layer, int i, List<TypedFieldError> errors) {
        DropoutRequest dropout = layer.dropout();
        if (dropout != null) {
            if (dropout.mask() == null) {
                errors.add(missing(JsonPointers.join("layers", i, "dropout", "mask"), "a 0/1 matrix"));
            }
            if (dropout.keepProbability() == null) {
                errors.add(missing(JsonPointers.join("layers", i, "dropout", "keepProbability"), "a number in (0, 1]"));
            }
        }
        BatchNormRequest batchNorm = layer.batchNorm();
        if (batchNorm != null) {
            if (batchNorm.gamma() == null) {
                errors.add(missing(JsonPointers.join("layers", i, "batchNorm", "gamma"), "a vector of D_k numbers"));
            }
            if (batchNorm.beta() == null) {
                errors.add(missing(JsonPointers.join("layers", i, "batchNorm", "beta"), "a vector of D_k numbers"));
            }
            if (batchNorm.mode() != null && !"train".equals(batchNorm.mode()) && !"eval".equals(batchNorm.mode())) {
                errors.add(
                        unknown(JsonPointers.join("layers", i, "batchNorm", "mode"), batchNorm.mode(), "mode", MODES));
            }
        }
    }

    /** Checks that the shapes chain, D_0 → D_1 → … → D_L, then the values, and converts them. */
    private static PreparedRequest chain(
            BackpropRequest request,
            Layout layout,
            List<Activation> activations,
            LossFunction loss,
            Regularization regularization) {
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
            int sentUnits = layout.weightUnits(W);
            LayerRequest layer = layers.get(i);
            vectorLength(layer.bias(), JsonPointers.join("layers", i, "bias"), k, sentUnits, errors);
            if (layer.batchNorm() != null) {
                String base = JsonPointers.join("layers", i, "batchNorm");
                BatchNormRequest batchNorm = layer.batchNorm();
                vectorLength(batchNorm.gamma(), base + "/gamma", k, sentUnits, errors);
                vectorLength(batchNorm.beta(), base + "/beta", k, sentUnits, errors);
                vectorLength(batchNorm.runningMean(), base + "/runningMean", k, sentUnits, errors);
                vectorLength(batchNorm.runningVariance(), base + "/runningVariance", k, sentUnits, errors);
            }
            if (layer.dropout() != null && layer.dropout().mask() != null) {
                DMatrixRMaj mask = layer.dropout().mask();
                if (layout.samples(Quantity.DROPOUT_MASK, mask) != N
                        || layout.units(Quantity.DROPOUT_MASK, mask) != sentUnits) {
                    String pointer = JsonPointers.join("layers", i, "dropout", "mask");
                    errors.add(new TypedFieldError(
                            ProblemType.SHAPE_MISMATCH,
                            pointer,
                            pointer + " is " + shape(mask) + ", but it must have the shape of the activation z_" + k
                                    + ": in the " + name + " layout " + layout.shape(Quantity.ACTIVATION, k) + " = "
                                    + layout.shape(Quantity.DROPOUT_MASK, sentUnits, N)));
                }
            }
            previousUnits = sentUnits;
        }
        int L = layers.size();
        if (y != null && errors.isEmpty()) {
            samplesShape(y, Quantity.Y, "/y", layout, L, previousUnits, N, errors);
        }
        DMatrixRMaj outputGradient = request.outputGradient();
        if (outputGradient != null && errors.isEmpty()) {
            samplesShape(
                    outputGradient, Quantity.OUTPUT_GRADIENT, "/outputGradient", layout, L, previousUnits, N, errors);
        }
        if (!errors.isEmpty()) {
            throw ApiException.of(errors);
        }
        List<Layer> engineLayers = new ArrayList<>(layers.size());
        for (int i = 0; i < layers.size(); i++) {
            LayerRequest layer = layers.get(i);
            DMatrixRMaj b = vector(layer.bias());
            BatchNorm batchNorm = batchNorm(layer.batchNorm(), i, N, errors);
            Dropout dropout = dropout(layer.dropout(), i, layout, errors);
            if (errors.isEmpty()) {
                engineLayers.add(
                        new Layer(layout.weightsIn(layer.weights()), b, activations.get(i), batchNorm, dropout));
            }
        }
        DMatrixRMaj yEngine = y == null ? null : layout.in(Quantity.Y, y);
        if (yEngine != null) {
            int invalid = loss.loss().firstInvalidTarget(yEngine);
            if (invalid >= 0) {
                int n = invalid / yEngine.numCols;
                int j = invalid % yEngine.numCols;
                String pointer = layout.entry(Quantity.Y, "/y", n, j);
                errors.add(invalid(
                        pointer,
                        loss.loss() == Loss.HINGE
                                ? pointer + " is " + yEngine.get(n, j) + ", but every hinge target is −1 or +1"
                                : pointer + " is " + yEngine.get(n, j) + ", but multiclass-hinge targets are one-hot: "
                                        + "each sample's row has one 1, at its class, and 0 elsewhere"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.of(errors);
        }
        return new PreparedRequest(
                layout,
                new Network(engineLayers),
                layout.in(Quantity.X, x),
                yEngine,
                loss,
                outputGradient == null ? null : layout.in(Quantity.OUTPUT_GRADIENT, outputGradient),
                regularization,
                request.regularization() != null);
    }

    private static void samplesShape(
            DMatrixRMaj sent,
            Quantity quantity,
            String pointer,
            Layout layout,
            int L,
            int units,
            int N,
            List<TypedFieldError> errors) {
        if (layout.samples(quantity, sent) != N || layout.units(quantity, sent) != units) {
            errors.add(new TypedFieldError(
                    ProblemType.SHAPE_MISMATCH,
                    pointer,
                    pointer + " is " + shape(sent) + ", but in the " + layout.apiName() + " layout it must be "
                            + layout.shape(quantity, L) + " = " + layout.shape(quantity, units, N)
                            + ", since x has N = " + N + " samples and layer " + L + " has " + units + " units"));
        }
    }

    private static void vectorLength(double[] vector, String pointer, int k, int units, List<TypedFieldError> errors) {
        if (vector != null && vector.length != units) {
            errors.add(new TypedFieldError(
                    ProblemType.SHAPE_MISMATCH,
                    pointer,
                    pointer + " has " + vector.length + " numbers, but it must have D_" + k + " = " + units
                            + ", one per unit of layer " + k));
        }
    }

    private static BatchNorm batchNorm(BatchNormRequest sent, int i, int N, List<TypedFieldError> errors) {
        if (sent == null) {
            return null;
        }
        String base = JsonPointers.join("layers", i, "batchNorm");
        double epsilon = sent.epsilon() == null ? BatchNorm.DEFAULT_EPSILON : sent.epsilon();
        if (!(epsilon > 0)) {
            errors.add(invalid(base + "/epsilon", base + "/epsilon is " + epsilon + ", but ε must be > 0"));
        }
        double momentum = sent.momentum() == null ? BatchNorm.DEFAULT_MOMENTUM : sent.momentum();
        if (!(momentum >= 0 && momentum <= 1)) {
            errors.add(invalid(base + "/momentum", base + "/momentum is " + momentum + ", but it must be in [0, 1]"));
        }
        boolean eval = "eval".equals(sent.mode());
        boolean running = sent.runningMean() != null || sent.runningVariance() != null;
        if (sent.runningMean() == null && sent.runningVariance() != null) {
            errors.add(missing(base + "/runningMean", "a vector of D_k numbers, since runningVariance is given"));
        } else if (sent.runningMean() != null && sent.runningVariance() == null) {
            errors.add(missing(base + "/runningVariance", "a vector of D_k numbers, since runningMean is given"));
        } else if (eval && !running) {
            errors.add(missing(
                    base + "/runningMean",
                    "in eval mode the layer normalizes with runningMean and runningVariance, which are both needed"));
        }
        if (sent.runningVariance() != null) {
            for (int j = 0; j < sent.runningVariance().length; j++) {
                if (sent.runningVariance()[j] < 0) {
                    errors.add(invalid(
                            base + "/runningVariance/" + j,
                            base + "/runningVariance/" + j + " is " + sent.runningVariance()[j]
                                    + ", but a variance is ≥ 0"));
                    break;
                }
            }
        }
        if (!eval && N < 2) {
            errors.add(invalid(
                    base,
                    base + " normalizes over the samples of the minibatch, which needs N ≥ 2, but x has N = " + N
                            + " sample; send more samples, or use mode eval with running statistics"));
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return new BatchNorm(
                vector(sent.gamma()),
                vector(sent.beta()),
                epsilon,
                eval,
                vector(sent.runningMean()),
                vector(sent.runningVariance()),
                momentum);
    }

    private static Dropout dropout(DropoutRequest sent, int i, Layout layout, List<TypedFieldError> errors) {
        if (sent == null) {
            return null;
        }
        String base = JsonPointers.join("layers", i, "dropout");
        double q = sent.keepProbability();
        if (!(q > 0 && q <= 1)) {
            errors.add(invalid(
                    base + "/keepProbability",
                    base + "/keepProbability is " + q + ", but the probability of keeping a unit must be in (0, 1]"));
        }
        DMatrixRMaj mask = sent.mask();
        for (int r = 0; r < mask.numRows; r++) {
            for (int c = 0; c < mask.numCols; c++) {
                double m = mask.get(r, c);
                if (m != 0 && m != 1) {
                    String pointer = base + "/mask/" + r + "/" + c;
                    errors.add(invalid(pointer, pointer + " is " + m + ", but a dropout mask holds only 0 and 1"));
                    return null;
                }
            }
        }
        return errors.isEmpty() ? new Dropout(layout.in(Quantity.DROPOUT_MASK, mask), q) : null;
    }

    private static DMatrixRMaj vector(double[] values) {
        return values == null ? null : DMatrixRMaj.wrap(1, values.length, values);
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
            errors.add(unknown(pointer, name, what, valid));
        }
        return value;
    }

    private static TypedFieldError unknown(String pointer, String name, String what, String valid) {
        String shown = name.length() > 40 ? name.substring(0, 40) + "…" : name;
        return new TypedFieldError(
                ProblemType.UNKNOWN_NAME,
                pointer,
                pointer + " is \"" + shown + "\", which is not a known " + what + "; the valid names are " + valid);
    }

    private static TypedFieldError missing(String pointer, String expected) {
        return new TypedFieldError(ProblemType.MISSING_PROPERTY, pointer, pointer + " is required: " + expected);
    }

    private static TypedFieldError invalid(String pointer, String detail) {
        return new TypedFieldError(ProblemType.INVALID_VALUE, pointer, detail);
    }

    private static <E> String names(E[] values, Function<E, String> apiName) {
        return String.join(", ", Arrays.stream(values).map(apiName).toList());
    }

    static String shape(DMatrixRMaj matrix) {
        return matrix.numRows + "×" + matrix.numCols;
    }
}
