package dev.backprop.grading;

import dev.backprop.backprop.Engine;
import dev.backprop.backprop.Layout;
import dev.backprop.backprop.PreparedRequest;
import dev.backprop.nn.Activation;
import dev.backprop.nn.ActivationBackward;
import dev.backprop.nn.Backprop;
import dev.backprop.nn.BackpropResult;
import dev.backprop.nn.ForwardResult;
import dev.backprop.nn.Layer;
import dev.backprop.nn.LayerForward;
import dev.backprop.nn.LayerGradients;
import dev.backprop.nn.Regularization;
import dev.backprop.nn.Sgd;
import dev.backprop.train.OptimizerRequest;
import dev.backprop.train.TrainResponse;
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
    private final Trained trained;
    private final Map<Slot, DMatrixRMaj> submitted;
    private final Tolerance tolerance;
    private final Map<Twist, List<Variant>> variants = new HashMap<>();
    private final long onePass;
    private final Engine engine;
    private long budget;
    private boolean budgetSpent;

    /**
     * @param problem the problem, in the engine's orientation
     * @param reference its forward and backward pass
     * @param trained the /train answer of a /train problem, else {@code null}
     * @param submitted the student's fields, in the layout's orientation
     * @param tolerance when an entry is correct
     * @param onePass the multiply-adds of one /backprop pass of the problem
     * @param budget the multiply-adds the counterfactuals may cost in all; past it they are not computed
     * @param engine computes the counterfactuals, through the service that solved the reference
     */
    GradingContext(
            PreparedRequest problem,
            BackpropResult reference,
            Trained trained,
            Map<Slot, DMatrixRMaj> submitted,
            Tolerance tolerance,
            long onePass,
            long budget,
            Engine engine) {
        this.problem = problem;
        this.reference = reference;
        this.trained = trained;
        this.submitted = new LinkedHashMap<>(submitted);
        this.tolerance = tolerance;
        this.onePass = onePass;
        this.budget = budget;
        this.engine = engine;
    }

    /** Takes multiply-adds from the budget; false (and nothing taken) when they would pass it. */
    private boolean spend(long multiplyAdds) {
        if (multiplyAdds > budget) {
            budgetSpent = true;
            return false;
        }
        budget -= multiplyAdds;
        return true;
    }

    /** Whether a counterfactual was left out because the budget could not pay for it. */
    boolean budgetSpent() {
        return budgetSpent;
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

    /** The data loss of the reference, without the regularization. */
    double dataLoss() {
        return reference.dataLoss();
    }

    /** The regularization's penalty R of the reference. */
    double regularizationLoss() {
        return reference.regularizationLoss();
    }

    /**
     * ∂R/∂θ = 2·l2·θ + l1·sign(θ) for the parameter whose gradient the slot is, in the layout's
     * orientation; {@code null} when the regularization does not reach it (no penalty, a bias
     * without {@code includeBias}, a field that is no parameter's gradient) or the term is 0.
     */
    DMatrixRMaj regularizationGradient(Slot slot) {
        Regularization regularization = problem.regularization();
        Layer layer = problem.network().layers().get(slot.layer());
        DMatrixRMaj theta =
                switch (slot.field()) {
                    case WEIGHT_GRADIENT -> layer.W();
                    case BIAS_GRADIENT -> regularization.appliesToBias() && layer.hasBias() ? layer.b() : null;
                    default -> null;
                };
        if (theta == null) {
            return null;
        }
        DMatrixRMaj term = new DMatrixRMaj(theta.numRows, theta.numCols);
        regularization.addGradient(theta, term);
        if (org.ejml.dense.row.NormOps_DDRM.normF(term) == 0) {
            return null;
        }
        return slot.field() == Field.WEIGHT_GRADIENT ? slot.field().toLayout(layout(), term) : term;
    }

    /** The reference value of a slot in the layout's orientation. */
    DMatrixRMaj reference(Slot slot) {
        if (slot.field().isTrained()) {
            return trained == null ? null : slot.field().readTrained(trained.answer(), slot.layer());
        }
        return slot.field().read(layout(), reference, slot.layer());
    }

    // ---- A /train problem

    /**
     * The /train answer of a /train problem.
     *
     * @param answer the parameters after the steps and the loss history, as /train answers
     * @param problem the problem, with its optimizer and steps
     */
    record Trained(TrainResponse answer, GradeProblem problem) {}

    /** Whether the problem is a /train problem of one step from torch.optim's initial state. */
    boolean oneStep() {
        return trained != null
                && (trained.problem().steps() == null || trained.problem().steps() == 1)
                && trained.problem().state() == null;
    }

    /** η, the learning rate of a /train problem. */
    double learningRate() {
        return trained.problem().optimizer().learningRate();
    }

    /**
     * Whether the problem is one step of plain gradient descent, θ ← θ − η·(∂L/∂θ + weightDecay·θ):
     * torch's SGD on its first step without Nesterov (the momentum buffer starts as the gradient).
     */
    boolean plainGradientDescent() {
        OptimizerRequest optimizer = trained == null ? null : trained.problem().optimizer();
        return oneStep() && Sgd.NAME.equals(optimizer.name()) && !Boolean.TRUE.equals(optimizer.nesterov());
    }

    private double weightDecay() {
        Double weightDecay = trained.problem().optimizer().weightDecay();
        return weightDecay == null ? 0 : weightDecay;
    }

    /** The parameter of a /train field before the first step, in the engine's orientation; {@code null} for none. */
    private DMatrixRMaj startEngine(Slot slot) {
        Layer layer = problem.network().layers().get(slot.layer());
        return switch (slot.field()) {
            case WEIGHTS -> layer.W();
            case BIAS -> layer.b();
            case GAMMA -> layer.batchNorm() == null ? null : layer.batchNorm().gamma();
            case BETA -> layer.batchNorm() == null ? null : layer.batchNorm().beta();
            default -> null;
        };
    }

    /** The parameter of a /train field before the first step, as the problem sends it; {@code null} for none. */
    DMatrixRMaj start(Slot slot) {
        DMatrixRMaj start = startEngine(slot);
        return start == null ? null : slot.field().toLayout(layout(), start);
    }

    /** θ − η·(g + weightDecay·θ), one step of plain gradient descent, in the engine's orientation. */
    private DMatrixRMaj descend(DMatrixRMaj theta, DMatrixRMaj g) {
        DMatrixRMaj next = theta.copy();
        // θ ← θ − η·(g + λ·θ)
        org.ejml.dense.row.CommonOps_DDRM.addEquals(next, -learningRate(), g);
        org.ejml.dense.row.CommonOps_DDRM.addEquals(next, -learningRate() * weightDecay(), theta);
        return next;
    }

    /**
     * W_k (or b_k) after one step of plain gradient descent whose ∂L/∂W_k was computed with the
     * already updated parameters of the layers above it, in the layout's orientation; {@code null}
     * when the mistake does not apply (the top layer, a layer above with batch normalization, an
     * optimizer other than plain gradient descent) or the budget cannot pay for its backward pass.
     */
    DMatrixRMaj updatedWeightsInBackward(Slot slot) {
        int k = slot.layer();
        if (!plainGradientDescent()
                || (slot.field() != Field.WEIGHTS && slot.field() != Field.BIAS)
                || k >= depth() - 1) {
            return null;
        }
        List<Layer> layers = new ArrayList<>(problem.network().layers());
        for (int j = k + 1; j < layers.size(); j++) {
            Layer above = layers.get(j);
            if (above.batchNorm() != null) {
                return null;
            }
            TrainResponse.TrainedLayer updated = trained.answer().layers().get(j);
            DMatrixRMaj W = Field.WEIGHTS.toEngine(layout(), updated.weights());
            DMatrixRMaj b = above.hasBias() ? DMatrixRMaj.wrap(1, updated.bias().length, updated.bias()) : null;
            layers.set(j, above.with(W, b, null));
        }
        if (!spend(onePass)) {
            return null;
        }
        List<LayerForward> forward =
                reference.layers().stream().map(LayerGradients::forward).toList();
        Backprop.Backward backward = engine.backward(
                new dev.backprop.nn.Network(layers),
                problem.x(),
                new ForwardResult(forward),
                reference.outputGradient(),
                ActivationBackward.EXACT,
                problem.regularization());
        LayerGradients gradients = backward.layers().get(k);
        DMatrixRMaj g = slot.field() == Field.WEIGHTS ? gradients.dW() : gradients.db();
        return g == null ? null : slot.field().toLayout(layout(), descend(startEngine(slot), g));
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
     * A mistake in the step δ_k = ∂L/∂z_k ⊙ f′(s_k): the engine's {@link ActivationBackward} as a
     * student might get it wrong, which the backward pass runs in place of the exact one.
     */
    interface Twist extends ActivationBackward {
        /** Whether the mistake changes anything in a layer with this activation and these inputs. */
        boolean appliesTo(Activation f, DMatrixRMaj s);
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
            if (twist.appliesTo(layers.get(k).f(), reference.layers().get(k).s())) {
                applicable.add(k);
            }
        }
        List<Variant> result = new ArrayList<>();
        // each variant is one backward pass, paid from the grade's budget
        for (int k : applicable) {
            if (spend(onePass)) {
                result.add(new Variant("in layer " + (k + 1), List.of(k), backwardWith(twist, List.of(k))));
            }
        }
        if (applicable.size() > 1 && spend(onePass)) {
            result.add(new Variant("in every layer", applicable, backwardWith(twist, applicable)));
        }
        return result;
    }

    private BackpropResult backwardWith(Twist twist, List<Integer> twisted) {
        List<Layer> layers = problem.network().layers();
        List<LayerForward> forward =
                reference.layers().stream().map(LayerGradients::forward).toList();
        ActivationBackward backward =
                (k, f, s, z, g) -> (twisted.contains(k) ? twist : ActivationBackward.EXACT).delta(k, f, s, z, g);
        Backprop.Backward gradients = engine.backward(
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
            // one step is at most one matrix product of one layer: N·D_{k-1}·D_k multiply-adds
            Layer layer = problem.network().layers().get(slot.layer());
            if (!spend((long) samples() * layer.inputs() * layer.units())) {
                break;
            }
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
            // a parameter after one step of gradient descent, from the gradient the student sent
            case WEIGHTS, BIAS, GAMMA, BETA ->
                plainGradientDescent() ? List.of(new Slot(slot.field().gradient(), i)) : List.of();
            // v1.1's other fields are graded against the reference and the catalogue, not from the student's inputs
            default -> List.of();
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
                return engine.forward(layer, value.apply(new Slot(Field.ACTIVATION, i - 1)))
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
                        : engine.inputGradient(
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
                DMatrixRMaj dW = engine.weightGradient(zPrevious, value.apply(new Slot(Field.DELTA, i)));
                // ∂L/∂W_k = (the data loss's part) + 2·l2·W_k + l1·sign(W_k)
                problem.regularization().addGradient(layer.W(), dW);
                return dW;
            }
            case BIAS_GRADIENT: {
                if (!layer.hasBias()) {
                    return null;
                }
                DMatrixRMaj db = engine.biasGradient(value.apply(new Slot(Field.DELTA, i)));
                if (problem.regularization().appliesToBias()) {
                    problem.regularization().addGradient(layer.b(), db);
                }
                return db;
            }
            case WEIGHTS:
            case BIAS:
            case GAMMA:
            case BETA: {
                // θ ← θ − η·∂L/∂θ from the student's own gradient
                DMatrixRMaj theta = startEngine(slot);
                return theta == null
                        ? null
                        : descend(theta, value.apply(new Slot(slot.field().gradient(), i)));
            }
            default:
                throw new IllegalStateException(slot.toString());
        }
    }
}
