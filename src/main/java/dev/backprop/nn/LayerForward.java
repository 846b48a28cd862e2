package dev.backprop.nn;

import org.ejml.data.DMatrixRMaj;

/**
 * The forward pass through one layer, N×D_k each.
 *
 * @param s the pre-activation s_k
 * @param z the activation z_k = f(s_k)
 */
public record LayerForward(DMatrixRMaj s, DMatrixRMaj z) {}
