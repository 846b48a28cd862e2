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
                description = "δ_k = ∂L/∂s_k, N×D_k in every layout (the seed: dimension first in forward, "
                        + "sample first in backward). /backprop only.")
        DMatrixRMaj delta,

        @Schema(description = "∂L/∂W_k, with the shape of W_k as sent. /backprop only.")
        DMatrixRMaj weightGradient,

        @Schema(
                description = "∂L/∂b_k = the sum of δ_k over the N samples: D_k numbers, present exactly when layer k "
                        + "has a bias. /backprop only.")
        double[] biasGradient) {}
