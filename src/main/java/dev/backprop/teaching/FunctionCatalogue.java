package dev.backprop.teaching;

import dev.backprop.backprop.Layout;
import dev.backprop.backprop.Quantity;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Loss;
import dev.backprop.nn.LossFunction;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.Arrays;
import java.util.List;

/**
 * The body of {@code GET /api/v1/functions}: every layout, activation and loss the API accepts,
 * generated from the enums the engine itself uses, so it cannot drift from them.
 *
 * @param layouts the three orientations
 * @param activations f(s) and the PyTorch function that defines it
 * @param losses L and ∂L/∂y_out, and the PyTorch expression that defines it
 */
@Schema(
        description =
                "Every layout, activation and loss the API accepts, with its formulas in LaTeX and its PyTorch equivalent.")
public record FunctionCatalogue(
        @Schema(description = "The three orientations of matrices.", requiredMode = RequiredMode.REQUIRED)
        List<LayoutEntry> layouts,

        @Schema(description = "The activation functions f.", requiredMode = RequiredMode.REQUIRED)
        List<ActivationEntry> activations,

        @Schema(description = "The losses L.", requiredMode = RequiredMode.REQUIRED)
        List<LossEntry> losses) {

    /**
     * @param name the API name
     * @param samples the shape of x, y, s_k, z_k and the output
     * @param weights the shape of W_k and of ∂L/∂W_k
     * @param delta the shape of δ_k and ∂L/∂y_out (the same in every layout)
     * @param forward the forward step in LaTeX
     * @param weightGradient ∂L/∂W_k in LaTeX
     * @param inputGradient ∂L/∂z_{k-1} in LaTeX
     */
    @Schema(
            description =
                    "A layout: the shapes it gives the matrices and the formulas of one layer in its orientation.")
    public record LayoutEntry(
            @Schema(
                    description = "The API name, the value of `layout`.",
                    requiredMode = RequiredMode.REQUIRED,
                    example = "dimension-first")
            String name,

            @Schema(
                    description = "The shape of x, y, s_k, z_k and the output: D_k×N or N×D_k.",
                    requiredMode = RequiredMode.REQUIRED)
            String samples,

            @Schema(description = "The shape of W_k and of ∂L/∂W_k.", requiredMode = RequiredMode.REQUIRED)
            String weights,

            @Schema(
                    description =
                            "The shape of δ_k, ∂L/∂z_k and ∂L/∂y_out: N×D_k, or D_k×N in dimension-first-throughout.",
                    requiredMode = RequiredMode.REQUIRED)
            String delta,

            @Schema(
                    description = "The forward step s_k = … in LaTeX, in this orientation.",
                    requiredMode = RequiredMode.REQUIRED)
            String forward,

            @Schema(description = "∂L/∂W_k in LaTeX, in this orientation.", requiredMode = RequiredMode.REQUIRED)
            String weightGradient,

            @Schema(
                    description = "∂L/∂z_{k-1}, the gradient passed to the layer before, in LaTeX.",
                    requiredMode = RequiredMode.REQUIRED)
            String inputGradient) {}

    /**
     * @param name the API name
     * @param latex f(s) in LaTeX
     * @param pytorch the PyTorch function
     * @param kinkedAtZero whether f′(0) is a convention (relu′(0) = 0, leaky-relu′(0) = 0.01)
     */
    @Schema(description = "An activation function f, applied entry by entry (softmax: over the units of one sample).")
    public record ActivationEntry(
            @Schema(
                    description = "The API name, a value of `activation`.",
                    requiredMode = RequiredMode.REQUIRED,
                    example = "relu")
            String name,

            @Schema(description = "f(s) in LaTeX.", requiredMode = RequiredMode.REQUIRED)
            String latex,

            @Schema(description = "The PyTorch function that defines it.", requiredMode = RequiredMode.REQUIRED)
            String pytorch,

            @Schema(
                    description =
                            "Whether f′(0) is a convention, not a derivative (relu′(0) = 0, leaky-relu′(0) = 0.01): "
                                    + "/backprop warns when an input is exactly 0.",
                    requiredMode = RequiredMode.REQUIRED)
            boolean kinkedAtZero) {}

    /**
     * @param name the API name
     * @param latex L in LaTeX
     * @param gradient ∂L/∂y_out in LaTeX, for N×D_L matrices
     * @param pytorch the PyTorch expression
     */
    @Schema(description = "A loss L over the whole minibatch.")
    public record LossEntry(
            @Schema(
                    description = "The API name, the value of `loss`.",
                    requiredMode = RequiredMode.REQUIRED,
                    example = "half-sse")
            String name,

            @Schema(description = "L in LaTeX.", requiredMode = RequiredMode.REQUIRED)
            String latex,

            @Schema(description = "∂L/∂y_out in LaTeX, for N×D_L matrices.", requiredMode = RequiredMode.REQUIRED)
            String gradient,

            @Schema(description = "The PyTorch expression that defines it.", requiredMode = RequiredMode.REQUIRED)
            String pytorch) {}

    static FunctionCatalogue fromEnums() {
        return new FunctionCatalogue(
                Arrays.stream(Layout.values())
                        .map(layout -> new LayoutEntry(
                                layout.apiName(),
                                layout.shape(Quantity.PRE_ACTIVATION, -1),
                                layout.shape(Quantity.WEIGHTS, -1),
                                layout.shape(Quantity.DELTA, -1),
                                layout.forwardLatex(),
                                layout.weightGradientLatex(),
                                layout.inputGradientLatex()))
                        .toList(),
                Arrays.stream(Activation.values())
                        .map(f -> new ActivationEntry(f.apiName(), f.latex(), f.pytorch(), f.isKinkedAtZero()))
                        .toList(),
                Arrays.stream(Loss.values())
                        .map(loss -> {
                            LossFunction defaults = LossFunction.of(loss);
                            return new LossEntry(
                                    loss.apiName(), defaults.latex(), defaults.gradientLatex(), loss.pytorch());
                        })
                        .toList());
    }
}
