package dev.backprop.backprop;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * A network, a minibatch and a layout: the body of {@code /backprop} and {@code /forward}.
 *
 * @param layout dimension-first, sample-first or torch
 * @param layers layer 1 to layer L
 * @param x the inputs, oriented as the layout says
 * @param y the targets, oriented as the layout says; optional for {@code /forward}
 * @param loss the API name of the loss; half-sse when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BackpropRequest(String layout, List<LayerRequest> layers, DMatrixRMaj x, DMatrixRMaj y, String loss) {}
