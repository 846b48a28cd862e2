package dev.backprop.nn;

/**
 * The per-parameter state buffers of {@code torch.optim}, each shaped like its parameter, named
 * as the API names them (torch's key in {@code optimizer.state[p]} beside each).
 */
public enum OptimizerBuffer implements ApiNamed {
    /** {@code momentum_buffer}: SGD's and RMSprop's velocity, kept only with momentum ≠ 0. */
    MOMENTUM_BUFFER("momentumBuffer", "sgd and rmsprop with momentum ≠ 0"),
    /** {@code exp_avg}: Adam's first moment m_t. */
    EXP_AVG("expAvg", "adam and adamw"),
    /** {@code exp_avg_sq}: Adam's second moment v_t. */
    EXP_AVG_SQ("expAvgSq", "adam and adamw"),
    /** {@code max_exp_avg_sq}: AMSGrad's running maximum of v_t, kept only with amsgrad. */
    MAX_EXP_AVG_SQ("maxExpAvgSq", "adam and adamw with amsgrad"),
    /** {@code square_avg}: RMSprop's running average of g². */
    SQUARE_AVG("squareAvg", "rmsprop"),
    /** {@code grad_avg}: centered RMSprop's running average of g, kept only when centered. */
    GRAD_AVG("gradAvg", "rmsprop with centered"),
    /** {@code sum}: Adagrad's accumulated Σ g². */
    SUM("sum", "adagrad");

    private final String apiName;
    private final String keptBy;

    OptimizerBuffer(String apiName, String keptBy) {
        this.apiName = apiName;
        this.keptBy = keptBy;
    }

    /** Which optimizers keep it, with which options, e.g. "adam and adamw with amsgrad". */
    public String keptBy() {
        return keptBy;
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
