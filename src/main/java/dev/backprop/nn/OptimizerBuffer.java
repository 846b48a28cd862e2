package dev.backprop.nn;

/**
 * The per-parameter state buffers of {@code torch.optim}, each shaped like its parameter, named
 * as the API names them (torch's key in {@code optimizer.state[p]} beside each).
 */
public enum OptimizerBuffer implements ApiNamed {
    /** {@code momentum_buffer}: SGD's and RMSprop's velocity, kept only with momentum ≠ 0. */
    MOMENTUM_BUFFER("momentumBuffer", "sgd and rmsprop with momentum ≠ 0", false),
    /** {@code exp_avg}: Adam's first moment m_t. */
    EXP_AVG("expAvg", "adam and adamw", false),
    /** {@code exp_avg_sq}: Adam's second moment v_t. */
    EXP_AVG_SQ("expAvgSq", "adam and adamw", true),
    /** {@code max_exp_avg_sq}: AMSGrad's running maximum of v_t, kept only with amsgrad. */
    MAX_EXP_AVG_SQ("maxExpAvgSq", "adam and adamw with amsgrad", true),
    /** {@code square_avg}: RMSprop's running average of g². */
    SQUARE_AVG("squareAvg", "rmsprop", true),
    /** {@code grad_avg}: centered RMSprop's running average of g, kept only when centered. */
    GRAD_AVG("gradAvg", "rmsprop with centered", false),
    /** {@code sum}: Adagrad's accumulated Σ g². */
    SUM("sum", "adagrad", true);

    private final String apiName;
    private final String keptBy;
    private final boolean ofSquares;

    OptimizerBuffer(String apiName, String keptBy, boolean ofSquares) {
        this.apiName = apiName;
        this.keptBy = keptBy;
        this.ofSquares = ofSquares;
    }

    /** Which optimizers keep it, with which options, e.g. "adam and adamw with amsgrad". */
    public String keptBy() {
        return keptBy;
    }

    /**
     * Whether it accumulates squares g², so every entry is ≥ 0: the step divides by its square
     * root, which a negative entry makes NaN.
     */
    public boolean ofSquares() {
        return ofSquares;
    }

    @Override
    public String apiName() {
        return apiName;
    }

    /** The buffer with this API name, or {@code null}. */
    public static OptimizerBuffer fromApiName(String name) {
        return ApiNamed.find(values(), name);
    }
}
