package dev.backprop.backprop;

/**
 * Every quantity of a request or an answer, with its orientation: the one table that the
 * conversion ({@link Layout}), the validation, the OpenAPI description, the grader and /explain
 * read. Its shape in a layout is {@link Layout#shape(Quantity)}.
 */
public enum Quantity {
    X("x", "x", Orientation.SAMPLES, "D_0", null),
    Y("y", "y", Orientation.SAMPLES, "D_L", null),
    WEIGHTS("weights", "W_k", Orientation.WEIGHTS, "D_k", null),
    BIAS("bias", "b_k", Orientation.VECTOR, "D_k", null),
    PRE_ACTIVATION("preActivation", "s_k", Orientation.SAMPLES, "D_k", null),
    ACTIVATION("activation", "z_k", Orientation.SAMPLES, "D_k", null),
    OUTPUT("output", "y_{out}", Orientation.SAMPLES, "D_L", null),
    LOSS("loss", "L", Orientation.SCALAR, "", null),
    DATA_LOSS("dataLoss", "L_{data}", Orientation.SCALAR, "", null),
    REGULARIZATION_LOSS("regularizationLoss", "R", Orientation.SCALAR, "", null),
    DELTA("delta", "\\delta_k", Orientation.BACKWARD, "D_k", null),
    ACTIVATION_GRADIENT("activationGradient", "\\partial L/\\partial z_k", Orientation.BACKWARD, "D_k", null),
    OUTPUT_GRADIENT("outputGradient", "\\partial L/\\partial y_{out}", Orientation.BACKWARD, "D_L", null),
    INPUT_GRADIENT("inputGradient", "\\partial L/\\partial x", Orientation.BACKWARD, "D_0", null),
    WEIGHT_GRADIENT("weightGradient", "\\partial L/\\partial W_k", Orientation.WEIGHTS, "D_k", null),
    BIAS_GRADIENT("biasGradient", "\\partial L/\\partial b_k", Orientation.VECTOR, "D_k", null),
    DROPOUT_MASK("mask", "m_k", Orientation.SAMPLES, "D_k", "DropoutRequest"),
    BATCH_NORM_MEAN("mean", "\\mu_k", Orientation.VECTOR, "D_k", "BatchNormResponse"),
    BATCH_NORM_VARIANCE("variance", "\\sigma_k^2", Orientation.VECTOR, "D_k", "BatchNormResponse"),
    BATCH_NORM_NORMALIZED("normalized", "\\hat s_k", Orientation.SAMPLES, "D_k", "BatchNormResponse"),
    BATCH_NORM_OUTPUT("output", "u_k", Orientation.SAMPLES, "D_k", "BatchNormResponse"),
    BATCH_NORM_OUTPUT_DELTA(
            "outputDelta", "\\partial L/\\partial u_k", Orientation.BACKWARD, "D_k", "BatchNormResponse"),
    BATCH_NORM_GAMMA_GRADIENT(
            "gammaGradient", "\\partial L/\\partial \\gamma_k", Orientation.VECTOR, "D_k", "BatchNormResponse"),
    BATCH_NORM_BETA_GRADIENT(
            "betaGradient", "\\partial L/\\partial \\beta_k", Orientation.VECTOR, "D_k", "BatchNormResponse");

    private final String property;
    private final String latex;
    private final Orientation orientation;
    private final String units;
    private final String schema;

    Quantity(String property, String latex, Orientation orientation, String units, String schema) {
        this.property = property;
        this.latex = latex;
        this.orientation = orientation;
        this.units = units;
        this.schema = schema;
    }

    /** The JSON property that holds it. */
    public String property() {
        return property;
    }

    /** Its symbol in LaTeX, with k for the layer. */
    public String latex() {
        return latex;
    }

    public Orientation orientation() {
        return orientation;
    }

    /** The symbol of its number of units (D_0, D_k or D_L), or "" for a scalar. */
    public String units() {
        return units;
    }

    /**
     * The one schema whose property it is (e.g. {@code BatchNormResponse}), or {@code null} for a
     * property of that name in any schema.
     */
    public String schema() {
        return schema;
    }

    /** The quantity that the property {@code name} of the schema {@code schemaName} holds, or {@code null}. */
    public static Quantity of(String schemaName, String name) {
        Quantity anywhere = null;
        for (Quantity quantity : values()) {
            if (quantity.property.equals(name)) {
                if (schemaName != null && schemaName.equals(quantity.schema)) {
                    return quantity;
                }
                if (quantity.schema == null) {
                    anywhere = quantity;
                }
            }
        }
        return anywhere;
    }
}
