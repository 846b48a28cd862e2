package dev.backprop.nn;

import java.util.Objects;
import org.ejml.data.DMatrixRMaj;

/**
 * Inverted dropout with a given mask, as PyTorch's with p = 1 − q: z = f(u) ⊙ mask / q, and in
 * the backward pass ∂L/∂f(u) = ∂L/∂z ⊙ mask / q.
 *
 * @param mask 0 or 1 per entry, N×D_k
 * @param keepProbability q, in (0, 1]
 */
public record Dropout(DMatrixRMaj mask, double keepProbability) {

    public Dropout {
        Objects.requireNonNull(mask, "mask");
        if (!(keepProbability > 0 && keepProbability <= 1)) {
            throw new IllegalArgumentException("keepProbability must be in (0, 1], not " + keepProbability);
        }
    }

    /** out = in ⊙ mask / q; {@code out} may be {@code in}. */
    public void apply(DMatrixRMaj in, DMatrixRMaj out) {
        double[] m = mask.data;
        for (int i = 0; i < in.getNumElements(); i++) {
            out.data[i] = in.data[i] * m[i] / keepProbability;
        }
    }
}
