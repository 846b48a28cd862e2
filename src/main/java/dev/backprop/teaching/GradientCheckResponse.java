package dev.backprop.teaching;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Analytic gradients beside central finite differences of the loss.
 *
 * @param epsilon the step ε
 * @param maxRelativeError the largest |a − n| / max(1e-8, |a| + |n|) over every parameter whose
 *     perturbation crosses no kink
 * @param passed whether maxRelativeError is below 1e-5
 * @param kinks the parameters whose perturbation by ±ε moves a ReLU or leaky-ReLU input across 0,
 *     where the finite difference is not a derivative: listed, not failed
 * @param layers per layer, the weight and bias gradients compared
 */
public record GradientCheckResponse(
        double epsilon, double maxRelativeError, boolean passed,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Kink> kinks, List<LayerCheck> layers) {

    /**
     * @param pointer the parameter in the request, e.g. {@code /layers/0/weights/1/0}
     * @param detail what the kink does to the finite difference
     */
    public record Kink(String pointer, String detail) {}

    /**
     * @param weightGradient ∂L/∂W_k, analytic and numeric, in the shape of W_k as sent
     * @param biasGradient ∂L/∂b_k, present when the layer has a bias
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LayerCheck(Check<?> weightGradient, Check<?> biasGradient) {}

    /**
     * @param analytic the gradient from the backward pass
     * @param numeric (L(θ + ε) − L(θ − ε)) / 2ε per parameter
     * @param maxRelativeError over the parameters of this matrix that cross no kink
     */
    public record Check<T>(T analytic, T numeric, double maxRelativeError) {}
}
