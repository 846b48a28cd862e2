package dev.backprop.nn;

import org.ejml.data.DMatrixRMaj;

/**
 * The losses L(y_out, y), each paired with its output gradient ∂L/∂y_out, defined exactly as the
 * PyTorch expression named beside it. y_out and y are N×D_L, one sample per row.
 */
public enum Loss implements ApiNamed {
    HALF_SSE("half-sse", "\\tfrac12 \\sum_{n,j} (y_{out} - y)^2", "0.5 * ((out - y)**2).sum()") {
        @Override
        public double value(DMatrixRMaj yOut, DMatrixRMaj y) {
            return 0.5 * sumOfSquaredErrors(yOut, y);
        }

        // ∂L/∂y_out = y_out − y
        @Override
        public void gradient(DMatrixRMaj yOut, DMatrixRMaj y, DMatrixRMaj dL) {
            scaledError(yOut, y, 1, dL);
        }
    },
    SSE("sse", "\\sum_{n,j} (y_{out} - y)^2", "((out - y)**2).sum()") {
        @Override
        public double value(DMatrixRMaj yOut, DMatrixRMaj y) {
            return sumOfSquaredErrors(yOut, y);
        }

        // ∂L/∂y_out = 2·(y_out − y)
        @Override
        public void gradient(DMatrixRMaj yOut, DMatrixRMaj y, DMatrixRMaj dL) {
            scaledError(yOut, y, 2, dL);
        }
    },
    MSE("mse", "\\frac{1}{N D_L} \\sum_{n,j} (y_{out} - y)^2", "nn.MSELoss()") {
        @Override
        public double value(DMatrixRMaj yOut, DMatrixRMaj y) {
            return sumOfSquaredErrors(yOut, y) / yOut.getNumElements();
        }

        // ∂L/∂y_out = 2/(N·D_L) · (y_out − y)
        @Override
        public void gradient(DMatrixRMaj yOut, DMatrixRMaj y, DMatrixRMaj dL) {
            scaledError(yOut, y, 2.0 / yOut.getNumElements(), dL);
        }
    },
    CROSS_ENTROPY(
            "cross-entropy",
            "-\\frac1N \\sum_n \\sum_j y_{nj} \\log \\operatorname{softmax}(y_{out})_{nj}",
            "nn.CrossEntropyLoss() with probability targets") {
        // L = −(1/N) Σ_n Σ_j y_nj · log softmax(y_out)_nj
        @Override
        public double value(DMatrixRMaj yOut, DMatrixRMaj y) {
            DMatrixRMaj logP = new DMatrixRMaj(yOut.numRows, yOut.numCols);
            Softmax.logRows(yOut, logP);
            int count = logP.getNumElements();
            double sum = 0;
            for (int i = 0; i < count; i++) {
                sum += y.data[i] * logP.data[i];
            }
            return -sum / yOut.numRows;
        }

        // ∂L/∂y_out = g − e^{log p}·Σ_j g_j with g = −y/N: log-softmax's backward, in PyTorch's order
        @Override
        public void gradient(DMatrixRMaj yOut, DMatrixRMaj y, DMatrixRMaj dL) {
            Softmax.logRows(yOut, dL);
            int N = yOut.numRows;
            int D = yOut.numCols;
            for (int row = 0; row < N; row++) {
                int start = row * D;
                double gSum = 0;
                for (int j = start; j < start + D; j++) {
                    gSum += -y.data[j] / N;
                }
                for (int j = start; j < start + D; j++) {
                    dL.data[j] = -y.data[j] / N - Math.exp(dL.data[j]) * gSum;
                }
            }
        }
    },
    BINARY_CROSS_ENTROPY(
            "binary-cross-entropy",
            "\\frac{1}{N D_L} \\sum_{n,j} \\left[(1 - y)\\,y_{out} + \\ln(1 + e^{-y_{out}})\\right]",
            "nn.BCEWithLogitsLoss()") {
        // ℓ = (1 − y)·x + max(−x, 0) + ln(e^{−max(−x,0)} + e^{−x−max(−x,0)}), mean over all elements
        @Override
        public double value(DMatrixRMaj yOut, DMatrixRMaj y) {
            int count = yOut.getNumElements();
            double sum = 0;
            for (int i = 0; i < count; i++) {
                double x = yOut.data[i];
                double maxVal = Math.max(-x, 0);
                sum += (1 - y.data[i]) * x + maxVal + Math.log(Math.exp(-maxVal) + Math.exp(-x - maxVal));
            }
            return sum / count;
        }

        // ∂L/∂y_out = (σ(y_out) − y) / (N·D_L)
        @Override
        public void gradient(DMatrixRMaj yOut, DMatrixRMaj y, DMatrixRMaj dL) {
            int count = yOut.getNumElements();
            for (int i = 0; i < count; i++) {
                double sigma = 1 / (1 + Math.exp(-yOut.data[i]));
                dL.data[i] = (sigma - y.data[i]) / count;
            }
        }
    };

    private final String apiName;
    private final String latex;
    private final String pytorch;

    Loss(String apiName, String latex, String pytorch) {
        this.apiName = apiName;
        this.latex = latex;
        this.pytorch = pytorch;
    }

    /** L(y_out, y), a scalar. Changes neither argument. */
    public abstract double value(DMatrixRMaj yOut, DMatrixRMaj y);

    /** ∂L/∂y_out, N×D_L. Writes only {@code dL}. */
    public abstract void gradient(DMatrixRMaj yOut, DMatrixRMaj y, DMatrixRMaj dL);

    /** The name used in the public API, e.g. {@code half-sse}. */
    @Override
    public String apiName() {
        return apiName;
    }

    /** L in LaTeX. */
    public String latex() {
        return latex;
    }

    /** The PyTorch expression that defines it. */
    public String pytorch() {
        return pytorch;
    }

    /** ∂L/∂y_out in LaTeX, for N×D_L matrices (one sample per row). */
    public String gradientLatex() {
        return switch (this) {
            case HALF_SSE -> "y_{out} - y";
            case SSE -> "2\\,(y_{out} - y)";
            case MSE -> "\\frac{2}{N D_L}\\,(y_{out} - y)";
            case CROSS_ENTROPY -> "\\frac{1}{N}\\left(\\operatorname{softmax}(y_{out}) - y\\right)";
            case BINARY_CROSS_ENTROPY -> "\\frac{1}{N D_L}\\left(\\sigma(y_{out}) - y\\right)";
        };
    }

    /** The loss with this API name, or {@code null}. */
    public static Loss fromApiName(String name) {
        return ApiNamed.find(values(), name);
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
