package dev.backprop.backprop;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * The forward pass, oriented as the request's layout says.
 *
 * @param layout the layout of every matrix below
 * @param loss L, present when the request gave y
 * @param output y_out = z_L
 * @param layers per layer: s and z
 * @param warnings where a convention decided the answer; omitted when empty
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ForwardResponse(String layout, Double loss, DMatrixRMaj output, List<LayerResponse> layers,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Warning> warnings) {}
