package dev.backprop.nn;

import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * The forward pass of a network.
 *
 * @param layers s_k and z_k for k = 1..L
 */
public record ForwardResult(List<LayerForward> layers) {

    /** y_out = z_L. */
    public DMatrixRMaj output() {
        return layers.get(layers.size() - 1).z();
    }
}
