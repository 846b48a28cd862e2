package dev.backprop.teaching;

import dev.backprop.backprop.Layout;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Loss;
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
public record FunctionCatalogue(List<LayoutEntry> layouts, List<ActivationEntry> activations, List<LossEntry> losses) {

    /**
     * @param name the API name
     * @param samples the shape of x, y, s_k, z_k and the output
     * @param weights the shape of W_k and of ∂L/∂W_k
     * @param delta the shape of δ_k and ∂L/∂y_out (the same in every layout)
     * @param forward the forward step in LaTeX
     * @param weightGradient ∂L/∂W_k in LaTeX
     * @param inputGradient ∂L/∂z_{k-1} in LaTeX
     */
    public record LayoutEntry(String name, String samples, String weights, String delta, String forward, String weightGradient,
            String inputGradient) {}

    /**
     * @param name the API name
     * @param latex f(s) in LaTeX
     * @param pytorch the PyTorch function
     * @param kinkedAtZero whether f′(0) is a convention (relu′(0) = 0, leaky-relu′(0) = 0.01)
     */
    public record ActivationEntry(String name, String latex, String pytorch, boolean kinkedAtZero) {}

    /**
     * @param name the API name
     * @param latex L in LaTeX
     * @param gradient ∂L/∂y_out in LaTeX, for N×D_L matrices
     * @param pytorch the PyTorch expression
     */
    public record LossEntry(String name, String latex, String gradient, String pytorch) {}

    static FunctionCatalogue fromEnums() {
        return new FunctionCatalogue(
                Arrays.stream(Layout.values()).map(layout -> new LayoutEntry(layout.apiName(), layout.samplesShape("D_k"),
                        layout.weightsShape("D_k", "D_{k-1}"), "N×D_k", layout.forwardLatex(), layout.weightGradientLatex(),
                        layout.inputGradientLatex())).toList(),
                Arrays.stream(Activation.values()).map(f -> new ActivationEntry(f.apiName(), f.latex(), f.pytorch(), f.isKinkedAtZero()))
                        .toList(),
                Arrays.stream(Loss.values()).map(loss -> new LossEntry(loss.apiName(), loss.latex(), loss.gradientLatex(), loss.pytorch()))
                        .toList());
    }
}
