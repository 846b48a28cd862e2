package dev.backprop.nn;

import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * The forward and backward pass of a network on one minibatch.
 *
 * @param loss L, a scalar
 * @param output y_out = z_L, N×D_L
 * @param outputGradient ∂L/∂y_out, N×D_L
 * @param layers the terms of layer 1 to layer L
 */
public record BackpropResult(
        double loss, DMatrixRMaj output, DMatrixRMaj outputGradient, List<LayerGradients> layers) {}
