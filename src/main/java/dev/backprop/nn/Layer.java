package dev.backprop.nn;

import java.util.Objects;
import org.ejml.data.DMatrixRMaj;

/**
 * One fully connected layer, s = z_{k-1}·W + b, z = f(s), in the engine's orientation: W is
 * D_{k-1}×D_k and b, when present, is 1×D_k.
 *
 * @param W the weights, D_{k-1}×D_k
 * @param b the bias, 1×D_k, or {@code null} for a layer without one
 * @param f the activation
 */
public record Layer(DMatrixRMaj W, DMatrixRMaj b, Activation f) {

    public Layer {
        Objects.requireNonNull(W, "W");
        Objects.requireNonNull(f, "f");
        if (b != null && (b.numRows != 1 || b.numCols != W.numCols)) {
            throw new IllegalArgumentException("b is " + b.numRows + "×" + b.numCols + " but W is " + W.numRows + "×"
                    + W.numCols + ", so b must be 1×" + W.numCols);
        }
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
