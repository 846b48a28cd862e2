package dev.backprop.nn;

import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * The forward and backward pass of a network on one minibatch.
 *
 * @param hasDataLoss whether the pass had targets and a loss, rather than a given ∂L/∂y_out
 * @param dataLoss the loss of y_out against y (NaN when it overflowed, or without targets)
 * @param regularizationLoss the regularization's penalty R (0 without one)
 * @param output y_out = z_L, N×D_L
 * @param outputGradient ∂L/∂y_out, N×D_L
 * @param inputGradient ∂L/∂x, N×D_0
 * @param layers the terms of layer 1 to layer L
 */
public record BackpropResult(
        boolean hasDataLoss,
        double dataLoss,
        double regularizationLoss,
        DMatrixRMaj output,
        DMatrixRMaj outputGradient,
        DMatrixRMaj inputGradient,
        List<LayerGradients> layers) {

    /** L = the data loss + R; NaN without a data loss. */
    public double loss() {
        return dataLoss + regularizationLoss;
    }
}
