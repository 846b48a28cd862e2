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
 * @param inputGradient ∂L/∂x
 * @param dataLoss the loss of y_out against y, without the regularization
 * @param regularizationLoss the regularization's penalty R
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
        List<Layer> layers,

        @Schema(description = "∂L/∂x, oriented as δ (N×D_0; D_0×N in dimension-first-throughout).")
        DMatrixRMaj inputGradient,

        @Schema(description = "The data loss, without the regularization's penalty: L = dataLoss + regularizationLoss.")
        Double dataLoss,

        @Schema(description = "The regularization's penalty R = l2·Σ‖W_k‖² + l1·Σ|W_k|.")
        Double regularizationLoss,

        @Schema(description = "For a /train problem: L_0, …, L_steps, the loss before the first step and after each.")
        double[] lossHistory) {

    /** A submission of release 1's fields. */
    public Submission(Double loss, DMatrixRMaj output, DMatrixRMaj outputGradient, List<Layer> layers) {
        this(loss, output, outputGradient, layers, null, null, null, null);
    }

    /** A submission of /backprop's fields. */
    public Submission(
            Double loss,
            DMatrixRMaj output,
            DMatrixRMaj outputGradient,
            List<Layer> layers,
            DMatrixRMaj inputGradient,
            Double dataLoss,
            Double regularizationLoss) {
        this(loss, output, outputGradient, layers, inputGradient, dataLoss, regularizationLoss, null);
    }

    /**
     * One layer of the answer.
     *
     * @param preActivation s_k
     * @param activation z_k
     * @param delta δ_k
     * @param weightGradient ∂L/∂W_k
     * @param biasGradient ∂L/∂b_k
     * @param activationGradient ∂L/∂z_k
     * @param batchNorm batch normalization's terms, for a layer of the problem that has it
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
            double[] biasGradient,

            @Schema(description = "∂L/∂z_k, oriented as δ_k (the \"dA\" of a layer test).")
            DMatrixRMaj activationGradient,

            @Schema(description = "Batch normalization's terms; only for a layer of the problem that has `batchNorm`.")
            BatchNorm batchNorm,

            @Schema(description = "For a /train problem: W_k after the last step, oriented as the problem sends it.")
            DMatrixRMaj weights,

            @Schema(description = "For a /train problem: b_k after the last step, for a layer with a bias.")
            double[] bias) {

        /** A layer of release 1's fields. */
        public Layer(
                DMatrixRMaj preActivation,
                DMatrixRMaj activation,
                DMatrixRMaj delta,
                DMatrixRMaj weightGradient,
                double[] biasGradient) {
            this(preActivation, activation, delta, weightGradient, biasGradient, null, null, null, null);
        }

        /** A layer of /backprop's fields. */
        public Layer(
                DMatrixRMaj preActivation,
                DMatrixRMaj activation,
                DMatrixRMaj delta,
                DMatrixRMaj weightGradient,
                double[] biasGradient,
                DMatrixRMaj activationGradient,
                BatchNorm batchNorm) {
            this(
                    preActivation,
                    activation,
                    delta,
                    weightGradient,
                    biasGradient,
                    activationGradient,
                    batchNorm,
                    null,
                    null);
        }

        /** A layer of a /train answer: the parameters after the steps. */
        public static Layer trained(DMatrixRMaj weights, double[] bias) {
            return new Layer(null, null, null, null, null, null, null, weights, bias);
        }
    }

    /**
     * Batch normalization's terms of one layer of the answer, as the /backprop response names them.
     *
     * @param mean μ_k
     * @param variance σ²_k (biased)
     * @param normalized ŝ_k, oriented as s_k
     * @param output u_k = γ ⊙ ŝ_k + β, oriented as s_k
     * @param outputDelta ∂L/∂u_k, oriented as δ_k
     * @param gammaGradient ∂L/∂γ_k
     * @param betaGradient ∂L/∂β_k
     */
    @Schema(
            name = "SubmittedBatchNorm",
            description = "Batch normalization's terms of one layer that the student submits; any subset.",
            additionalProperties = AdditionalPropertiesValue.FALSE)
    public record BatchNorm(
            @Schema(description = "μ_k, the batch's mean of s_k, D_k numbers.")
            double[] mean,

            @Schema(description = "σ²_k, the batch's biased variance of s_k, D_k numbers.")
            double[] variance,

            @Schema(description = "ŝ_k = (s_k − μ_k)/√(σ²_k + ε), oriented as s_k.")
            DMatrixRMaj normalized,

            @Schema(description = "u_k = γ ⊙ ŝ_k + β, oriented as s_k.")
            DMatrixRMaj output,

            @Schema(description = "∂L/∂u_k, oriented as δ_k.")
            DMatrixRMaj outputDelta,

            @Schema(description = "∂L/∂γ_k, D_k numbers.") double[] gammaGradient,
            @Schema(description = "∂L/∂β_k, D_k numbers.") double[] betaGradient,

            @Schema(description = "For a /train problem: γ_k after the last step.")
            double[] gamma,

            @Schema(description = "For a /train problem: β_k after the last step.")
            double[] beta) {

        /** Batch normalization's terms of a /backprop answer. */
        public BatchNorm(
                double[] mean,
                double[] variance,
                DMatrixRMaj normalized,
                DMatrixRMaj output,
                DMatrixRMaj outputDelta,
                double[] gammaGradient,
                double[] betaGradient) {
            this(mean, variance, normalized, output, outputDelta, gammaGradient, betaGradient, null, null);
        }
    }
}
