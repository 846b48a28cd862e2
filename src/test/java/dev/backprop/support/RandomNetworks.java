package dev.backprop.support;

import dev.backprop.nn.Activation;
import dev.backprop.nn.Layer;
import dev.backprop.nn.Loss;
import dev.backprop.nn.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.RandomMatrices_DDRM;

/** The one way tests build networks and minibatches: seeded, in the engine's orientation. */
public final class RandomNetworks {

    /** Activations with a continuous derivative everywhere, where finite differences are exact to O(h²). */
    public static final List<Activation> SMOOTH = List.of(
            Activation.IDENTITY,
            Activation.SIGMOID,
            Activation.TANH,
            Activation.SOFTPLUS,
            Activation.GELU,
            Activation.SILU,
            Activation.SOFTMAX,
            Activation.ELU);

    /** A network, a minibatch and a loss, all in the engine's orientation (N×D samples, D_{k-1}×D_k weights). */
    public record Problem(Network network, DMatrixRMaj x, DMatrixRMaj y, Loss loss) {
        @Override
        public String toString() {
            StringBuilder text = new StringBuilder("N=" + x.numRows + " D_0=" + x.numCols + " " + loss.apiName() + ":");
            for (Layer layer : network.layers()) {
                text.append(' ')
                        .append(layer.units())
                        .append(layer.hasBias() ? "+b" : "")
                        .append(' ')
                        .append(layer.f().apiName());
            }
            return text.toString();
        }
    }

    private RandomNetworks() {}

    /** Random problems whose activations are drawn from {@code activations}. */
    public static Arbitrary<Problem> problems(List<Activation> activations) {
        Arbitrary<Long> seeds = Arbitraries.longs();
        Arbitrary<Integer> depths = Arbitraries.integers().between(1, 3);
        Arbitrary<Integer> batchSizes = Arbitraries.integers().between(1, 4);
        Arbitrary<Loss> losses = Arbitraries.of(Loss.class);
        return Combinators.combine(seeds, depths, batchSizes, losses)
                .as((seed, depth, N, loss) -> problem(new Random(seed), depth, N, loss, activations));
    }

    /** One random problem: widths 1–4, weights and inputs in (−1.5, 1.5), targets valid for the loss. */
    public static Problem problem(Random random, int depth, int N, Loss loss, List<Activation> activations) {
        int inputs = 1 + random.nextInt(4);
        List<Layer> layers = new ArrayList<>();
        int previous = inputs;
        for (int k = 0; k < depth; k++) {
            int units = 1 + random.nextInt(4);
            DMatrixRMaj W = RandomMatrices_DDRM.rectangle(previous, units, -1.5, 1.5, random);
            DMatrixRMaj b = random.nextBoolean() ? RandomMatrices_DDRM.rectangle(1, units, -1, 1, random) : null;
            layers.add(new Layer(W, b, activations.get(random.nextInt(activations.size()))));
            previous = units;
        }
        DMatrixRMaj x = RandomMatrices_DDRM.rectangle(N, inputs, -1.5, 1.5, random);
        return new Problem(new Network(layers), x, targets(random, N, previous, loss), loss);
    }

    /** Targets the loss accepts: probability rows for cross-entropy, values in [0, 1] for binary cross-entropy. */
    private static DMatrixRMaj targets(Random random, int N, int D, Loss loss) {
        DMatrixRMaj y = RandomMatrices_DDRM.rectangle(N, D, loss == Loss.BINARY_CROSS_ENTROPY ? 0 : -1.5, 1.5, random);
        if (loss == Loss.CROSS_ENTROPY) {
            for (int n = 0; n < N; n++) {
                double sum = 0;
                for (int j = 0; j < D; j++) {
                    y.set(n, j, random.nextDouble() + 1e-3);
                    sum += y.get(n, j);
                }
                for (int j = 0; j < D; j++) {
                    y.set(n, j, y.get(n, j) / sum);
                }
            }
        }
        return y;
    }
}
