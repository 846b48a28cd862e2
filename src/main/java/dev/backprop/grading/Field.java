package dev.backprop.grading;

import dev.backprop.backprop.Layout;
import dev.backprop.backprop.Orientation;
import dev.backprop.backprop.Quantity;
import dev.backprop.nn.BackpropResult;
import dev.backprop.nn.BatchNormForward;
import dev.backprop.nn.LayerGradients;
import dev.backprop.train.TrainResponse;
import org.ejml.data.DMatrixRMaj;

/**
 * The gradable quantities of a /backprop response, each read from an engine result and turned
 * into the layout's orientation (and back) by {@link Layout}. A scalar is 1×1 and a vector 1×D.
 */
enum Field {
    LOSS(Quantity.LOSS, "L", false),
    DATA_LOSS(Quantity.DATA_LOSS, "L_data", false),
    REGULARIZATION_LOSS(Quantity.REGULARIZATION_LOSS, "R", false),
    OUTPUT(Quantity.OUTPUT, "y_out", false),
    OUTPUT_GRADIENT(Quantity.OUTPUT_GRADIENT, "∂L/∂y_out", false),
    INPUT_GRADIENT(Quantity.INPUT_GRADIENT, "∂L/∂x", false),
    PRE_ACTIVATION(Quantity.PRE_ACTIVATION, "s_", true),
    ACTIVATION(Quantity.ACTIVATION, "z_", true),
    ACTIVATION_GRADIENT(Quantity.ACTIVATION_GRADIENT, "∂L/∂z_", true),
    DELTA(Quantity.DELTA, "δ_", true),
    WEIGHT_GRADIENT(Quantity.WEIGHT_GRADIENT, "∂L/∂W_", true),
    BIAS_GRADIENT(Quantity.BIAS_GRADIENT, "∂L/∂b_", true),
    BATCH_NORM_MEAN(Quantity.BATCH_NORM_MEAN, "μ_", true),
    BATCH_NORM_VARIANCE(Quantity.BATCH_NORM_VARIANCE, "σ²_", true),
    BATCH_NORM_NORMALIZED(Quantity.BATCH_NORM_NORMALIZED, "ŝ_", true),
    BATCH_NORM_OUTPUT(Quantity.BATCH_NORM_OUTPUT, "u_", true),
    BATCH_NORM_OUTPUT_DELTA(Quantity.BATCH_NORM_OUTPUT_DELTA, "∂L/∂u_", true),
    BATCH_NORM_GAMMA_GRADIENT(Quantity.BATCH_NORM_GAMMA_GRADIENT, "∂L/∂γ_", true),
    BATCH_NORM_BETA_GRADIENT(Quantity.BATCH_NORM_BETA_GRADIENT, "∂L/∂β_", true),
    // the fields of a /train answer: the parameters after the last step, and the losses on the way
    LOSS_HISTORY(Quantity.BIAS, "lossHistory", "the loss history", false),
    WEIGHTS(Quantity.WEIGHTS, "weights", "W_", true),
    BIAS(Quantity.BIAS, "bias", "b_", true),
    GAMMA(Quantity.BIAS, "batchNorm/gamma", "γ_", true),
    BETA(Quantity.BIAS, "batchNorm/beta", "β_", true);

    private final Quantity quantity;
    private final String property;
    private final String symbol;
    private final boolean perLayer;
    private final boolean trained;

    Field(Quantity quantity, String symbol, boolean perLayer) {
        this.quantity = quantity;
        // batch normalization's terms sit in the layer's batchNorm object, as in the /backprop response
        this.property = quantity.schema() == null ? quantity.property() : "batchNorm/" + quantity.property();
        this.symbol = symbol;
        this.perLayer = perLayer;
        this.trained = false;
    }

    /** A field of the /train answer, oriented as the quantity (a vector for the loss history, γ and β). */
    Field(Quantity quantity, String property, String symbol, boolean perLayer) {
        this.quantity = quantity;
        this.property = property;
        this.symbol = symbol;
        this.perLayer = perLayer;
        this.trained = true;
    }

    /** Whether each layer has one: a field of {@code layers[k]}, not of the answer itself. */
    boolean perLayer() {
        return perLayer;
    }

    /** Whether it is a field of the /train answer: a parameter after the steps, or the loss history. */
    boolean isTrained() {
        return trained;
    }

    /** The field's value in a /train answer, as it writes it; {@code null} where the answer has none. */
    DMatrixRMaj readTrained(TrainResponse answer, int i) {
        TrainResponse.TrainedLayer layer = answer.layers().get(i);
        return switch (this) {
            case LOSS_HISTORY -> vector(answer.lossHistory());
            case WEIGHTS -> layer.weights();
            case BIAS -> vector(layer.bias());
            case GAMMA ->
                layer.batchNorm() == null ? null : vector(layer.batchNorm().gamma());
            case BETA ->
                layer.batchNorm() == null ? null : vector(layer.batchNorm().beta());
            default -> null;
        };
    }

