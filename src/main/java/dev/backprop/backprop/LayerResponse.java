package dev.backprop.backprop;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import org.ejml.data.DMatrixRMaj;

/**
 * One layer of the answer, oriented as the request's layout says.
 *
 * @param preActivation s_k
 * @param activation z_k = f_k(s_k)
 * @param delta δ_k = ∂L/∂s_k, N×D_k in every layout; absent from {@code /forward}
 * @param weightGradient ∂L/∂W_k, the shape of W_k as sent; absent from {@code /forward}
 * @param biasGradient ∂L/∂b_k, present exactly when the layer has a bias and the pass is backward
 * @param activationGradient ∂L/∂z_k, oriented as δ_k; absent from {@code /forward}
 * @param batchNorm batch normalization's terms, when the layer has it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Layer k of the answer (`layers[k-1]`).")
public record LayerResponse(
        @Schema(description = "s_k, the pre-activation of layer k.", requiredMode = RequiredMode.REQUIRED)
        DMatrixRMaj preActivation,

        @Schema(
                description =
                        "z_k = f_k(s_k), the activation of layer k (matrix; the activation's name is in the request).",
                requiredMode = RequiredMode.REQUIRED)
        DMatrixRMaj activation,

        @Schema(
                description = "δ_k = ∂L/∂s_k: N×D_k (dimension first in forward, sample first in backward), "
                        + "D_k×N in dimension-first-throughout. /backprop only.")
        DMatrixRMaj delta,

        @Schema(
                description = "∂L/∂z_k, oriented as δ_k (a layer test's \"dA\"); for the last layer it equals "
                        + "`outputGradient`. /backprop only.")
        DMatrixRMaj activationGradient,

        @Schema(
                description = "∂L/∂W_k, with the shape of W_k as sent, with the regularization's term 2·l2·W_k + "
                        + "l1·sign(W_k). /backprop only.")
        DMatrixRMaj weightGradient,

        @Schema(
                description = "∂L/∂b_k = the sum of δ_k over the N samples: D_k numbers, present exactly when layer k "
                        + "has a bias (with the regularization's term when it includes the biases). /backprop only.")
        double[] biasGradient,

        @Schema(description = "Batch normalization's terms, when the layer has batch normalization.")
        BatchNormResponse batchNorm) {}
