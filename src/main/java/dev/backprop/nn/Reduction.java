package dev.backprop.nn;

/**
 * How a loss turns its terms into one number: ℓ_{n,j} for the element-wise losses (N·D_L terms),
 * ℓ_n for the per-sample losses (N terms).
 */
public enum Reduction implements ApiNamed {
    /** L = Σ terms (PyTorch {@code reduction='sum'}). */
    SUM("sum"),
    /** L = Σ terms / the number of terms (PyTorch {@code reduction='mean'}). */
    MEAN("mean"),
    /** L = Σ terms / N, the number of samples, whatever the number of terms. */
    BATCH_MEAN("batch-mean");

    private final String apiName;

    Reduction(String apiName) {
        this.apiName = apiName;
    }

    @Override
    public String apiName() {
        return apiName;
    }

    /** The divisor of the sum of the terms, for a loss with {@code terms} terms over N samples. */
    public double divisor(int terms, int N) {
        return switch (this) {
            case SUM -> 1;
            case MEAN -> terms;
            case BATCH_MEAN -> N;
        };
    }

    /** The divisor in LaTeX, for a loss whose number of terms is {@code termsLatex} (e.g. {@code N D_L}). */
    public String divisorLatex(String termsLatex) {
        return switch (this) {
            case SUM -> "1";
            case MEAN -> termsLatex;
            case BATCH_MEAN -> "N";
        };
    }

    /** The reduction with this API name, or {@code null}. */
    public static Reduction fromApiName(String name) {
        return ApiNamed.find(values(), name);
    }
}
