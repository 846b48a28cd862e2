package dev.backprop.support;

import dev.backprop.nn.Activation;
import dev.backprop.nn.BatchNorm;
import dev.backprop.nn.Dropout;
import dev.backprop.nn.Layer;
import dev.backprop.nn.Loss;
import dev.backprop.nn.LossFunction;
import dev.backprop.nn.Network;
import dev.backprop.nn.Reduction;
import dev.backprop.nn.Regularization;
import dev.backprop.nn.Target;
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

    /** The losses with a continuous gradient (the hinges have kinks, where finite differences disagree). */
    public static final List<Loss> SMOOTH_LOSSES =
            List.of(Loss.HALF_SSE, Loss.SSE, Loss.MSE, Loss.CROSS_ENTROPY, Loss.BINARY_CROSS_ENTROPY);

    /** Which of release 1.1's options a random problem may use. */
    public enum Options {
        /** Release 1's: the loss's default reduction, no regularization, dropout or batch norm. */
        V1,
        /** Every reduction, regularization, dropout masks and batch normalization in training mode. */
        ALL
    }

    /**
     * A network, a minibatch and a loss, all in the engine's orientation (N×D samples, D_{k-1}×D_k weights).
     *
     * @param regularization the penalty ({@link Regularization#NONE} for none)
     */
    public record Problem(
            Network network, DMatrixRMaj x, DMatrixRMaj y, LossFunction loss, Regularization regularization) {

        /** The targets and the loss, as the engine takes them. */
        public Target target() {
            return new Target.Labels(y, loss);
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder("N=" + x.numRows + " D_0=" + x.numCols + " "
                    + loss.loss().apiName() + "/" + loss.reduction().apiName() + " " + regularization + ":");
            for (Layer layer : network.layers()) {
                text.append(' ')
                        .append(layer.units())
                        .append(layer.hasBias() ? "+b" : "")
                        .append(layer.batchNorm() != null ? "+bn" : "")
                        .append(' ')
                        .append(layer.f().apiName())
                        .append(layer.dropout() != null ? "+dropout" : "");
            }
            return text.toString();
        }
    }

    private RandomNetworks() {}

    /** Random problems with release 1's options, whose activations are drawn from {@code activations}. */
    public static Arbitrary<Problem> problems(List<Activation> activations) {
        return problems(activations, Options.V1);
    }

    /** Random problems with smooth losses whose activations are drawn from {@code activations}. */
    public static Arbitrary<Problem> problems(List<Activation> activations, Options options) {
        Arbitrary<Long> seeds = Arbitraries.longs();
        Arbitrary<Integer> depths = Arbitraries.integers().between(1, 3);
        Arbitrary<Integer> batchSizes = Arbitraries.integers().between(1, 4);
        Arbitrary<Loss> losses = Arbitraries.of(SMOOTH_LOSSES);
        return Combinators.combine(seeds, depths, batchSizes, losses)
                .as((seed, depth, N, loss) -> problem(new Random(seed), depth, N, loss, activations, options));
    }

    /** One random problem with release 1's options. */
    public static Problem problem(Random random, int depth, int N, Loss loss, List<Activation> activations) {
        return problem(random, depth, N, loss, activations, Options.V1);
    }

    /**
     * One random problem: widths 1–4, weights and inputs in (−1.5, 1.5), targets valid for the
     * loss; with {@link Options#ALL}, a random reduction and regularization, and each layer with
     * a random dropout mask or batch normalization (N ≥ 2) half the time.
     */
    public static Problem problem(
            Random random, int depth, int N, Loss loss, List<Activation> activations, Options options) {
        boolean all = options == Options.ALL;
        int inputs = 1 + random.nextInt(4);
        DMatrixRMaj x = RandomMatrices_DDRM.rectangle(N, inputs, -1.5, 1.5, random);
        List<Layer> layers = new ArrayList<>(depth);
        int previous = inputs;
        for (int k = 0; k < depth; k++) {
            int units = 1 + random.nextInt(4);
            DMatrixRMaj W = RandomMatrices_DDRM.rectangle(previous, units, -1.5, 1.5, random);
            DMatrixRMaj b = random.nextBoolean() ? RandomMatrices_DDRM.rectangle(1, units, -1.5, 1.5, random) : null;
            BatchNorm batchNorm = all && N >= 2 && random.nextBoolean()
                    ? new BatchNorm(
                            RandomMatrices_DDRM.rectangle(1, units, 0.5, 1.5, random),
                            RandomMatrices_DDRM.rectangle(1, units, -0.5, 0.5, random),
                            BatchNorm.DEFAULT_EPSILON,
                            false,
                            null,
                            null,
                            BatchNorm.DEFAULT_MOMENTUM)
                    : null;
            Dropout dropout = all && random.nextBoolean()
                    ? new Dropout(mask(random, N, units), 0.5 + random.nextDouble() / 2)
                    : null;
            layers.add(new Layer(W, b, activations.get(random.nextInt(activations.size())), batchNorm, dropout));
            previous = units;
        }
        Reduction reduction =
                all ? Reduction.values()[random.nextInt(Reduction.values().length)] : loss.defaultReduction();
        Regularization regularization = all
                ? new Regularization(random.nextDouble(), random.nextDouble() / 10, random.nextBoolean())
                : Regularization.NONE;
        return new Problem(
                new Network(layers),
                x,
                targets(random, N, previous, loss),
                new LossFunction(loss, reduction, false),
                regularization);
    }

    private static DMatrixRMaj mask(Random random, int N, int units) {
        DMatrixRMaj mask = new DMatrixRMaj(N, units);
        for (int i = 0; i < mask.getNumElements(); i++) {
            mask.data[i] = random.nextInt(4) == 0 ? 0 : 1;
        }
        return mask;
    }

    /**
     * Targets the loss accepts: probability rows for cross-entropy, values in [0, 1] for binary
     * cross-entropy, ±1 for hinge, one-hot rows for multiclass-hinge.
     */
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
        } else if (loss == Loss.HINGE) {
            for (int i = 0; i < y.getNumElements(); i++) {
                y.data[i] = random.nextBoolean() ? 1 : -1;
            }
        } else if (loss == Loss.MULTICLASS_HINGE) {
            y.zero();
            for (int n = 0; n < N; n++) {
                y.set(n, random.nextInt(D), 1);
            }
        }
        return y;
    }
}
