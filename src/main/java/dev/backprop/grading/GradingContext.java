package dev.backprop.grading;

import dev.backprop.backprop.Layout;
import dev.backprop.backprop.PreparedRequest;
import dev.backprop.nn.ActivationBackward;
import dev.backprop.nn.Backprop;
import dev.backprop.nn.BackpropResult;
import dev.backprop.nn.ForwardResult;
import dev.backprop.nn.Layer;
import dev.backprop.nn.LayerForward;
import dev.backprop.nn.LayerGradients;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.ejml.data.DMatrixRMaj;

/**
 * One grading: the problem, its reference answer, the student's answer and the tolerance, with
 * what the mistakes of the catalogue need computed on demand (once per grading).
 */
final class GradingContext {

    private final PreparedRequest problem;
    private final BackpropResult reference;
    private final Map<Slot, DMatrixRMaj> submitted;
    private final Tolerance tolerance;
    private final Map<Twist, List<Variant>> variants = new HashMap<>();

    /**
     * @param problem the problem, in the engine's orientation
     * @param reference its forward and backward pass
     * @param submitted the student's fields, in the layout's orientation
     * @param tolerance when an entry is correct
     */
    GradingContext(
            PreparedRequest problem, BackpropResult reference, Map<Slot, DMatrixRMaj> submitted, Tolerance tolerance) {
        this.problem = problem;
        this.reference = reference;
        this.submitted = new LinkedHashMap<>(submitted);
        this.tolerance = tolerance;
    }

    Layout layout() {
        return problem.layout();
    }

    PreparedRequest problem() {
        return problem;
    }

    Tolerance tolerance() {
        return tolerance;
    }

    int depth() {
        return reference.layers().size();
    }

    /** N, the number of samples. */
    int samples() {
        return reference.output().numRows;
    }

    /** D_L, the number of outputs. */
    int outputs() {
        return reference.output().numCols;
    }

    /** The reference value of a slot in the layout's orientation. */
    DMatrixRMaj reference(Slot slot) {
        return slot.field().read(layout(), reference, slot.layer());
    }

    /** Whether a is close to b entry by entry (false when the shapes differ). */
    boolean close(DMatrixRMaj a, DMatrixRMaj b) {
        return b != null && tolerance.close(a, b);
    }

    /** Whether the student sent this slot with the reference's shape but wrong values. */
    boolean submittedWrong(Slot slot) {
        DMatrixRMaj sent = submitted.get(slot);
        if (sent == null) {
            return false;
        }
        Tolerance.Comparison comparison = tolerance.compare(sent, reference(slot));
        return comparison.sameShape() && !comparison.allClose();
    }

    // ---- Mistakes that change the backward pass

    /**
     * A change to the step δ_k = ∂L/∂z_k ⊙ f′(s_k) that a student might make.
     */
    interface Twist {
        /** Whether the mistake changes anything in a layer with this activation and these inputs. */
        boolean appliesTo(Layer layer, DMatrixRMaj s);

        /** δ_k as the mistaken student computes it. */
        DMatrixRMaj delta(Layer layer, DMatrixRMaj s, DMatrixRMaj z, DMatrixRMaj g);
    }

    /**
     * A complete answer under a mistake.
     *
     * @param where where the mistake was made, e.g. "in layer 2" or "in every layer"
     * @param layers the layer indexes where it was made
     * @param result the forward pass (unchanged) and the mistaken backward pass
     */
    record Variant(String where, List<Integer> layers, BackpropResult result) {}

    /**
     * The answers a mistake produces when made in one layer, for each layer where it changes
     * something, and when made in all of them.
     */
    List<Variant> variants(Twist twist) {
        return variants.computeIfAbsent(twist, key -> computeVariants(twist));
    }

    private List<Variant> computeVariants(Twist twist) {
        List<Layer> layers = problem.network().layers();
        List<Integer> applicable = new ArrayList<>();
        for (int k = 0; k < layers.size(); k++) {
            if (twist.appliesTo(layers.get(k), reference.layers().get(k).s())) {
                applicable.add(k);
            }
        }
        List<Variant> result = new ArrayList<>();
        for (int k : applicable) {
            result.add(new Variant("in layer " + (k + 1), List.of(k), backwardWith(twist, List.of(k))));
        }
        if (applicable.size() > 1) {
            result.add(new Variant("in every layer", applicable, backwardWith(twist, applicable)));
        }
        return result;
    }

    private BackpropResult backwardWith(Twist twist, List<Integer> twisted) {
        List<Layer> layers = problem.network().layers();
        List<LayerForward> forward =
                reference.layers().stream().map(LayerGradients::forward).toList();
        ActivationBackward backward = (k, f, s, z, g) -> twisted.contains(k)
                ? twist.delta(layers.get(k), s, z, g)
                : ActivationBackward.EXACT.delta(k, f, s, z, g);
        Backprop.Backward gradients = Backprop.backward(
                problem.network(),
                problem.x(),
                new ForwardResult(forward),
                reference.outputGradient(),
                backward,
                problem.regularization());
        return new BackpropResult(
                reference.hasDataLoss(),
                reference.dataLoss(),
                reference.regularizationLoss(),
                reference.output(),
                reference.outputGradient(),
                gradients.inputGradient(),
                gradients.layers());
    }

    // ---- Error carried forward

