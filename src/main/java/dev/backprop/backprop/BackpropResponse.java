package dev.backprop.backprop;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * The forward and backward pass, oriented as the request's layout says.
 *
 * @param layout the layout of every matrix below
 * @param loss L
 * @param output y_out = z_L
 * @param outputGradient ∂L/∂y_out, N×D_L in every layout
 * @param layers per layer: s, z, δ, ∂L/∂W and ∂L/∂b
 * @param warnings where a convention decided the answer; omitted when empty
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BackpropResponse(
        String layout, double loss, DMatrixRMaj output, DMatrixRMaj outputGradient, List<LayerResponse> layers,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Warning> warnings) {}
