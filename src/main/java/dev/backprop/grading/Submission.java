package dev.backprop.grading;

import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * A student's answer: any subset of the /backprop response's fields, oriented as the problem's
 * layout says.
 *
 * @param loss L
 * @param output y_out
 * @param outputGradient ∂L/∂y_out
 * @param layers index-aligned with the problem's layers; {@code {}} for a layer with nothing submitted
 */
public record Submission(Double loss, DMatrixRMaj output, DMatrixRMaj outputGradient, List<Layer> layers) {

    /**
     * One layer of the answer.
     *
     * @param preActivation s_k
     * @param activation z_k
     * @param delta δ_k
     * @param weightGradient ∂L/∂W_k
     * @param biasGradient ∂L/∂b_k
     */
    public record Layer(
            DMatrixRMaj preActivation, DMatrixRMaj activation, DMatrixRMaj delta, DMatrixRMaj weightGradient, double[] biasGradient) {}
}
