package dev.backprop.nn;

import java.util.Objects;
import org.ejml.data.DMatrixRMaj;

/**
 * A loss as a request chooses it: L = (Σ terms) / d, with d given by the reduction.
 *
 * @param loss the terms ℓ
 * @param reduction how the terms are summed up
 * @param probabilities whether y_out is taken as probabilities (cross-entropy and binary
 *     cross-entropy only) instead of logits
 */
public record LossFunction(Loss loss, Reduction reduction, boolean probabilities) {

    public LossFunction {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(reduction, "reduction");
        if (probabilities && !loss.hasProbabilityInput()) {
            throw new IllegalArgumentException(loss.apiName() + " takes no probabilities");
        }
    }

    /** The loss with its default reduction, on logits: release 1's meaning of its name. */
    public static LossFunction of(Loss loss) {
        return new LossFunction(loss, loss.defaultReduction(), false);
    }

    /** L(y_out, y), a scalar. Changes neither argument. */
    public double value(DMatrixRMaj yOut, DMatrixRMaj y) {
        return loss.sum(yOut, y, probabilities) / divisor(yOut);
    }

    /**
     * L(y_out, y), the same bits as {@link #value(DMatrixRMaj, DMatrixRMaj)}, with an N×D_L matrix
     * to write over, {@code scratch}, which makes some losses faster (a training step's ∂L/∂y_out,
     * before it is computed). Changes neither y_out nor y.
     */
    public double value(DMatrixRMaj yOut, DMatrixRMaj y, DMatrixRMaj scratch) {
        return loss.sum(yOut, y, probabilities, scratch) / divisor(yOut);
    }

    /** ∂L/∂y_out, N×D_L. Writes only {@code dL}. */
    public void gradient(DMatrixRMaj yOut, DMatrixRMaj y, DMatrixRMaj dL) {
        loss.gradient(yOut, y, probabilities, divisor(yOut), dL);
    }

    /**
     * The index (row-major) of the first output the loss cannot take, or −1: a probability
     * outside [0, 1] for binary cross-entropy, a probability ≤ 0 where the target is not 0 for
     * cross-entropy (whose log would not be finite).
     */
    public int firstInvalidOutput(DMatrixRMaj yOut, DMatrixRMaj y) {
        if (!probabilities) {
            return -1;
        }
        for (int i = 0; i < yOut.getNumElements(); i++) {
            double p = yOut.data[i];
            boolean invalid = loss == Loss.BINARY_CROSS_ENTROPY ? !(p >= 0 && p <= 1) : y.data[i] != 0 && !(p > 0);
            if (invalid) {
                return i;
            }
        }
        return -1;
    }

    /** L in LaTeX, for N×D_L matrices (one sample per row). */
    public String latex() {
        String terms = loss.perSample() ? "N" : "N D_L";
        String divisor = reduction.divisorLatex(terms);
        String sum = loss.perSample() ? "\\sum_n " : "\\sum_{n,j} ";
        String p = loss == Loss.CROSS_ENTROPY
                ? (probabilities ? ",\\ p = y_{out}" : ",\\ p = \\operatorname{softmax}(y_{out})")
                : "";
        String term = loss == Loss.BINARY_CROSS_ENTROPY && probabilities
                ? "-\\left[y \\log y_{out} + (1 - y) \\log(1 - y_{out})\\right]"
                : loss.termLatex();
        return (divisor.equals("1") ? "" : "\\frac{1}{" + divisor + "} ") + sum + term + p;
    }

    /** ∂L/∂y_out in LaTeX. */
    public String gradientLatex() {
        String terms = loss.perSample() ? "N" : "N D_L";
        String divisor = reduction.divisorLatex(terms);
        String over = divisor.equals("1") ? "" : "\\frac{1}{" + divisor + "}";
        return switch (loss) {
            case HALF_SSE -> over + "(y_{out} - y)";
            case SSE, MSE -> (divisor.equals("1") ? "2" : "\\frac{2}{" + divisor + "}") + "\\,(y_{out} - y)";
            case CROSS_ENTROPY ->
                probabilities
                        ? "-" + over + "\\,\\frac{y}{y_{out}}"
                        : over + "\\left(\\operatorname{softmax}(y_{out}) - y\\right)";
            case BINARY_CROSS_ENTROPY ->
                probabilities
                        ? over + "\\,\\frac{y_{out} - y}{y_{out}(1 - y_{out})}"
                        : over + "\\left(\\sigma(y_{out}) - y\\right)";
            case HINGE -> "-" + over + "\\,y \\odot [1 - y\\,y_{out} > 0]";
            case MULTICLASS_HINGE -> over + "\\,\\partial_{y_{out}} \\sum_{j \\ne c_n} \\max(0, \\dots)";
        };
    }

    private double divisor(DMatrixRMaj yOut) {
        return reduction.divisor(loss.terms(yOut.numRows, yOut.numCols), yOut.numRows);
    }
}
