package dev.backprop.nn;

import java.util.Objects;
import org.ejml.data.DMatrixRMaj;

/**
 * One fully connected layer in the engine's orientation: s = z_{k-1}·W + b, then batch
 * normalization u = BN(s) when present (else u = s), then z = f(u), then dropout z ⊙ mask / q
 * when present. W is D_{k-1}×D_k and b, when present, 1×D_k.
 *
 * @param W the weights, D_{k-1}×D_k
 * @param b the bias, 1×D_k, or {@code null} for a layer without one
 * @param f the activation
 * @param batchNorm batch normalization between s and f, or {@code null}
 * @param dropout dropout after f, or {@code null}
 */
public record Layer(DMatrixRMaj W, DMatrixRMaj b, Activation f, BatchNorm batchNorm, Dropout dropout) {

    public Layer {
        Objects.requireNonNull(W, "W");
        Objects.requireNonNull(f, "f");
        if (b != null && (b.numRows != 1 || b.numCols != W.numCols)) {
            throw new IllegalArgumentException("b is " + b.numRows + "×" + b.numCols + " but W is " + W.numRows + "×"
                    + W.numCols + ", so b must be 1×" + W.numCols);
        }
        if (batchNorm != null && (batchNorm.gamma().getNumElements() != W.numCols)) {
            throw new IllegalArgumentException("γ has " + batchNorm.gamma().getNumElements() + " numbers but W is "
                    + W.numRows + "×" + W.numCols + ", so it must have " + W.numCols);
        }
    }

    /** A layer without batch normalization and dropout. */
    public Layer(DMatrixRMaj W, DMatrixRMaj b, Activation f) {
        this(W, b, f, null, null);
    }

    /** The same layer with other parameters (an optimizer's step); {@code batchNorm} may be {@code null}. */
    public Layer with(DMatrixRMaj W, DMatrixRMaj b, BatchNorm batchNorm) {
        return new Layer(W, b, f, batchNorm, dropout);
    }

    /** D_{k-1}, the number of inputs. */
    public int inputs() {
        return W.numRows;
    }

    /** D_k, the number of units. */
    public int units() {
        return W.numCols;
    }

    public boolean hasBias() {
        return b != null;
    }
}
