package dev.backprop.backprop;

import dev.backprop.nn.LossFunction;
import dev.backprop.nn.Network;
import dev.backprop.nn.Regularization;
import dev.backprop.nn.Target;
import org.ejml.data.DMatrixRMaj;

/**
 * A request checked and converted to the engine's orientation.
 *
 * @param layout the layout to answer in
 * @param network the layers, weights D_{k-1}×D_k, with their batch normalization and dropout
 * @param x the inputs, N×D_0
 * @param y the targets, N×D_L, or {@code null} when the request has none
 * @param loss the loss and its conventions; used exactly when y is given
 * @param outputGradient the given ∂L/∂y_out, N×D_L, or {@code null}
 * @param regularization the penalty on the weights ({@link Regularization#NONE} when absent)
 * @param regularized whether the request has {@code regularization} (the answer then shows it)
 */
public record PreparedRequest(
        Layout layout,
        Network network,
        DMatrixRMaj x,
        DMatrixRMaj y,
        LossFunction loss,
        DMatrixRMaj outputGradient,
        Regularization regularization,
        boolean regularized) {

    /** Where the backward pass starts: y and the loss, or the given ∂L/∂y_out; {@code null} with neither. */
    public Target target() {
        if (y != null) {
            return new Target.Labels(y, loss);
        }
        return outputGradient == null ? null : new Target.UpstreamGradient(outputGradient);
    }

    /** The same request with other layers (an optimizer's step). */
    public PreparedRequest withNetwork(Network next) {
        return new PreparedRequest(layout, next, x, y, loss, outputGradient, regularization, regularized);
    }
}
