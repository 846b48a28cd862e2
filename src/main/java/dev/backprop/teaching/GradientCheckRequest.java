package dev.backprop.teaching;

import dev.backprop.backprop.BackpropRequest;
import dev.backprop.backprop.LayerRequest;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * A /backprop request and the step of the finite differences.
 *
 * @param epsilon the step ε of the central differences; 1e-6 when absent
 */
public record GradientCheckRequest(
        String layout, List<LayerRequest> layers, DMatrixRMaj x, DMatrixRMaj y, String loss, Double epsilon) {

    BackpropRequest problem() {
        return new BackpropRequest(layout, layers, x, y, loss);
    }
}
