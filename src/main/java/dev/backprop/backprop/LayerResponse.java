package dev.backprop.backprop;

import com.fasterxml.jackson.annotation.JsonInclude;
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
public record LayerResponse(
        DMatrixRMaj preActivation, DMatrixRMaj activation, DMatrixRMaj delta, DMatrixRMaj weightGradient, double[] biasGradient) {}
