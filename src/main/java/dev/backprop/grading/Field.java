package dev.backprop.grading;

import dev.backprop.backprop.Layout;
import dev.backprop.backprop.Quantity;
import dev.backprop.nn.BackpropResult;
import dev.backprop.nn.LayerGradients;
import org.ejml.data.DMatrixRMaj;

/**
 * The gradable quantities of a /backprop response, each read from an engine result and turned
 * into the layout's orientation (and back) by {@link Layout}. A scalar is 1×1 and a vector 1×D.
 */
enum Field {
    LOSS(Quantity.LOSS, "L", false),
    OUTPUT(Quantity.OUTPUT, "y_out", false),
    OUTPUT_GRADIENT(Quantity.OUTPUT_GRADIENT, "∂L/∂y_out", false),
    PRE_ACTIVATION(Quantity.PRE_ACTIVATION, "s_", true),
    ACTIVATION(Quantity.ACTIVATION, "z_", true),
    DELTA(Quantity.DELTA, "δ_", true),
    WEIGHT_GRADIENT(Quantity.WEIGHT_GRADIENT, "∂L/∂W_", true),
    BIAS_GRADIENT(Quantity.BIAS_GRADIENT, "∂L/∂b_", true);

    private final Quantity quantity;
    private final String property;
    private final String symbol;
    private final boolean perLayer;

    Field(Quantity quantity, String symbol, boolean perLayer) {
        this.quantity = quantity;
        this.property = quantity.property();
        this.symbol = symbol;
        this.perLayer = perLayer;
    }

    /** The pointer of this field of layer index {@code i} (ignored unless per layer), e.g. {@code /layers/0/delta}. */
    String pointer(int i) {
        return perLayer ? "/layers/" + i + "/" + property : "/" + property;
    }

    /** The note's symbol, e.g. δ_2 for layer index 1. */
    String symbol(int i) {
        return perLayer ? symbol + (i + 1) : symbol;
    }

    boolean isGradient() {
        return this == OUTPUT_GRADIENT || this == DELTA || this == WEIGHT_GRADIENT || this == BIAS_GRADIENT;
    }

    /** The field's value in an engine result, in the layout's orientation; {@code null} for a layer without bias. */
    DMatrixRMaj read(Layout layout, BackpropResult result, int i) {
        int last = result.layers().size() - 1;
        LayerGradients layer = result.layers().get(perLayer ? i : last);
        return switch (this) {
            case LOSS -> new DMatrixRMaj(new double[][] {{result.loss()}});
            case OUTPUT -> toLayout(layout, result.output());
            case OUTPUT_GRADIENT -> toLayout(layout, result.outputGradient());
            case PRE_ACTIVATION -> toLayout(layout, layer.s());
            case ACTIVATION -> toLayout(layout, layer.z());
            case DELTA -> toLayout(layout, layer.delta());
            case WEIGHT_GRADIENT -> toLayout(layout, layer.dW());
            case BIAS_GRADIENT -> layer.db();
        };
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
