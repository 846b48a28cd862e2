package dev.backprop.backprop;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.ejml.data.DMatrixRMaj;

/**
 * One layer as a client sends it.
 *
 * @param weights W_k, oriented as the layout says
 * @param bias b_k, of length D_k, or {@code null} for none
 * @param activation the API name of f_k
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LayerRequest(DMatrixRMaj weights, double[] bias, String activation) {}
