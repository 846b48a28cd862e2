package dev.backprop.backprop;

/**
 * The kinds of quantity whose orientation a {@link Layout} decides. The engine holds every one of
 * them in one orientation: samples N×D, weights D_{k-1}×D_k, vectors 1×D.
 */
public enum Orientation {
    /** The forward pass's matrices, one entry per sample and unit: x, y, s_k, z_k, y_out. */
    SAMPLES,
    /** The backward pass's matrices, one entry per sample and unit: δ_k, ∂L/∂z_k, ∂L/∂y_out, ∂L/∂x. */
    BACKWARD,
    /** W_k and ∂L/∂W_k. */
    WEIGHTS,
    /** A vector of one number per unit (b_k, γ, β, μ, …): the same in every layout. */
    VECTOR,
    /** One number. */
    SCALAR
}
