package dev.backprop.backprop;

import dev.backprop.nn.Loss;
import dev.backprop.nn.Network;
import org.ejml.data.DMatrixRMaj;

/**
 * A request checked and converted to the engine's orientation.
 *
 * @param layout the layout to answer in
 * @param network the layers, weights D_{k-1}×D_k
 * @param x the inputs, N×D_0
 * @param y the targets, N×D_L, or {@code null} when the request has none
 * @param loss the loss
 */
public record PreparedRequest(Layout layout, Network network, DMatrixRMaj x, DMatrixRMaj y, Loss loss) {}
