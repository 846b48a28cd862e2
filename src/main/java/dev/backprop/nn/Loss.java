package dev.backprop.nn;

import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * The losses, each a sum of terms paired with the gradient of that sum, defined exactly as the
 * PyTorch expression named beside it. y_out and y are N×D_L, one sample per row. The element-wise
 * losses have a term ℓ_{n,j} per entry, the per-sample losses ({@link #perSample()}) a term ℓ_n
 * per sample; a {@link Reduction} divides the sum of the terms (see {@link LossFunction}).
 */
public enum Loss implements ApiNamed {
    HALF_SSE("half-sse", "\\tfrac12 (y_{out} - y)^2", "0.5 * ((out - y)**2).sum()", Reduction.SUM) {
        @Override
        double sum(DMatrixRMaj yOut, DMatrixRMaj y, boolean probabilities) {
            return 0.5 * sumOfSquaredErrors(yOut, y);
        }

        // ∂L/∂y_out = (y_out − y) / d
        @Override
        void gradient(DMatrixRMaj yOut, DMatrixRMaj y, boolean probabilities, double d, DMatrixRMaj dL) {
            int count = yOut.getNumElements();
            for (int i = 0; i < count; i++) {
                dL.data[i] = (yOut.data[i] - y.data[i]) / d;
            }
        }
    },
    SSE("sse", "(y_{out} - y)^2", "((out - y)**2).sum()", Reduction.SUM) {
        @Override
        double sum(DMatrixRMaj yOut, DMatrixRMaj y, boolean probabilities) {
            return sumOfSquaredErrors(yOut, y);
        }

        // ∂L/∂y_out = 2/d · (y_out − y)
        @Override
        void gradient(DMatrixRMaj yOut, DMatrixRMaj y, boolean probabilities, double d, DMatrixRMaj dL) {
            scaledError(yOut, y, 2 / d, dL);
        }
    },
    MSE("mse", "(y_{out} - y)^2", "nn.MSELoss()", Reduction.MEAN) {
        @Override
        double sum(DMatrixRMaj yOut, DMatrixRMaj y, boolean probabilities) {
            return sumOfSquaredErrors(yOut, y);
        }

        // ∂L/∂y_out = 2/d · (y_out − y)
        @Override
        void gradient(DMatrixRMaj yOut, DMatrixRMaj y, boolean probabilities, double d, DMatrixRMaj dL) {
            scaledError(yOut, y, 2.0 / d, dL);
        }
    },
    CROSS_ENTROPY(
            "cross-entropy",
            "-\\sum_j y_{nj} \\log p_{nj}",
            "nn.CrossEntropyLoss() with probability targets; on probabilities -torch.special.xlogy(y, p).sum(1)",
            Reduction.MEAN) {
        @Override
        double sum(DMatrixRMaj yOut, DMatrixRMaj y, boolean probabilities) {
            int count = yOut.getNumElements();
            double sum = 0;
            if (probabilities) {
                // ℓ_n = −Σ_j y_nj · log p_nj, a term with y_nj = 0 being 0
                for (int i = 0; i < count; i++) {
                    sum += y.data[i] == 0 ? 0 : y.data[i] * Math.log(yOut.data[i]);
                }
                return -sum;
            }
            // ℓ_n = −Σ_j y_nj · log softmax(y_out)_nj, log softmax row by row as Softmax.logRows takes it
            int D = yOut.numCols;
            for (int row = 0; row < yOut.numRows; row++) {
                int start = row * D;
                double max = Softmax.rowMax(yOut.data, start, D);
                double logSum = Softmax.logSumExp(yOut.data, start, D, max);
                for (int j = start; j < start + D; j++) {
                    sum += y.data[j] * (yOut.data[j] - max - logSum);
                }
            }
            return -sum;
        }

        @Override
        void gradient(DMatrixRMaj yOut, DMatrixRMaj y, boolean probabilities, double d, DMatrixRMaj dL) {
            if (probabilities) {
                // ∂L/∂p_nj = −y_nj / (d·p_nj), 0 where y_nj = 0
                int count = yOut.getNumElements();
                for (int i = 0; i < count; i++) {
                    dL.data[i] = y.data[i] == 0 ? 0 : -(y.data[i] / d) / yOut.data[i];
                }
                return;
            }
            // ∂L/∂y_out = g − e^{log p}·Σ_j g_j with g = −y/d: log-softmax's backward, in PyTorch's order
            Softmax.logRows(yOut, dL);
            int N = yOut.numRows;
            int D = yOut.numCols;
            for (int row = 0; row < N; row++) {
                int start = row * D;
                double gSum = 0;
                for (int j = start; j < start + D; j++) {
                    gSum += -y.data[j] / d;
                }
                for (int j = start; j < start + D; j++) {
                    dL.data[j] = -y.data[j] / d - Math.exp(dL.data[j]) * gSum;
                }
            }
        }
    },
    BINARY_CROSS_ENTROPY(
            "binary-cross-entropy",
            "(1 - y)\\,y_{out} + \\ln(1 + e^{-y_{out}})",
            "nn.BCEWithLogitsLoss(); on probabilities F.binary_cross_entropy",
            Reduction.MEAN) {
        @Override
        double sum(DMatrixRMaj yOut, DMatrixRMaj y, boolean probabilities) {
            int count = yOut.getNumElements();
            double sum = 0;
            for (int i = 0; i < count; i++) {
                double x = yOut.data[i];
                double t = y.data[i];
                if (probabilities) {
                    sum += probabilityTerm(x, t, Logarithm.log(logArgument(x, t)));
                } else {
                    // ℓ = (1 − y)·x + max(−x, 0) + ln(e^{−max(−x,0)} + e^{−x−max(−x,0)})
                    double maxVal = Math.max(-x, 0);
                    sum += (1 - t) * x + maxVal + Math.log(Math.exp(-maxVal) + Math.exp(-x - maxVal));
                }
            }
            return sum;
        }

        // the same sum, the logarithm each term needs in three passes over the scratch (Logarithm)
        @Override
        double sum(DMatrixRMaj yOut, DMatrixRMaj y, boolean probabilities, DMatrixRMaj scratch) {
            if (!probabilities) {
                return sum(yOut, y, false);
            }
            int count = yOut.getNumElements();
            double[] a = yOut.data;
            double[] t = y.data;
            double[] logs = scratch.data;
            for (int i = 0; i < count; i++) {
                logs[i] = Logarithm.mantissa(logArgument(a[i], t[i]));
            }
            for (int i = 0; i < count; i++) {
                logs[i] = Logarithm.ofMantissa(logs[i]);
            }
            double sum = 0;
            for (int i = 0; i < count; i++) {
                sum += probabilityTerm(a[i], t[i], Logarithm.combine(logArgument(a[i], t[i]), logs[i]));
            }
            return sum;
        }

        @Override
        void gradient(DMatrixRMaj yOut, DMatrixRMaj y, boolean probabilities, double d, DMatrixRMaj dL) {
            int count = yOut.getNumElements();
            for (int i = 0; i < count; i++) {
                double x = yOut.data[i];
                if (probabilities) {
                    // ∂ℓ/∂a = (a − y) / max(a·(1 − a), ε), ε PyTorch's float32 1e-12
                    dL.data[i] = (x - y.data[i]) / Math.max((1 - x) * x, BCE_EPSILON) / d;
                } else {
                    // ∂ℓ/∂x = σ(x) − y
                    double sigma = 1 / (1 + Math.exp(-x));
                    dL.data[i] = (sigma - y.data[i]) / d;
                }
            }
        }
    },
    HINGE("hinge", "\\max(0,\\ 1 - y\\,y_{out})", "F.relu(1 - y*out)", Reduction.MEAN) {
        @Override
        double sum(DMatrixRMaj yOut, DMatrixRMaj y, boolean probabilities) {
            int count = yOut.getNumElements();
            double sum = 0;
            for (int i = 0; i < count; i++) {
                sum += Math.max(0, 1 - y.data[i] * yOut.data[i]);
            }
            return sum;
        }

        // ∂ℓ/∂y_out = −y where 1 − y·y_out > 0, else 0 (0 exactly at the hinge)
        @Override
        void gradient(DMatrixRMaj yOut, DMatrixRMaj y, boolean probabilities, double d, DMatrixRMaj dL) {
            int count = yOut.getNumElements();
            for (int i = 0; i < count; i++) {
                dL.data[i] = 1 - y.data[i] * yOut.data[i] > 0 ? -y.data[i] / d : 0;
            }
        }
    },
    MULTICLASS_HINGE(
            "multiclass-hinge",
            "\\sum_{j \\ne c_n} \\max(0,\\ y_{out,nj} - y_{out,nc_n} + 1)",
            "(F.relu(out - out.gather(1, c) + 1) * (1 - y)).sum(1)",
            Reduction.MEAN) {
        @Override
        double sum(DMatrixRMaj yOut, DMatrixRMaj y, boolean probabilities) {
            int D = yOut.numCols;
            double sum = 0;
            for (int n = 0; n < yOut.numRows; n++) {
                int c = classOf(y, n);
                double correct = yOut.get(n, c);
                for (int j = 0; j < D; j++) {
                    if (j != c) {
                        sum += Math.max(0, yOut.get(n, j) - correct + 1);
                    }
                }
            }
            return sum;
        }

        // ∂ℓ_n/∂y_out_nj = 1 for each j ≠ c_n with a positive margin; ∂ℓ_n/∂y_out_nc = −(their number); 0 at the kink
        @Override
        void gradient(DMatrixRMaj yOut, DMatrixRMaj y, boolean probabilities, double d, DMatrixRMaj dL) {
            int D = yOut.numCols;
            for (int n = 0; n < yOut.numRows; n++) {
                int c = classOf(y, n);
                double correct = yOut.get(n, c);
                int violations = 0;
                for (int j = 0; j < D; j++) {
                    boolean violated = j != c && yOut.get(n, j) - correct + 1 > 0;
                    dL.set(n, j, violated ? 1 / d : 0);
                    violations += violated ? 1 : 0;
                }
                dL.set(n, c, -violations / d);
            }
        }
    };

    /** PyTorch's clamp of the logarithms of binary cross-entropy on probabilities. */
    static final double LOG_CLAMP = -100;
    /** PyTorch's EPSILON of binary_cross_entropy_backward: the float 1e-12, as a double. */
    static final double BCE_EPSILON = (double) 1e-12f;

    private final String apiName;
    private final String termLatex;
    private final String pytorch;
    private final Reduction defaultReduction;

    Loss(String apiName, String termLatex, String pytorch, Reduction defaultReduction) {
        this.apiName = apiName;
        this.termLatex = termLatex;
        this.pytorch = pytorch;
        this.defaultReduction = defaultReduction;
    }

    /** Σ of the terms, a scalar. Changes neither argument. */
    abstract double sum(DMatrixRMaj yOut, DMatrixRMaj y, boolean probabilities);

    /**
     * {@link #sum(DMatrixRMaj, DMatrixRMaj, boolean)}, with the bits it has, for a loss that goes
     * faster with an N×D_L matrix to write over: {@code scratch}, which it may change.
     */
    double sum(DMatrixRMaj yOut, DMatrixRMaj y, boolean probabilities, DMatrixRMaj scratch) {
        return sum(yOut, y, probabilities);
    }

    /** ∂(Σ terms / d)/∂y_out, N×D_L. Writes only {@code dL}. */
    abstract void gradient(DMatrixRMaj yOut, DMatrixRMaj y, boolean probabilities, double d, DMatrixRMaj dL);

    /** The name used in the public API, e.g. {@code half-sse}. */
    @Override
    public String apiName() {
        return apiName;
    }

    /** Whether the loss has one term per sample (ℓ_n), not one per entry (ℓ_{n,j}). */
    public boolean perSample() {
        return this == CROSS_ENTROPY || this == MULTICLASS_HINGE;
    }

    /** Whether the loss may take its input as probabilities instead of logits. */
    public boolean hasProbabilityInput() {
        return this == CROSS_ENTROPY || this == BINARY_CROSS_ENTROPY;
    }

    /** The reduction when a request names none (release 1's). */
    public Reduction defaultReduction() {
        return defaultReduction;
    }

    /** The number of terms for an N×D_L output. */
    public int terms(int N, int D) {
        return perSample() ? N : N * D;
    }

    /** One term, ℓ_{n,j} or ℓ_n, in LaTeX (with logits: p = softmax(y_out)). */
    public String termLatex() {
        return termLatex;
    }

    /** L with the default reduction in LaTeX. */
    public String latex() {
        return new LossFunction(this, defaultReduction, false).latex();
    }

    /** The PyTorch expression that defines it. */
    public String pytorch() {
        return pytorch;
    }

    /**
     * The only values a target of this loss may take, or none for any finite number: −1 and +1 for
     * hinge, 0 and 1 for multiclass-hinge (whose targets are also {@link #oneHotTargets one-hot}).
     */
    public List<Double> targetValues() {
        return switch (this) {
            case HINGE -> List.of(-1.0, 1.0);
            case MULTICLASS_HINGE -> List.of(0.0, 1.0);
            default -> List.of();
        };
    }

    /** Whether each sample's targets are one-hot: a single 1, at its class. */
    public boolean oneHotTargets() {
        return this == MULTICLASS_HINGE;
    }

    /**
     * The index (row-major) of the first target this loss does not accept, or −1: hinge needs
     * every target −1 or +1, multiclass-hinge a one-hot row per sample.
     */
    public int firstInvalidTarget(DMatrixRMaj y) {
        if (this == HINGE) {
            List<Double> allowed = targetValues();
            for (int i = 0; i < y.getNumElements(); i++) {
                if (!allowed.contains(y.data[i])) {
                    return i;
                }
            }
        } else if (oneHotTargets()) {
            for (int n = 0; n < y.numRows; n++) {
                int ones = 0;
                for (int j = 0; j < y.numCols; j++) {
                    double v = y.get(n, j);
                    if ((v != 0 && v != 1) || (v == 1 && ++ones > 1)) {
                        return n * y.numCols + j;
                    }
                }
                if (ones == 0) {
                    return n * y.numCols;
                }
            }
        }
        return -1;
    }

    /** The loss with this API name, or {@code null}. */
    public static Loss fromApiName(String name) {
        return ApiNamed.find(values(), name);
    }

    /** The argument of the logarithm a binary cross-entropy term on a probability needs most: a for y = 1, else 1 − a. */
    private static double logArgument(double a, double t) {
        return t == 1 ? a : 1 - a;
    }

    /**
     * ℓ = (y − 1)·max(log(1 − a), −100) − y·max(log a, −100), PyTorch's clamp, given {@code log} =
     * Logarithm.log({@link #logArgument}(a, y)). A logarithm multiplied by 0 (a target of 0 or 1)
     * is not taken unless a is outside [0, 1], where it is NaN; log(1 − a) is log1p(−a) near a = 0,
     * where 1 − a would round away the digits that matter (elsewhere within 2e-11 relative).
     */
    private static double probabilityTerm(double a, double t, double log) {
        double logA = t == 0 && a >= 0 ? 0 : Math.max(t == 1 ? log : Logarithm.log(a), LOG_CLAMP);
        double log1mA = t == 1 && a <= 1
                ? 0
                : Math.max(Math.abs(a) < 1e-5 ? Math.log1p(-a) : t == 1 ? Logarithm.log(1 - a) : log, LOG_CLAMP);
        return (t - 1) * log1mA - t * logA;
    }

    private static int classOf(DMatrixRMaj y, int n) {
        for (int j = 0; j < y.numCols; j++) {
            if (y.get(n, j) == 1) {
                return j;
            }
        }
        throw new IllegalArgumentException("row " + n + " of y is not one-hot");
    }

    private static double sumOfSquaredErrors(DMatrixRMaj yOut, DMatrixRMaj y) {
        int count = yOut.getNumElements();
        double sum = 0;
        for (int i = 0; i < count; i++) {
            double d = yOut.data[i] - y.data[i];
            sum += d * d;
        }
        return sum;
    }

    private static void scaledError(DMatrixRMaj yOut, DMatrixRMaj y, double factor, DMatrixRMaj dL) {
        int count = yOut.getNumElements();
        for (int i = 0; i < count; i++) {
            dL.data[i] = factor * (yOut.data[i] - y.data[i]);
        }
    }
}