    /**
     * A slot recomputed from the student's own submitted inputs.
     *
     * @param value in the layout's orientation
     * @param wrongInputs the student's wrong inputs it was computed from
     */
    record Recomputed(DMatrixRMaj value, List<Slot> wrongInputs) {}

    /**
     * The values of a slot computed correctly, one step, from every combination of the
     * student's wrong submitted inputs (the later δ or the earlier activations), in order.
     */
    List<Recomputed> fromOwnInputs(Slot slot) {
        List<Slot> wrong = inputs(slot).stream().filter(this::submittedWrong).toList();
        List<Recomputed> result = new ArrayList<>();
        // every non-empty subset of the wrong inputs: the student may have used some and not others
        for (int mask = (1 << wrong.size()) - 1; mask > 0; mask--) {
            List<Slot> used = new ArrayList<>();
            for (int b = 0; b < wrong.size(); b++) {
                if ((mask & (1 << b)) != 0) {
                    used.add(wrong.get(b));
                }
            }
            Function<Slot, DMatrixRMaj> value = input -> used.contains(input)
                    ? input.field().toEngine(layout(), submitted.get(input))
                    : input.field().toEngine(layout(), reference(input));
            DMatrixRMaj engine = step(slot, value, used);
            if (engine != null) {
                result.add(new Recomputed(slot.field().toLayout(layout(), engine), List.copyOf(used)));
            }
        }
        return result;
    }

    /** The slots one step upstream of this one, from which it is computed. */
    private List<Slot> inputs(Slot slot) {
        int i = slot.layer();
        int last = depth() - 1;
        return switch (slot.field()) {
            case PRE_ACTIVATION -> i == 0 ? List.of() : List.of(new Slot(Field.ACTIVATION, i - 1));
            case ACTIVATION -> List.of(new Slot(Field.PRE_ACTIVATION, i));
            case OUTPUT -> List.of(new Slot(Field.ACTIVATION, last));
            case LOSS, OUTPUT_GRADIENT -> List.of(new Slot(Field.OUTPUT, 0), new Slot(Field.ACTIVATION, last));
            case DELTA ->
                List.of(
                        i == last ? new Slot(Field.OUTPUT_GRADIENT, 0) : new Slot(Field.DELTA, i + 1),
                        new Slot(Field.PRE_ACTIVATION, i),
                        new Slot(Field.ACTIVATION, i));
            case WEIGHT_GRADIENT ->
                i == 0
                        ? List.of(new Slot(Field.DELTA, i))
                        : List.of(new Slot(Field.DELTA, i), new Slot(Field.ACTIVATION, i - 1));
            case BIAS_GRADIENT -> List.of(new Slot(Field.DELTA, i));
        };
    }

    /** One correct step of the forward or backward pass, from the given inputs, in the engine's orientation. */
    private DMatrixRMaj step(Slot slot, Function<Slot, DMatrixRMaj> value, List<Slot> used) {
        int i = slot.layer();
        int last = depth() - 1;
        Layer layer = problem.network().layers().get(i);
        Slot outputSlot =
                used.contains(new Slot(Field.OUTPUT, 0)) ? new Slot(Field.OUTPUT, 0) : new Slot(Field.ACTIVATION, last);
        switch (slot.field()) {
            case PRE_ACTIVATION:
                return Backprop.forward(layer, value.apply(new Slot(Field.ACTIVATION, i - 1)))
                        .s();
            case ACTIVATION: {
                DMatrixRMaj s = value.apply(new Slot(Field.PRE_ACTIVATION, i));
                DMatrixRMaj z = new DMatrixRMaj(s.numRows, s.numCols);
                layer.f().forward(s, z);
                return z;
            }
            case OUTPUT:
                return value.apply(new Slot(Field.ACTIVATION, last));
            case LOSS:
                return new DMatrixRMaj(new double[][] {{problem.loss().value(value.apply(outputSlot), problem.y())}});
            case OUTPUT_GRADIENT: {
                DMatrixRMaj yOut = value.apply(outputSlot);
                DMatrixRMaj dL = new DMatrixRMaj(yOut.numRows, yOut.numCols);
                problem.loss().gradient(yOut, problem.y(), dL);
                return dL;
            }
            case DELTA: {
                DMatrixRMaj g = i == last
                        ? value.apply(new Slot(Field.OUTPUT_GRADIENT, 0))
                        : Backprop.inputGradient(
                                value.apply(new Slot(Field.DELTA, i + 1)),
                                problem.network().layers().get(i + 1).W());
                return ActivationBackward.EXACT.delta(
                        i,
                        layer.f(),
                        value.apply(new Slot(Field.PRE_ACTIVATION, i)),
                        value.apply(new Slot(Field.ACTIVATION, i)),
                        g);
            }
            case WEIGHT_GRADIENT: {
                DMatrixRMaj zPrevious = i == 0 ? problem.x() : value.apply(new Slot(Field.ACTIVATION, i - 1));
                return Backprop.weightGradient(zPrevious, value.apply(new Slot(Field.DELTA, i)));
            }
            case BIAS_GRADIENT:
                return layer.hasBias() ? Backprop.biasGradient(value.apply(new Slot(Field.DELTA, i))) : null;
            default:
                throw new IllegalStateException(slot.toString());
        }
    }
}
