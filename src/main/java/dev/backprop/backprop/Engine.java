package dev.backprop.backprop;

import dev.backprop.nn.ActivationBackward;
import dev.backprop.nn.Backprop;
import dev.backprop.nn.ForwardResult;
import dev.backprop.nn.Layer;
import dev.backprop.nn.LayerForward;
import dev.backprop.nn.MatrixProducts;
import dev.backprop.nn.Network;
import dev.backprop.nn.Regularization;
import dev.backprop.nn.Target;
import org.ejml.data.DMatrixRMaj;

/**
 * The engine's passes for a feature that goes on computing from a solved request (grading's
 * counterfactuals, the gradient check's perturbed passes), with the service's matrix products.
 * Only {@link BackpropService} makes one, and hands it out with a {@link BackpropService.Solved}
 * request, whose work the caller has already counted in the compute limits and runs inside the
 * compute gate: there is no other way into the engine for those features.
 */
public final class Engine {

    private final MatrixProducts products;

    Engine(MatrixProducts products) {
        this.products = products;
    }

    /** The forward pass of {@code x} through the network, x N×D_0. */
    public ForwardResult forward(Network network, DMatrixRMaj x) {
        return Backprop.forward(network, x, products);
    }

    /** One layer forward from z_{k-1}, N×D_{k-1}. */
    public LayerForward forward(Layer layer, DMatrixRMaj zPrevious) {
        return Backprop.forward(layer, zPrevious, products);
    }

    /** L = the loss of a forward pass already taken + R. */
    public double loss(Network network, ForwardResult forward, Target target, Regularization regularization) {
        return Backprop.loss(network, forward, target, regularization);
    }

    /**
     * The backward pass from ∂L/∂y_out with the step δ = ∂L/∂z_k ⊙ f′(u_k) the caller supplies (see
     * {@link Backprop#backward(Network, DMatrixRMaj, ForwardResult, DMatrixRMaj, ActivationBackward,
     * Regularization, MatrixProducts)}).
     */
    public Backprop.Backward backward(
            Network network,
            DMatrixRMaj x,
            ForwardResult forward,
            DMatrixRMaj dLdyOut,
            ActivationBackward activationBackward,
            Regularization regularization) {
        return Backprop.backward(network, x, forward, dLdyOut, activationBackward, regularization, products);
    }

    /** ∂L/∂W_k = z_{k-1}ᵀ · δ_k. */
    public DMatrixRMaj weightGradient(DMatrixRMaj zPrevious, DMatrixRMaj delta) {
        return Backprop.weightGradient(zPrevious, delta, products);
    }

    /** ∂L/∂b_k = Σ_n δ_k. */
    public DMatrixRMaj biasGradient(DMatrixRMaj delta) {
        return Backprop.biasGradient(delta);
    }

    /** ∂L/∂z_{k-1} = δ_k · W_kᵀ. */
    public DMatrixRMaj inputGradient(DMatrixRMaj delta, DMatrixRMaj W) {
        return Backprop.inputGradient(delta, W, products);
    }
}