    /** The gradient a parameter of the /train answer steps along, or {@code null} for another field. */
    Field gradient() {
        return switch (this) {
            case WEIGHTS -> WEIGHT_GRADIENT;
            case BIAS -> BIAS_GRADIENT;
            case GAMMA -> BATCH_NORM_GAMMA_GRADIENT;
            case BETA -> BATCH_NORM_BETA_GRADIENT;
            default -> null;
        };
    }

    private static DMatrixRMaj vector(double[] values) {
        return values == null ? null : DMatrixRMaj.wrap(1, values.length, values.clone());
    }

    /** The pointer of this field of layer index {@code i} (ignored unless per layer), e.g. {@code /layers/0/delta}. */
    String pointer(int i) {
        return perLayer ? "/layers/" + i + "/" + property : "/" + property;
    }

    /** The note's symbol, e.g. δ_2 for layer index 1. */
    String symbol(int i) {
        return perLayer ? symbol + (i + 1) : symbol;
    }

    Orientation orientation() {
        return quantity.orientation();
    }

    /** Whether it is one number (the loss and its parts). */
    boolean isScalar() {
        return quantity.orientation() == Orientation.SCALAR;
    }

    /** Whether it is a vector, one number per unit (∂L/∂b_k, μ_k, ...). */
    boolean isVector() {
        return quantity.orientation() == Orientation.VECTOR;
    }

    /** Whether it is a loss (the total or its data part), which the loss's constants scale. */
    boolean isLoss() {
        return this == LOSS || this == DATA_LOSS;
    }

    boolean isGradient() {
        return switch (this) {
            case OUTPUT_GRADIENT,
                    INPUT_GRADIENT,
                    ACTIVATION_GRADIENT,
                    DELTA,
                    WEIGHT_GRADIENT,
                    BIAS_GRADIENT,
                    BATCH_NORM_OUTPUT_DELTA,
                    BATCH_NORM_GAMMA_GRADIENT,
                    BATCH_NORM_BETA_GRADIENT -> true;
            default -> false;
        };
    }

    /**
     * The field's value in an engine result, in the layout's orientation; {@code null} where the
     * problem has no such value (a layer without bias or batch normalization, a loss without y).
     */
    DMatrixRMaj read(Layout layout, BackpropResult result, int i) {
        if (trained) {
            return null;
        }
        int last = result.layers().size() - 1;
        LayerGradients layer = result.layers().get(perLayer ? i : last);
        BatchNormForward norm = layer.forward().batchNorm();
        if (quantity.schema() != null && norm == null) {
            return null;
        }
        return switch (this) {
            case LOSS -> result.hasDataLoss() ? scalar(result.loss()) : null;
            case DATA_LOSS -> result.hasDataLoss() ? scalar(result.dataLoss()) : null;
            case REGULARIZATION_LOSS -> scalar(result.regularizationLoss());
            case OUTPUT -> toLayout(layout, result.output());
            case OUTPUT_GRADIENT -> toLayout(layout, result.outputGradient());
            case INPUT_GRADIENT -> toLayout(layout, result.inputGradient());
            case PRE_ACTIVATION -> toLayout(layout, layer.s());
            case ACTIVATION -> toLayout(layout, layer.z());
            case ACTIVATION_GRADIENT -> toLayout(layout, layer.activationGradient());
            case DELTA -> toLayout(layout, layer.delta());
            case WEIGHT_GRADIENT -> toLayout(layout, layer.dW());
            case BIAS_GRADIENT -> layer.db();
            case BATCH_NORM_MEAN -> norm.mean();
            case BATCH_NORM_VARIANCE -> norm.variance();
            case BATCH_NORM_NORMALIZED -> toLayout(layout, norm.normalized());
            case BATCH_NORM_OUTPUT -> toLayout(layout, norm.output());
            case BATCH_NORM_OUTPUT_DELTA -> toLayout(layout, layer.outputDelta());
            case BATCH_NORM_GAMMA_GRADIENT -> layer.batchNorm().dGamma();
            case BATCH_NORM_BETA_GRADIENT -> layer.batchNorm().dBeta();
            default -> null;
        };
    }

    private static DMatrixRMaj scalar(double value) {
        return new DMatrixRMaj(new double[][] {{value}});
    }

    /** A value of this field in the engine's orientation → the layout's. */
    DMatrixRMaj toLayout(Layout layout, DMatrixRMaj engine) {
        return layout.out(quantity, engine);
    }

    /** A value of this field sent in the layout's orientation → the engine's orientation. */
    DMatrixRMaj toEngine(Layout layout, DMatrixRMaj sent) {
        return layout.in(quantity, sent);
    }

    /** The symbolic shape in the layout, e.g. {@code D_2×N} or {@code D_1×D_0}. */
    String shape(Layout layout, int i, int depth) {
        return layout.shape(quantity, perLayer ? i + 1 : depth);
    }
}
