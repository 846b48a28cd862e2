package dev.backprop.backprop;

import dev.backprop.nn.Activation;
import dev.backprop.nn.LayerForward;
import dev.backprop.nn.Loss;
import dev.backprop.web.JsonPointers;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * The warnings of a request: the places where a convention decides the answer. Pointers into
 * s or z are oriented as the request's layout.
 */
public final class Warnings {

    /** A ReLU or leaky-ReLU input exactly 0: f′(0) is PyTorch's convention there. */
    public static final String KINK_INPUT_ZERO = "relu-input-zero";
    /** A sigmoid input beyond ±{@value #SATURATION}: σ′(s) &lt; 5·10⁻⁵, the gradient vanishes. */
    public static final String SIGMOID_SATURATED = "sigmoid-saturated";
    /** A softmax output layer fed to cross-entropy, which applies softmax again. */
    public static final String SOFTMAX_BEFORE_CROSS_ENTROPY = "softmax-before-cross-entropy";
    /** Cross-entropy targets whose rows are not probability distributions. */
    public static final String TARGETS_NOT_DISTRIBUTIONS = "cross-entropy-targets-not-distributions";
    /** Binary cross-entropy targets outside [0, 1]. */
    public static final String TARGETS_OUT_OF_RANGE = "binary-cross-entropy-targets-out-of-range";
    /** A sigmoid output layer fed to binary cross-entropy on logits, which applies the sigmoid again. */
    public static final String SIGMOID_BEFORE_BINARY_CROSS_ENTROPY = "sigmoid-before-binary-cross-entropy";

    /** The codes given at most once per layer. */
    static final List<String> PER_LAYER = List.of(KINK_INPUT_ZERO, SIGMOID_SATURATED);
    /** The codes given at most once per request. */
    static final List<String> PER_REQUEST = List.of(
            SOFTMAX_BEFORE_CROSS_ENTROPY,
            TARGETS_NOT_DISTRIBUTIONS,
            TARGETS_OUT_OF_RANGE,
            SIGMOID_BEFORE_BINARY_CROSS_ENTROPY);

    static final double SATURATION = 10;
    private static final double SUM_TOLERANCE = 1e-9;

    private Warnings() {}

    /** The most warnings a request of {@code layers} layers can get: each code at most once per layer or once in all. */
    public static int most(int layers) {
        return PER_LAYER.size() * layers + PER_REQUEST.size();
    }

    /**
     * @param prepared the request, in the engine's orientation
     * @param forward its forward pass: the activations' inputs u_k (s_k, or batch norm's output)
     *     are scanned, and pointed at in the answer
     */
    public static List<Warning> of(PreparedRequest prepared, List<LayerForward> forward) {
        List<Warning> warnings = new ArrayList<>();
        Layout layout = prepared.layout();
        int L = forward.size();
        for (int layer = 0; layer < L; layer++) {
            int i = layer;
            Activation f = prepared.network().layers().get(i).f();
            DMatrixRMaj s = forward.get(i).u();
            String base = forward.get(i).batchNorm() == null
                    ? JsonPointers.join("layers", i, "preActivation")
                    : JsonPointers.join("layers", i, "batchNorm", "output");
            int[] ties = f.kinkTies(s);
            if (ties.length > 0) {
                warnings.add(new Warning(
                        KINK_INPUT_ZERO,
                        layout.entry(Quantity.PRE_ACTIVATION, base, ties[0] / s.numCols, ties[0] % s.numCols),
                        ties.length + " input(s) of the " + f.apiName() + " in layer " + i
                                + " are exactly 0, where f is not differentiable; this service takes "
                                + f.apiName() + "′(0) = " + (f == Activation.RELU ? "0" : "0.01")
                                + " as PyTorch does, other conventions differ"));
            }
            if (f == Activation.SIGMOID) {
                flag(
                        warnings,
                        s,
                        layout,
                        base,
                        v -> Math.abs(v) > SATURATION,
                        SIGMOID_SATURATED,
                        count -> count
                                + " input(s) of the sigmoid in layer " + i + " are beyond ±" + (int) SATURATION
                                + ": the sigmoid is saturated there, σ′(s) < 5e-5, and almost no gradient flows back");
            }
        }
        Loss loss = prepared.y() == null ? null : prepared.loss().loss();
        boolean logits = prepared.y() != null && !prepared.loss().probabilities();
        Activation last = prepared.network().layers().get(L - 1).f();
        if (loss == Loss.BINARY_CROSS_ENTROPY && logits && last == Activation.SIGMOID) {
            warnings.add(new Warning(
                    SIGMOID_BEFORE_BINARY_CROSS_ENTROPY,
                    JsonPointers.join("layers", L - 1, "activation"),
                    "The output layer applies the sigmoid and binary-cross-entropy on logits applies it again, "
                            + "as nn.BCEWithLogitsLoss does: send lossInput probabilities if the outputs are "
                            + "meant as probabilities, or use identity in the output layer"));
        }
        if (loss == Loss.CROSS_ENTROPY && logits && last == Activation.SOFTMAX) {
            warnings.add(
                    new Warning(
                            SOFTMAX_BEFORE_CROSS_ENTROPY,
                            JsonPointers.join("layers", L - 1, "activation"),
                            "The output layer applies softmax and the cross-entropy loss applies softmax again to its logits, as "
                                    + "nn.CrossEntropyLoss does: use identity in the output layer unless softmax twice is intended"));
        }
        DMatrixRMaj y = prepared.y();
        if (y != null && loss == Loss.CROSS_ENTROPY) {
            for (int n = 0; n < y.numRows; n++) {
                double sum = 0;
                boolean negative = false;
                for (int j = 0; j < y.numCols; j++) {
                    sum += y.get(n, j);
                    negative |= y.get(n, j) < 0;
                }
                if (negative || Math.abs(sum - 1) > SUM_TOLERANCE) {
                    warnings.add(
                            new Warning(
                                    TARGETS_NOT_DISTRIBUTIONS,
                                    samplePointer(layout, "y", n),
                                    "The targets of sample "
                                            + n + (negative ? " have a negative entry" : " sum to " + sum)
                                            + ": cross-entropy expects a probability distribution per sample (non-negative, summing to 1)"));
                    break;
                }
            }
        }
        if (y != null && loss == Loss.BINARY_CROSS_ENTROPY) {
            flag(
                    warnings,
                    y,
                    layout,
                    "/y",
                    v -> v < 0 || v > 1,
                    TARGETS_OUT_OF_RANGE,
                    count -> count + " target(s) are outside [0, 1]: binary cross-entropy expects probabilities");
        }
        return warnings;
    }

    private interface Test {
        boolean holds(double value);
    }

    private interface Detail {
        String of(int count);
    }

    /** One warning for the matrix, at its first entry that passes the test, counting them all. */
    private static void flag(
            List<Warning> warnings,
            DMatrixRMaj samples,
            Layout layout,
            String base,
            Test test,
            String code,
            Detail detail) {
        int count = 0;
        int first = -1;
        for (int i = 0; i < samples.getNumElements(); i++) {
            if (test.holds(samples.data[i])) {
                count++;
                first = first < 0 ? i : first;
            }
        }
        if (count > 0) {
            String pointer = layout.samplesEntry(base, first / samples.numCols, first % samples.numCols);
            warnings.add(new Warning(code, pointer, detail.of(count)));
        }
    }

    private static String samplePointer(Layout layout, String matrix, int n) {
        return layout.samplesAreColumns() ? "/" + matrix : JsonPointers.join(matrix, n);
    }
}
