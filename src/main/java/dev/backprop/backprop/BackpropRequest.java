package dev.backprop.backprop;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
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
 * @param reduction sum, mean or batch-mean; the loss's default when absent
 * @param lossInput logits (default) or probabilities, for cross-entropy and binary cross-entropy
 * @param regularization the penalty on the weights, or {@code null} for none
 * @param outputGradient ∂L/∂y_out given instead of y (a layer test), or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
        description = "A network, a minibatch of N samples and the layout of every matrix in it, with the targets y "
                + "and a loss, or an upstream gradient `outputGradient`. Unknown or duplicate properties are rejected.",
        additionalProperties = AdditionalPropertiesValue.FALSE)
public record BackpropRequest(
        @Schema(
                description = "How every matrix of the request and the answer is oriented.",
                requiredMode = RequiredMode.REQUIRED)
        String layout,

        @ArraySchema(
                arraySchema =
                        @Schema(
                                description =
                                        "Layer 1 to layer L: `layers[k]` is layer k+1 in the notation of the 2017 matrix-math note, "
                                                + "fed by the layer before it (layer 1 by x).",
                                requiredMode = RequiredMode.REQUIRED),
                minItems = 1)
        List<LayerRequest> layers,

        @Schema(description = "The inputs z_0 = x: N samples of D_0 numbers.", requiredMode = RequiredMode.REQUIRED)
        DMatrixRMaj x,

        @Schema(
                description = "The targets: N samples of D_L numbers, compared with the output z_L by the loss. "
                        + "Required by /backprop unless `outputGradient` is given; optional for /forward, which then "
                        + "answers without a loss.")
        DMatrixRMaj y,

        @Schema(description = "The loss L, a scalar over the whole minibatch.", defaultValue = "half-sse")
        String loss,

        @Schema(
                description = "How the loss's terms are summed up: `sum` Σ terms, `mean` Σ terms / their number "
                        + "(PyTorch's `reduction='mean'`), `batch-mean` Σ terms / N. The terms are ℓ_{n,j} (N·D_L of "
                        + "them) for half-sse, sse, mse, binary-cross-entropy and hinge, ℓ_n (N) for cross-entropy and "
                        + "multiclass-hinge. Default: `sum` for half-sse and sse, `mean` for the others. "
                        + "`half-sse` with `batch-mean` is Nielsen's quadratic cost 1/(2n)·Σ‖a − y‖².",
                allowableValues = {"sum", "mean", "batch-mean"})
        String reduction,

        @Schema(
                description = "What the output z_L is to the loss: `logits` (the default; the loss applies softmax or "
                        + "the sigmoid itself) or `probabilities` (z_L is already p, e.g. after a sigmoid or softmax "
                        + "layer: `F.binary_cross_entropy`, or −Σ y log p). Only for cross-entropy and "
                        + "binary-cross-entropy.",
                allowableValues = {"logits", "probabilities"},
                defaultValue = "logits")
        String lossInput,

        @Schema(
                description = "A penalty on the weights added to the loss: L = data loss + l2·Σ_k ‖W_k‖²_F + "
                        + "l1·Σ_k Σ|W_k|. The answer then has `dataLoss` and `regularizationLoss` beside `loss`.")
        RegularizationRequest regularization,

        @Schema(
                description =
                        "∂L/∂y_out given instead of `y` (and `loss`, `reduction`, `lossInput`): the backward pass "
                                + "starts from it, as if L = Σ outputGradient ⊙ y_out — a layer test's \"given dout, compute "
                                + "dx, dW, db\". Oriented as the answer's `outputGradient`. Give either `y` or this.")
        DMatrixRMaj outputGradient) {

    /** A request with release 1's fields only. */
    public BackpropRequest(String layout, List<LayerRequest> layers, DMatrixRMaj x, DMatrixRMaj y, String loss) {
        this(layout, layers, x, y, loss, null, null, null, null);
    }
}
