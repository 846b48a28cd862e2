package dev.backprop.teaching;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Analytic gradients beside central finite differences of the loss.
 *
 * @param epsilon the step ε
 * @param maxRelativeError the largest |a − n| / max(1e-8, |a| + |n|) over every parameter whose
 *     perturbation crosses no kink
 * @param passed whether maxRelativeError is below 1e-5
 * @param kinks the parameters whose perturbation by ±ε moves a ReLU or leaky-ReLU input across 0,
 *     where the finite difference is not a derivative: listed, not failed
 * @param layers per layer, the weight and bias gradients compared
 */
@Schema(description = "The analytic gradient of the backward pass beside central finite differences of the loss.")
public record GradientCheckResponse(
        @Schema(description = "The step ε of the finite differences.", requiredMode = RequiredMode.REQUIRED)
        double epsilon,

        @Schema(
                description =
                        "The largest relative error |a − n| / max(1e-8, |a| + |n|) over every weight and bias whose "
                                + "perturbation crosses no kink (a the analytic, n the numeric derivative).",
                requiredMode = RequiredMode.REQUIRED)
        double maxRelativeError,

        @Schema(
                description =
                        "Whether `maxRelativeError` is below 1e-5: the backward pass agrees with the finite differences.",
                requiredMode = RequiredMode.REQUIRED)
        boolean passed,

        @ArraySchema(
                arraySchema =
                        @Schema(
                                description = "The parameters whose perturbation by ±ε moves a ReLU or leaky-ReLU "
                                        + "input across 0, where the derivative jumps and the finite difference is no derivative: listed, left out of "
                                        + "`maxRelativeError`, not failed. Absent when there are none."))
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<Kink> kinks,

        @Schema(
                description = "Per layer, index-aligned with the request's layers: the gradients compared.",
                requiredMode = RequiredMode.REQUIRED)
        List<LayerCheck> layers) {

    /**
     * @param pointer the parameter in the request, e.g. {@code /layers/0/weights/1/0}
     * @param detail what the kink does to the finite difference
     */
    @Schema(description = "A parameter whose finite difference crosses a kink.")
    public record Kink(
            @Schema(
                    description = "The parameter, as a JSON pointer into the request, e.g. `/layers/0/weights/1/0`.",
                    requiredMode = RequiredMode.REQUIRED)
            String pointer,

            @Schema(
                    description = "What the kink does to the finite difference, written for a person.",
                    requiredMode = RequiredMode.REQUIRED)
            String detail) {}

    /**
     * @param weightGradient ∂L/∂W_k, analytic and numeric, in the shape of W_k as sent
     * @param biasGradient ∂L/∂b_k, present when the layer has a bias
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "The gradients of one layer, analytic beside numeric.")
    public record LayerCheck(
            @Schema(
                    description = "∂L/∂W_k: two Matrices in the shape of W_k as sent.",
                    requiredMode = RequiredMode.REQUIRED)
            Check weightGradient,

            @Schema(description = "∂L/∂b_k: two Vectors of D_k numbers; absent when the layer has no bias.")
            Check biasGradient,

            @Schema(
                    description =
                            "∂L/∂γ_k: two Vectors of D_k numbers; present when the layer has batch normalization.")
            Check gammaGradient,

            @Schema(
                    description =
                            "∂L/∂β_k: two Vectors of D_k numbers; present when the layer has batch normalization.")
            Check betaGradient) {}

    /**
     * @param analytic the gradient from the backward pass, a matrix for weights and a vector for biases
     * @param numeric (L(θ + ε) − L(θ − ε)) / 2ε per parameter
     * @param maxRelativeError over the parameters of this matrix that cross no kink
     */
    @Schema(
            name = "GradientComparison",
            description = "A gradient from the backward pass beside its finite differences, "
                    + "a Matrix for weights and a Vector for biases.")
    public record Check(
            @Schema(
                    description = "The gradient from the backward pass, as /backprop gives it.",
                    oneOf = {DMatrixRMaj.class, double[].class},
                    requiredMode = RequiredMode.REQUIRED)
            Object analytic,

            @Schema(
                    description = "The central finite difference (L(θ + ε) − L(θ − ε)) / 2ε for each parameter θ, "
                            + "the same shape.",
                    oneOf = {DMatrixRMaj.class, double[].class},
                    requiredMode = RequiredMode.REQUIRED)
            Object numeric,

            @Schema(
                    description =
                            "The largest relative error over the parameters of this matrix or vector that cross no kink.",
                    requiredMode = RequiredMode.REQUIRED)
            double maxRelativeError) {}
}
