package dev.backprop.grading;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue;
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
@Schema(
        description = "A student's answer: any subset of the /backprop response's fields, at least one, every matrix "
                + "oriented as the problem's layout says. Each field sent is graded; a field left out is not.",
        additionalProperties = AdditionalPropertiesValue.FALSE)
public record Submission(
        @Schema(description = "The loss L, a scalar.") Double loss,

        @Schema(description = "The output y_out = z_L of the last layer.")
        DMatrixRMaj output,

        @Schema(description = "∂L/∂y_out, the gradient of the loss with respect to the output.")
        DMatrixRMaj outputGradient,

        @Schema(
                description = "Per layer, index-aligned with the problem's layers: `layers[k]` is layer k+1. "
                        + "Send `{}` for a layer with nothing submitted; it may be shorter than the problem's layers.")
        List<Layer> layers) {

    /**
     * One layer of the answer.
     *
     * @param preActivation s_k
     * @param activation z_k
     * @param delta δ_k
     * @param weightGradient ∂L/∂W_k
     * @param biasGradient ∂L/∂b_k
     */
    @Schema(
            name = "SubmittedLayer",
            description = "The fields of one layer of the answer that the student submits; any subset, `{}` for none.",
            additionalProperties = AdditionalPropertiesValue.FALSE)
    public record Layer(
            @Schema(description = "The pre-activation s_k.") DMatrixRMaj preActivation,

            @Schema(description = "The activation z_k = f_k(s_k).")
            DMatrixRMaj activation,

            @Schema(description = "δ_k = ∂L/∂s_k.") DMatrixRMaj delta,

            @Schema(description = "∂L/∂W_k, in the shape of W_k as the problem sends it.")
            DMatrixRMaj weightGradient,

            @Schema(
                    description =
                            "∂L/∂b_k: D_k numbers, one per unit; only for a layer of the problem that has a bias.")
            double[] biasGradient) {}
}
