package dev.backprop.nn;

import org.ejml.data.DMatrixRMaj;

/**
 * The forward pass through one layer, N×D_k each.
 *
 * @param s the pre-activation s_k = z_{k-1}·W_k + b_k
 * @param batchNorm batch normalization's terms, or {@code null} for a layer without it
 * @param a f_k(u_k), before dropout (the activation's own output, which its derivative may use)
 * @param z the activation z_k: a after dropout, else a itself
 */
public record LayerForward(DMatrixRMaj s, BatchNormForward batchNorm, DMatrixRMaj a, DMatrixRMaj z) {

    /** A layer with neither batch normalization nor dropout: z = f(s). */
    public LayerForward(DMatrixRMaj s, DMatrixRMaj z) {
        this(s, null, z, z);
    }

    /**
     * Matrices for layer k's forward pass of N samples, aliased as the pass writes them: u_k is
     * s_k without batch normalization, z_k is f(u_k) without dropout.
     */
    static LayerForward newFor(Layer layer, int N) {
        int D = layer.units();
        DMatrixRMaj s = new DMatrixRMaj(N, D);
        BatchNormForward batchNorm =
                layer.batchNorm() == null ? null : layer.batchNorm().newForward(N);
        DMatrixRMaj a = new DMatrixRMaj(N, D);
        DMatrixRMaj z = layer.dropout() == null ? a : new DMatrixRMaj(N, D);
        return new LayerForward(s, batchNorm, a, z);
    }

    /** u_k, the activation's input: batch normalization's output, else s_k. */
    public DMatrixRMaj u() {
        return batchNorm == null ? s : batchNorm.output();
    }
}
