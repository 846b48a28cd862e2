package dev.backprop.limits;

import dev.backprop.nn.Layer;
import dev.backprop.nn.Network;
import dev.backprop.web.ApiException;
import dev.backprop.web.JsonPointers;
import dev.backprop.web.ProblemType;
import org.springframework.stereotype.Component;

/**
 * The limits on the problem one request poses ({@code backprop.limits.compute.*}): layers, units
 * per layer, batch size, the numbers held and an estimate of the work. A request past any of them
 * is refused with 422 {@link ProblemType#LIMIT_EXCEEDED}, naming the limit and the value sent,
 * before any computation starts. Endpoints that run several passes (a gradient check, a grade, a
 * training run) multiply a pass's {@link Cost} and {@link #check(Cost) check} the total.
 */
@Component
public class ComputeLimits {

    /** What is computed: the forward pass alone, or backprop (forward, δ, then ∂L/∂W). */
    public enum Pass {
        FORWARD(1),
        BACKPROP(3);

        private final int matrixProducts;

        Pass(int matrixProducts) {
            this.matrixProducts = matrixProducts;
        }
    }

    /**
     * @param numbers the numbers the request sends plus those its answer holds
     * @param multiplyAdds passes · N · Σ_k D_{k-1}·D_k
     */
    public record Cost(long numbers, long multiplyAdds) {}

    private final LimitsProperties.Compute limits;

    public ComputeLimits(LimitsProperties limits) {
        this.limits = limits.compute();
    }

    /**
     * Checks one problem against every limit: layers, units, batch size, then its cost.
     *
     * @param network the network, in the engine's orientation (W_k is D_{k-1}×D_k)
     * @param N the number of samples
     * @param targets whether the request sends y (N×D_L numbers more)
     * @param pass what will be computed
     * @return the cost, for endpoints that add up the costs of several problems
     * @throws ApiException 422 naming the first limit passed
     */
    public Cost check(Network network, int N, boolean targets, Pass pass) {
        int L = network.depth();
        require(L, limits.maxLayers(), "/layers", "layers", "max-layers");
        require(N, limits.maxBatchSize(), "/x", "samples (N)", "max-batch-size");
        require(network.inputs(), limits.maxUnits(), "/x", "inputs (D_0)", "max-units");
        for (int i = 0; i < L; i++) {
            require(
                    network.layers().get(i).units(),
                    limits.maxUnits(),
                    JsonPointers.join("layers", i, "weights"),
                    "units (D_" + (i + 1) + ")",
                    "max-units");
        }
        Cost cost = cost(network, N, targets, pass);
        check(cost);
        return cost;
    }

    /** Checks a cost, one problem's or the sum of several, against the limits on numbers and work. */
    public void check(Cost cost) {
        require(
                cost.numbers(),
                limits.maxNumbers(),
                "",
                "numbers in the request and its answer together",
                "max-numbers");
        require(
                cost.multiplyAdds(),
                limits.maxMultiplyAdds(),
                "",
                "multiply-adds (estimated as passes × N × Σ D_{k-1}·D_k)",
                "max-multiply-adds");
    }

    /**
     * The cost of a problem. The request sends x (N·D_0), every W_k and b_k, a dropout mask
     * (N·D_k) and batch-norm vectors per layer that has them, and y or ∂L/∂y_out (N·D_L) when
     * given; the answer holds s_k and z_k (N·D_k each) and batch norm's ŝ and u, and for backprop
     * also δ_k, ∂L/∂z_k, ∂L/∂u_k, ∂L/∂W_k, ∂L/∂b_k, ∂L/∂γ, ∂L/∂β, ∂L/∂y_out and ∂L/∂x.
     */
    public static Cost cost(Network network, int N, boolean targets, Pass pass) {
        long parameters = 0;
        long unitsPerSample = 0;
        long extraSent = 0;
        long extraPerSample = 0;
        long weightProducts = 0;
        for (Layer layer : network.layers()) {
            long weights = (long) layer.inputs() * layer.units();
            parameters += weights + (layer.hasBias() ? layer.units() : 0);
            unitsPerSample += layer.units();
            weightProducts += weights;
            if (layer.dropout() != null) {
                extraSent += (long) N * layer.units();
            }
            if (layer.batchNorm() != null) {
                // γ, β, running statistics sent; μ, σ², their updates, ∂L/∂γ, ∂L/∂β answered
                extraSent += 10L * layer.units();
                // ŝ and u, and ∂L/∂u for backprop
                extraPerSample += (pass == Pass.FORWARD ? 2L : 3L) * layer.units();
            }
        }
        long outputs = (long) N * network.outputs();
        long sent = (long) N * network.inputs() + parameters + (targets ? outputs : 0) + extraSent;
        long answered = pass == Pass.FORWARD
                ? 2L * N * unitsPerSample
                : 4L * N * unitsPerSample + parameters + outputs + (long) N * network.inputs();
        return new Cost(sent + answered + N * extraPerSample, (long) pass.matrixProducts * N * weightProducts);
    }

    /**
     * The cost of one optimizer step of parameters holding {@code parameterNumbers} numbers in all,
     * with {@code buffers} state buffers per parameter. The request sends every parameter, its
     * gradient and, when it continues from a state, its buffers; the answer holds every parameter
     * after the step and its buffers. The update is elementwise: one multiply-add per number for
     * the parameter and one per buffer.
     */
    public static Cost optimizerStep(long parameterNumbers, int buffers, boolean stateSent) {
        long sent = parameterNumbers * (2 + (stateSent ? buffers : 0));
        long answered = parameterNumbers * (1 + buffers);
        return new Cost(sent + answered, parameterNumbers * (1 + buffers));
    }

    private static void require(long sent, long limit, String pointer, String what, String property) {
        if (sent > limit) {
            throw ApiException.at(
                    ProblemType.LIMIT_EXCEEDED,
                    pointer,
                    "The request has " + sent + " " + what + ", more than the limit of " + limit
                            + " (backprop.limits.compute." + property + ")");
        }
    }
}
