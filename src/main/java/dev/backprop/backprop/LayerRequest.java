package dev.backprop.backprop;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import org.ejml.data.DMatrixRMaj;

/**
 * One layer as a client sends it.
 *
 * @param weights W_k, oriented as the layout says
 * @param bias b_k, of length D_k, or {@code null} for none
 * @param activation the API name of f_k
 * @param batchNorm batch normalization between s_k and f_k, or {@code null}
 * @param dropout dropout after f_k with a given mask, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
        description = "Layer k: z_k = f_k(s_k) with s_k = W_k z_{k-1} + b_k, the product oriented as the layout says.",
        additionalProperties = AdditionalPropertiesValue.FALSE)
public record LayerRequest(
        @Schema(
                description = "The weights W_k of layer k, from its D_{k-1} inputs to its D_k units.",
                requiredMode = RequiredMode.REQUIRED)
        DMatrixRMaj weights,

        @Schema(
                description =
                        "The bias b_k: D_k numbers, added to every sample (s_k += b_k). Optional: no bias when absent.")
        double[] bias,

        @Schema(description = "The activation f_k, applied to s_k.", requiredMode = RequiredMode.REQUIRED)
        String activation,

        @Schema(description = "Batch normalization between s_k (after the bias) and f_k: z_k = f_k(u_k).")
        BatchNormRequest batchNorm,

        @Schema(description = "Inverted dropout with a given mask after f_k: z_k = f_k(·) ⊙ mask / keepProbability.")
        DropoutRequest dropout) {

    /** A layer without batch normalization and dropout. */
    public LayerRequest(DMatrixRMaj weights, double[] bias, String activation) {
        this(weights, bias, activation, null, null);
    }
}
