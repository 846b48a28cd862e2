package dev.backprop.nn;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Gradient descent on one minibatch, as a {@code torch.optim} loop takes it: each step the whole
 * minibatch forward and backward, then one optimizer step of every W_k, b_k (unless the biases
 * are fixed) and batch-norm γ_k, β_k; in training mode with running statistics, those are updated
 * once per step from that step's forward pass.
 *
 * <p>Works on its own copies of the parameters and of the optimizer states it is given, which it
 * updates in place, and on the matrices of one forward and backward pass, made once per run and
 * overwritten by every step: a step allocates nothing.
 */
public final class Training {

    private Training() {}

    /**
     * The optimizer states of one layer's parameters; {@code b} is {@code null} without a bias or
     * when the biases are fixed, {@code gamma} and {@code beta} without batch normalization.
     */
    public record LayerStates(ParameterState W, ParameterState b, ParameterState gamma, ParameterState beta) {}

    /**
     * What training gives.
     *
     * @param lossHistory L_0 … L_steps: the loss with the parameters after i steps
     * @param network the layers after the last step, with the running statistics after it
     * @param states the optimizer states after the last step
     */
    public record Result(double[] lossHistory, Network network, List<LayerStates> states) {}

    /** The loss stopped being finite at step {@code step} (0 for the starting parameters). */
    public static final class NonFiniteLossException extends RuntimeException {

        private final int step;

        NonFiniteLossException(int step, double loss) {
            super("the loss is " + loss + " after " + step + " steps", null, false, false);
            this.step = step;
        }

        /** The number of steps taken when the loss stopped being finite. */
        public int step() {
            return step;
        }
    }

    /**
     * @param network the starting parameters (not modified)
     * @param x the inputs, N×D_0
     * @param target the targets and the loss
     * @param regularization the penalty, part of the loss and of every gradient
     * @param optimizer the update rule
     * @param steps the number of steps, at least 1
     * @param states the starting optimizer state of every parameter (copied), as {@link #initialStates} makes them
     * @param products computes every pass's matrix products
     * @throws NonFiniteLossException when a loss of L_0 … L_steps is not finite
     */
    public static Result train(
            Network network,
            DMatrixRMaj x,
            Target.Labels target,
            Regularization regularization,
            Optimizer optimizer,
            int steps,
            List<LayerStates> states,
            MatrixProducts products) {
        List<Layer> layers = copy(network);
        Network current = new Network(layers);
        List<LayerStates> own = states.stream().map(Training::copy).toList();
        double[] lossHistory = new double[steps + 1];
        // the matrices of one pass: s_k, z_k, δ_k, ∂L/∂W_k, ∂L/∂b_k, …, written over by every step
        ForwardResult forward = Backprop.newForward(current, x.numRows);
        List<LayerGradients> pass =
                Backprop.newGradients(current, forward, new DMatrixRMaj(x.numRows, current.outputs()));
        for (int t = 0; t < steps; t++) {
            Backprop.forward(current, x, forward, products);
            lossHistory[t] =
                    finite(Backprop.parameterGradients(current, x, forward, target, regularization, pass, products), t);
            for (int k = 0; k < layers.size(); k++) {
                Layer layer = layers.get(k);
                LayerGradients gradients = pass.get(k);
                LayerStates state = own.get(k);
                // running ← (1 − momentum)·running + momentum·batch statistics, from this step's pass
                BatchNormForward batchNorm = gradients.forward().batchNorm();
                if (batchNorm != null && batchNorm.runningMean() != null) {
                    layer.batchNorm().runningMean().setTo(batchNorm.runningMean());
                    layer.batchNorm().runningVariance().setTo(batchNorm.runningVariance());
                }
                // θ ← the optimizer's step from θ and ∂L/∂θ
                optimizer.step(layer.W().data, gradients.dW().data, state.W());
                if (state.b() != null) {
                    optimizer.step(layer.b().data, gradients.db().data, state.b());
                }
                if (state.gamma() != null) {
                    optimizer.step(
                            layer.batchNorm().gamma().data,
                            gradients.batchNorm().dGamma().data,
                            state.gamma());
                    optimizer.step(
                            layer.batchNorm().beta().data, gradients.batchNorm().dBeta().data, state.beta());
                }
            }
        }
        // L_steps: a pass that measures the loss and updates nothing
        Backprop.forward(current, x, forward, products);
        lossHistory[steps] = finite(Backprop.loss(current, forward, target, regularization), steps);
        return new Result(lossHistory, current, own);
    }

    /**
     * The states torch starts from: one fresh state per W_k, b_k (when the layer has one and
     * {@code updateBiases}), γ_k and β_k.
     */
    public static List<LayerStates> initialStates(Network network, Optimizer optimizer, boolean updateBiases) {
        List<LayerStates> states = new ArrayList<>(network.depth());
        for (Layer layer : network.layers()) {
            BatchNorm batchNorm = layer.batchNorm();
            states.add(new LayerStates(
                    ParameterState.initial(optimizer, layer.W().getNumElements()),
                    layer.hasBias() && updateBiases ? ParameterState.initial(optimizer, layer.units()) : null,
                    batchNorm == null ? null : ParameterState.initial(optimizer, layer.units()),
                    batchNorm == null ? null : ParameterState.initial(optimizer, layer.units())));
        }
        return states;
    }

    private static double finite(double loss, int step) {
        if (!Double.isFinite(loss)) {
            throw new NonFiniteLossException(step, loss);
        }
        return loss;
    }

    private static List<Layer> copy(Network network) {
        List<Layer> layers = new ArrayList<>(network.depth());
        for (Layer layer : network.layers()) {
            BatchNorm bn = layer.batchNorm();
            BatchNorm batchNorm = bn == null
                    ? null
                    : new BatchNorm(
                            bn.gamma().copy(),
                            bn.beta().copy(),
                            bn.epsilon(),
                            bn.eval(),
                            bn.runningMean() == null ? null : bn.runningMean().copy(),
                            bn.runningVariance() == null
                                    ? null
                                    : bn.runningVariance().copy(),
                            bn.momentum());
            layers.add(layer.with(layer.W().copy(), layer.hasBias() ? layer.b().copy() : null, batchNorm));
        }
        return layers;
    }

    private static LayerStates copy(LayerStates states) {
        return new LayerStates(copy(states.W()), copy(states.b()), copy(states.gamma()), copy(states.beta()));
    }

    private static ParameterState copy(ParameterState state) {
        return state == null ? null : state.copy();
    }
}
