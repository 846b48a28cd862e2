package dev.backprop.grading;

import dev.backprop.backprop.Layout;
import dev.backprop.backprop.Orientation;
import dev.backprop.nn.Activation;
import dev.backprop.nn.ActivationBackward;
import dev.backprop.nn.Loss;
import dev.backprop.nn.LossFunction;
import dev.backprop.nn.Reduction;
import dev.backprop.nn.Regularization;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The catalogue of known mistakes: {@link #CATALOGUE}, one row per mistake, each a small function
 * that recomputes what the mistake would produce for this problem and says whether it reproduces
 * the student's wrong field. Rows are tried in order and the first that reproduces the field
 * names it; adding a mistake is adding a row.
 */
final class Mistakes {

    /**
     * A known mistake.
     *
     * @param code its stable code, the response's {@code diagnosis}
     * @param meaning what the student did, for the API documentation
     * @param detector whether it reproduces a wrong field
     */
    record Mistake(String code, String meaning, Detector detector) {}

    /**
     * A mistake reproduces the field.
     *
     * @param factor the factor of a {@code scaled} field, else {@code null}
     * @param hint what is wrong, for the student, without the reference's numbers
     * @param credited whether the field counts as correct (right given the student's earlier error)
     */
    record Match(Double factor, String hint, boolean credited) {

        Match(String hint) {
            this(null, hint, false);
        }
    }

    @FunctionalInterface
    interface Detector {
        /**
         * @param ctx the grading
         * @param slot the field
         * @param sent the student's value, in the layout's orientation
         * @param reference the reference value, in the layout's orientation
         * @return what the mistake says about the field, or {@code null} when it does not reproduce it
         */
        Match find(GradingContext ctx, Slot slot, DMatrixRMaj sent, DMatrixRMaj reference);
    }

    static final List<Mistake> CATALOGUE = List.of(
            new Mistake(
                    "transposed",
                    "The reference transposed: the right numbers with rows and columns swapped, typically "
                            + "∂L/∂W_k or z_k in another layout's orientation.",
                    Mistakes::transposed),
            new Mistake(
                    "shape-mismatch",
                    "Another shape than the reference's; the hint names the shape the problem's layout needs.",
                    Mistakes::shapeMismatch),
            new Mistake(
                    "error-carried-forward",
                    "Wrong, yet exactly what one correct step computes from the student's own wrong "
                            + "submitted inputs (their δ_{k+1}, s_k or z_k for δ_k; their δ_k or z_{k-1} for ∂L/∂W_k; ...): the verdict is "
                            + "`correct-given-earlier-error` and the field counts towards the score.",
                    Mistakes::errorCarriedForward),
            new Mistake(
                    "sign-flipped",
                    "Every entry has the opposite sign, e.g. an error taken as y − y_out instead of y_out − y.",
                    Mistakes::signFlipped),
            new Mistake(
                    "update-sign",
                    "A parameter after a step of a /train problem that went uphill: W_k + η·∂L/∂W_k (in general "
                            + "the start minus the optimizer's update) where gradient descent takes W_k − η·∂L/∂W_k.",
                    Mistakes::updateSign),
            new Mistake(
                    "missing-learning-rate",
                    "A parameter after one step of gradient descent (sgd) taken as W_k − ∂L/∂W_k: the gradient "
                            + "not multiplied by the learning rate η.",
                    Mistakes::missingLearningRate),
            new Mistake(
                    "updated-weights-in-backward",
                    "A lower layer's parameter after one step of gradient descent (sgd) whose gradient was "
                            + "computed with the already updated weights of the layers above it: every ∂L/∂W_k of a "
                            + "step comes from the one backward pass with the weights before the step.",
                    Mistakes::updatedWeightsInBackward),
            new Mistake(
                    "missing-regularization",
                    "A weight (or bias) gradient without the regularization's term 2·l2·W_k + l1·sign(W_k), or a "
                            + "loss without the penalty R: the data loss's part alone.",
                    (ctx, slot, sent, reference) -> regularization(ctx, slot, sent, reference, true)),
            new Mistake(
                    "regularization-factor",
                    "The regularization's term off by 2 or ½: 2·l2·W_k taken as l2·W_k (the 2 of the square "
                            + "forgotten, or a course's ½·reg read as l2) or as 4·l2·W_k, or R counted twice or half.",
                    (ctx, slot, sent, reference) -> regularization(ctx, slot, sent, reference, false)),
            new Mistake(
                    "relu-derivative-at-zero",
                    "relu′(0) (or leaky-relu′(0)) taken as 1 where a ReLU input s is exactly 0; "
                            + "the convention, PyTorch's, is relu′(0) = 0.",
                    variant(Mistakes::reluDerivativeAtZero, new ReluDerivativeAtZero())),
            new Mistake(
                    "missing-activation-derivative",
                    "δ_k = ∂L/∂z_k without the factor ⊙ f′(s_k), in one layer or in every " + "layer.",
                    variant(Mistakes::missingDerivative, new MissingDerivative())),
            new Mistake(
                    "derivative-at-activation",
                    "f′ evaluated at the activation z_k = f(s_k) instead of at s_k, e.g. σ′ taken "
                            + "as σ(z)(1 − σ(z)) where z(1 − z) was meant.",
                    variant(Mistakes::derivativeAtActivation, new DerivativeAtActivation())),
            new Mistake(
                    "scaled",
                    "Every entry is a constant `factor` times the reference; the hint names the likely cause: 2 when "
                            + "the ½ of half-sse was dropped, N or 1/N for sum versus mean over the samples, 2/(N·D_L) for mse versus "
                            + "half-sse. A single number (the loss, a 1×1 field) is `scaled` only by a factor the problem "
                            + "explains (2, ½, N, 1/N, D_L, 1/D_L, N·D_L, 1/(N·D_L) or a reduction's ratio); any other "
                            + "wrong number has the diagnosis null and its error.",
                    Mistakes::scaled));

    private Mistakes() {}

    /** The first mistake of the catalogue that reproduces the wrong field, or {@code null}. */
    static Finding diagnose(GradingContext ctx, Slot slot, DMatrixRMaj sent, DMatrixRMaj reference) {
        for (Mistake mistake : CATALOGUE) {
            Match match = mistake.detector().find(ctx, slot, sent, reference);
            if (match != null) {
                return new Finding(mistake.code(), match.factor(), match.hint(), match.credited());
            }
        }
        return null;
    }

    // ---- Shape

    private static Match transposed(GradingContext ctx, Slot slot, DMatrixRMaj sent, DMatrixRMaj reference) {
        if (sent.numRows != reference.numCols
                || sent.numCols != reference.numRows
                || reference.getNumElements() == 1
                || !ctx.tolerance().closeToTranspose(sent, reference)) {
            return null;
        }
        String sentShape = sent.numRows == sent.numCols
                ? "the transpose of the answer"
                : shape(sent) + ", the reference transposed";
        String convention = ctx.layout() == Layout.DIMENSION_FIRST
                        && slot.field().orientation() == Orientation.BACKWARD
                ? " If your course keeps " + slot.symbol() + " with one column per sample (D×N, deeplearning.ai's dZ), "
                        + "set the problem's layout to dimension-first-throughout."
                : "";
        return new Match("You sent " + sentShape + ": " + expectedShape(ctx, slot, reference) + "." + convention);
    }

    private static Match shapeMismatch(GradingContext ctx, Slot slot, DMatrixRMaj sent, DMatrixRMaj reference) {
        if (sent.numRows == reference.numRows && sent.numCols == reference.numCols) {
            return null;
        }
        String sentShape = slot.field().isVector() ? "a vector of " + sent.getNumElements() + " numbers" : shape(sent);
        return new Match("You sent " + sentShape + "; " + expectedShape(ctx, slot, reference) + ".");
    }

    private static String expectedShape(GradingContext ctx, Slot slot, DMatrixRMaj reference) {
        if (slot.field() == Field.LOSS_HISTORY) {
            return "the loss history is steps + 1 = " + reference.getNumElements()
                    + " numbers, L_0 before the first step to L_steps after the last";
        }
        String symbolic = slot.field().shape(ctx.layout(), slot.layer(), ctx.depth());
        if (slot.field().isVector()) {
            return slot.symbol() + " is " + symbolic + " = " + reference.getNumElements() + " numbers, one per unit";
        }
        return "in the " + ctx.layout().apiName() + " layout " + slot.symbol() + " is " + symbolic + " ("
                + shape(reference) + ")";
    }

    // ---- Error carried forward

    private static Match errorCarriedForward(GradingContext ctx, Slot slot, DMatrixRMaj sent, DMatrixRMaj reference) {
        for (GradingContext.Recomputed recomputed : ctx.fromOwnInputs(slot)) {
            if (ctx.close(sent, recomputed.value())) {
                String inputs =
                        recomputed.wrongInputs().stream().map(Slot::pointer).collect(Collectors.joining(" and "));
                return new Match(
                        null,
                        "Not the reference, but right given your own " + inputs
                                + ", which " + (recomputed.wrongInputs().size() == 1 ? "is" : "are")
                                + " wrong: graded correct-given-earlier-error, so that earlier slip is counted once.",
                        true);
            }
        }
        return null;
    }

    // ---- Sign

    private static Match signFlipped(GradingContext ctx, Slot slot, DMatrixRMaj sent, DMatrixRMaj reference) {
        if (!ctx.close(sent, scale(reference, -1))) {
            return null;
        }
        String cause = slot.field().isGradient()
                ? "the error is y_out − y, not y − y_out (a gradient points uphill; the update subtracts it)"
                : "check the signs in the forward step "
                        + ctx.layout().forwardLatex().replace("\\cdot", "·").replace("^\\top", "ᵀ");
        return new Match("Every entry has the opposite sign: " + cause + ".");
    }

    // ---- A step of a /train problem

    private static Match updateSign(GradingContext ctx, Slot slot, DMatrixRMaj sent, DMatrixRMaj reference) {
        DMatrixRMaj start = ctx.oneStep() ? ctx.start(slot) : null;
        if (start == null) {
            return null;
        }
        // the start minus the update: θ_0 − (θ_1 − θ_0)
        DMatrixRMaj uphill = scale(start, 2);
        CommonOps_DDRM.addEquals(uphill, -1, reference);
        if (!ctx.close(sent, uphill)) {
            return null;
        }
        return new Match("This step went uphill, " + parameter(slot) + " + η·" + gradient(slot)
                + ": gradient descent steps against the gradient, " + descent(ctx, slot) + ".");
    }

    private static Match missingLearningRate(GradingContext ctx, Slot slot, DMatrixRMaj sent, DMatrixRMaj reference) {
        DMatrixRMaj start = ctx.plainGradientDescent() ? ctx.start(slot) : null;
        if (start == null || ctx.learningRate() == 0 || ctx.learningRate() == 1) {
            return null;
        }
        // θ_0 + (θ_1 − θ_0)/η = θ_0 − ∂L/∂θ
        DMatrixRMaj withoutRate = start.copy();
        DMatrixRMaj update = reference.copy();
        CommonOps_DDRM.addEquals(update, -1, start);
        CommonOps_DDRM.addEquals(withoutRate, 1 / ctx.learningRate(), update);
        if (!ctx.close(sent, withoutRate)) {
            return null;
        }
        return new Match("This is " + parameter(slot) + " − " + gradient(slot) + ", a step without the learning rate: "
                + descent(ctx, slot) + ".");
    }

    private static Match updatedWeightsInBackward(
            GradingContext ctx, Slot slot, DMatrixRMaj sent, DMatrixRMaj reference) {
        DMatrixRMaj mistaken = ctx.updatedWeightsInBackward(slot);
        if (mistaken == null || !ctx.close(sent, mistaken)) {
            return null;
        }
        int k = slot.layer() + 1;
        return new Match("This step's " + gradient(slot) + " was computed with the already updated weights of the "
                + "layers above layer " + slot.layer() + ": first compute every gradient in one backward pass with "
                + "the weights before the step (δ_" + k + " from W_" + (k + 1) + " as it was), then update every "
                + "parameter, " + descent(ctx, slot) + ".");
    }

    /** The parameter's symbol, e.g. W_2. */
    private static String parameter(Slot slot) {
        return slot.field().symbol(slot.layer());
    }

    /** The gradient the parameter steps along, e.g. ∂L/∂W_2. */
    private static String gradient(Slot slot) {
        return slot.field().gradient().symbol(slot.layer());
    }

    /** The rule of one step, e.g. W_2 ← W_2 − η·∂L/∂W_2 with η = 0.5. */
    private static String descent(GradingContext ctx, Slot slot) {
        return parameter(slot) + " ← " + parameter(slot) + " − η·" + gradient(slot) + " with η = "
                + decimal(ctx.learningRate());
    }

    // ---- The regularization's term

    /**
     * The field as a student computes it with the regularization's part scaled by c: c = 0
     * (missing) or c = 2, ½ (its factor wrong); for the gradient of W_k (and b_k with
     * {@code includeBias}), the total loss and R itself.
     */
    private static Match regularization(
            GradingContext ctx, Slot slot, DMatrixRMaj sent, DMatrixRMaj reference, boolean missing) {
        Regularization regularization = ctx.problem().regularization();
        double[] factors = missing ? new double[] {0} : new double[] {2, 0.5};
        for (double c : factors) {
            DMatrixRMaj mistaken = withRegularizationScaled(ctx, slot, reference, c);
            if (mistaken != null && ctx.close(sent, mistaken)) {
                return new Match(
                        missing ? missingRegularizationHint(ctx, slot) : regularizationFactorHint(ctx, slot, c));
            }
        }
        return null;
    }

    /** The reference with its regularization part times c, or {@code null} when the field has none. */
    private static DMatrixRMaj withRegularizationScaled(
            GradingContext ctx, Slot slot, DMatrixRMaj reference, double c) {
        double R = ctx.regularizationLoss();
        if (slot.field() == Field.LOSS || slot.field() == Field.REGULARIZATION_LOSS) {
            if (R == 0 || (slot.field() == Field.REGULARIZATION_LOSS && c == 0)) {
                return null;
            }
            double data = slot.field() == Field.LOSS ? ctx.dataLoss() : 0;
            return new DMatrixRMaj(new double[][] {{data + c * R}});
        }
        DMatrixRMaj term = ctx.regularizationGradient(slot);
        if (term == null) {
            return null;
        }
        // the reference − (1 − c)·term: the data loss's part plus c times the regularization's
        DMatrixRMaj mistaken = reference.copy();
        CommonOps_DDRM.addEquals(mistaken, c - 1, term);
        return mistaken;
    }

    private static String missingRegularizationHint(GradingContext ctx, Slot slot) {
        if (slot.field() == Field.LOSS) {
            return "This is the data loss alone: the problem's loss is L = L_data + R with R = "
                    + penaltyFormula(ctx.problem().regularization()) + ".";
        }
        return "This is the data loss's gradient alone: with the problem's regularization, "
                + gradientFormula(ctx, slot) + ".";
    }

    private static String regularizationFactorHint(GradingContext ctx, Slot slot, double c) {
        String times = c == 2 ? "twice" : "half";
        if (slot.field() == Field.LOSS || slot.field() == Field.REGULARIZATION_LOSS) {
            return "The regularization's penalty is counted " + times + ": R = "
                    + penaltyFormula(ctx.problem().regularization())
                    + " (a course's ½·λ·‖W‖² is l2 = λ/2 here).";
        }
        return "The regularization's term is " + times + " what it should be: " + gradientFormula(ctx, slot)
                + "; the 2 of 2·l2 comes from the square in l2·‖W‖² (a course's ½·λ·‖W‖² is l2 = λ/2, whose term is λ·W).";
    }

    /** R in words: l2·Σ_k ‖W_k‖²_F + l1·Σ_k Σ|W_k| with the problem's coefficients. */
    private static String penaltyFormula(Regularization regularization) {
        List<String> parts = new ArrayList<>();
        String biases = regularization.appliesToBias() ? " (and the biases)" : "";
        if (regularization.l2() != 0) {
            parts.add(decimal(regularization.l2()) + "·Σ_k ‖W_k‖²" + biases);
        }
        if (regularization.l1() != 0) {
            parts.add(decimal(regularization.l1()) + "·Σ_k Σ|W_k|" + biases);
        }
        return String.join(" + ", parts);
    }

    /** The field's gradient with the regularization's term, in the layout's notation, e.g. ∂L/∂W_2 = z_1ᵀ·δ_2 + 2·0.05·W_2. */
    private static String gradientFormula(GradingContext ctx, Slot slot) {
        Regularization regularization = ctx.problem().regularization();
        int k = slot.layer() + 1;
        String parameter = slot.field() == Field.BIAS_GRADIENT ? "b_" + k : "W_" + k;
        String data = slot.field() == Field.BIAS_GRADIENT
                ? "∂L/∂b_" + k + " = Σ_n δ_" + k
                : plain(ctx.layout().weightGradientLatex(), k);
        StringBuilder formula = new StringBuilder(data);
        if (regularization.l2() != 0) {
            formula.append(" + 2·")
                    .append(decimal(regularization.l2()))
                    .append("·")
                    .append(parameter);
        }
        if (regularization.l1() != 0) {
            formula.append(" + ")
                    .append(decimal(regularization.l1()))
                    .append("·sign(")
                    .append(parameter)
                    .append(")");
        }
        return formula.toString();
    }

    /** A coefficient as the request wrote it, e.g. 0.05. */
    private static String decimal(double value) {
        return new java.math.BigDecimal(Double.toString(value))
                .stripTrailingZeros()
                .toPlainString();
    }

    /** A layout's LaTeX formula in plain text for layer k, e.g. ∂L/∂W_2 = δ_2ᵀ·z_1ᵀ. */
    private static String plain(String latex, int k) {
        return latex.replace("\\frac{\\partial L}{\\partial W_k}", "∂L/∂W_k")
                .replace("\\delta_k", "δ_k")
                .replace(" \\cdot ", "·")
                .replace("^\\top", "ᵀ")
                .replace("_{k-1}", "_" + (k - 1))
                .replace("_k", "_" + k);
    }

    // ---- The activation's derivative, made wrong in one layer or in all

    /** relu′(0) taken as 1 (leaky-relu′(0) too): δ = g where s = 0. */
    private static final class ReluDerivativeAtZero implements GradingContext.Twist {
        @Override
        public boolean appliesTo(Activation f, DMatrixRMaj s) {
            return f.kinkTies(s).length > 0;
        }

        @Override
        public DMatrixRMaj delta(int k, Activation f, DMatrixRMaj s, DMatrixRMaj z, DMatrixRMaj g) {
            DMatrixRMaj delta = ActivationBackward.EXACT.delta(k, f, s, z, g);
            for (int i : f.kinkTies(s)) {
                delta.data[i] = g.data[i];
            }
            return delta;
        }
    }

    /** δ_k = ∂L/∂z_k, the ⊙ f′(s_k) forgotten. */
    private static final class MissingDerivative implements GradingContext.Twist {
        @Override
        public boolean appliesTo(Activation f, DMatrixRMaj s) {
            return f != Activation.IDENTITY;
        }

        @Override
        public DMatrixRMaj delta(int k, Activation f, DMatrixRMaj s, DMatrixRMaj z, DMatrixRMaj g) {
            return g.copy();
        }
    }

    /** δ_k = ∂L/∂z_k ⊙ f′(z_k): the derivative evaluated at the activation instead of s_k. */
    private static final class DerivativeAtActivation implements GradingContext.Twist {
        @Override
        public boolean appliesTo(Activation f, DMatrixRMaj s) {
            return f != Activation.IDENTITY;
        }

        @Override
        public DMatrixRMaj delta(int k, Activation f, DMatrixRMaj s, DMatrixRMaj z, DMatrixRMaj g) {
            DMatrixRMaj fOfZ = new DMatrixRMaj(z.numRows, z.numCols);
            f.forward(z, fOfZ);
            DMatrixRMaj delta = new DMatrixRMaj(s.numRows, s.numCols);
            f.backward(z, fOfZ, g, delta);
            return delta;
        }
    }

    /** The hint of a mistake in the backward pass, given where it was made. */
    @FunctionalInterface
    private interface VariantHint {
        String of(GradingContext ctx, Slot slot, GradingContext.Variant variant);
    }

    /** A row that recomputes the backward pass with a twist and compares the student's field with it. */
    private static Detector variant(VariantHint hint, GradingContext.Twist twist) {
        return (ctx, slot, sent, reference) -> {
            for (GradingContext.Variant variant : ctx.variants(twist)) {
                DMatrixRMaj mistaken = slot.field().read(ctx.layout(), variant.result(), slot.layer());
                if (mistaken != null && ctx.close(sent, mistaken)) {
                    return new Match(hint.of(ctx, slot, variant));
                }
            }
            return null;
        };
    }

    private static String reluDerivativeAtZero(GradingContext ctx, Slot slot, GradingContext.Variant variant) {
        return "This matches a backward pass with relu′(0) taken as 1 " + variant.where()
                + ": where a ReLU input s is exactly 0 "
                + "the convention (PyTorch's) is relu′(0) = 0 (leaky-relu′(0) = 0.01), so δ there gets no gradient through the ReLU.";
    }

    private static String missingDerivative(GradingContext ctx, Slot slot, GradingContext.Variant variant) {
        return "This matches a backward pass where δ lacks the factor f′(s) " + variant.where() + " ("
                + activations(ctx, variant) + "): δ_k = ∂L/∂z_k ⊙ f′(s_k), not ∂L/∂z_k alone.";
    }

    private static String derivativeAtActivation(GradingContext ctx, Slot slot, GradingContext.Variant variant) {
        return "This matches a backward pass with f′ evaluated at the activation z_k = f(s_k) instead of at s_k "
                + variant.where()
                + " (" + activations(ctx, variant)
                + "): δ_k = ∂L/∂z_k ⊙ f′(s_k). When f′ is written with z, as σ′(s) = z(1 − z), "
                + "do not apply f to z again.";
    }

    private static String activations(GradingContext ctx, GradingContext.Variant variant) {
        return variant.layers().stream()
                .map(k -> "f_" + (k + 1) + " = "
                        + ctx.problem().network().layers().get(k).f().apiName())
                .collect(Collectors.joining(", "));
    }

    // ---- A constant factor

    /**
     * A likely constant factor between the student's field and the reference, and its cause.
     *
     * @param factor the student's value divided by the reference
     * @param cause why a student gets it
     */
    private record Scale(double factor, String cause) {}

    /**
     * The factors the problem's loss explains, most likely first: its constants (the ½ of half-sse,
     * the 2 of the square), a reduction other than the problem's (sum, mean over the terms, mean over
     * the samples), and for the squared errors mse and half-sse taken for each other.
     */
    private static List<Scale> likelyScales(GradingContext ctx) {
        int N = ctx.samples();
        int D = ctx.outputs();
        int m = N * D;
        LossFunction lossFunction = ctx.problem().loss();
        if (lossFunction == null) {
            // a given ∂L/∂y_out (a layer test) has no loss whose constants or reduction a student could get wrong
            return List.of();
        }
        Loss loss = lossFunction.loss();
        Reduction reduction = lossFunction.reduction();
        int terms = loss.terms(N, D);
        double divisor = reduction.divisor(terms, N);
        List<Scale> scales = new ArrayList<>();
        switch (loss) {
            case HALF_SSE -> {
                scales.add(new Scale(2, "the ½ of the half-sse loss was dropped"));
                scales.add(new Scale(
                        0.5,
                        "a second ½ crept in: half-sse's ½ cancels the 2 of the square, so ∂L/∂y_out = y_out − y"));
            }
            case SSE -> scales.add(new Scale(0.5, "a ½ crept in: sse has no ½, so ∂L/∂y_out = 2·(y_out − y)"));
            case MSE ->
                scales.add(new Scale(
                        0.5, "the 2 of the square was dropped: ∂L/∂y_out = 2/(N·D_L)·(y_out − y) for mse's mean"));
            default -> {}
        }
        // a mean over the samples is the likelier confusion than one over every entry
        for (Reduction other : List.of(Reduction.SUM, Reduction.BATCH_MEAN, Reduction.MEAN)) {
            double factor = divisor / other.divisor(terms, N);
            scales.add(new Scale(
                    factor,
                    "you " + reductionWords(other, terms, N, loss) + ", but this problem's " + loss.apiName() + " "
                            + reductionRule(reduction, N) + " (reduction " + reduction.apiName() + ")"));
        }
        if (loss == Loss.HALF_SSE) {
            scales.add(new Scale(
                    2 * divisor / m,
                    "this is mse versus half-sse: you took the mean over the N·D_L = " + m
                            + " entries with the 2 of the square (mse), where half-sse (½·sum) was asked"));
        }
        if (loss == Loss.MSE) {
            scales.add(new Scale(
                    divisor / 2,
                    "this is mse versus half-sse: you used ½·sum (half-sse) where mse, the mean over the N·D_L = " + m
                            + " entries with the 2 of the square, was asked"));
        }
        scales.removeIf(scale -> scale.factor() == 1);
        // the first cause of a factor is the likeliest; later rows with the same factor add nothing
        List<Scale> distinct = new ArrayList<>();
        for (Scale scale : scales) {
            if (distinct.stream().noneMatch(seen -> seen.factor() == scale.factor())) {
                distinct.add(scale);
            }
        }
        return distinct;
    }

    /** What a reduction does, in words: "summed the N·D_L = 6 terms", "divided by N = 3", ... */
    private static String reductionWords(Reduction reduction, int terms, int N, Loss loss) {
        String what = loss.perSample() ? "the N = " + N + " per-sample terms" : "the N·D_L = " + terms + " terms";
        return switch (reduction) {
            case SUM -> "summed " + what;
            case MEAN -> "took the mean of " + what;
            case BATCH_MEAN -> "summed " + what + " and divided by N = " + N;
        };
    }

    /** What a reduction does to the terms, as a rule: "sums its terms", ... */
    private static String reductionRule(Reduction reduction, int N) {
        return switch (reduction) {
            case SUM -> "sums its terms";
            case MEAN -> "takes the mean of its terms";
            case BATCH_MEAN -> "divides the sum of its terms by N = " + N;
        };
    }

    /**
     * The factors that explain a wrong single number without a cause the loss names: the
     * problem's N, D_L and N·D_L, 2, and their inverses.
     */
    private static List<Scale> explainedFactors(GradingContext ctx) {
        int N = ctx.samples();
        int D = ctx.outputs();
        List<Scale> factors = new ArrayList<>();
        String samples = "N = " + N + ", the number of samples";
        String outputs = "D_L = " + D + ", the number of outputs";
        String entries = "N·D_L = " + N * D + ", the number of output entries";
        for (String[] row : new String[][] {{"2", "2"}, {"N", samples}, {"D", outputs}, {"ND", entries}}) {
            double value =
                    switch (row[0]) {
                        case "2" -> 2;
                        case "N" -> N;
                        case "D" -> D;
                        default -> N * D;
                    };
            factors.add(new Scale(value, "a factor of " + row[1] + ", too many"));
            factors.add(new Scale(1 / value, "a factor of " + row[1] + ", too few"));
        }
        factors.removeIf(scale -> scale.factor() == 1);
        return factors;
    }

    private static Match scaled(GradingContext ctx, Slot slot, DMatrixRMaj sent, DMatrixRMaj reference) {
        boolean single = reference.getNumElements() == 1;
        String subject = slot.field() == Field.LOSS
                ? "Your loss is "
                : single ? "Your " + slot.symbol() + " is " : "Every entry is ";
        // the loss's constants explain a factor in the loss and in every gradient, not in the forward pass
        if (slot.field().isLoss() || slot.field().isGradient()) {
            for (Scale scale : likelyScales(ctx)) {
                if (ctx.close(sent, scale(reference, scale.factor()))) {
                    return new Match(
                            scale.factor(),
                            subject + format(scale.factor()) + "× the reference: " + scale.cause() + ".",
                            false);
                }
            }
        }
        if (single) {
            // any wrong number is some multiple of the reference: only a factor the problem explains says something
            for (Scale scale : explainedFactors(ctx)) {
                if (ctx.close(sent, scale(reference, scale.factor()))) {
                    return new Match(
                            scale.factor(),
                            subject + format(scale.factor()) + "× the reference: " + scale.cause()
                                    + "; compare the constants of your formula with those of "
                                    + constantsOf(ctx) + ".",
                            false);
                }
            }
            return null;
        }
        double factor = leastSquaresFactor(sent, reference);
        if (!Double.isFinite(factor)
                || factor == 0
                || Math.abs(factor - 1) < 1e-9
                || !ctx.close(sent, scale(reference, factor))) {
            return null;
        }
        return new Match(
                factor,
                subject + format(factor) + "× the reference: a constant factor went astray; compare the constants"
                        + " of your formulas (½, 2, 1/N) with those of "
                        + constantsOf(ctx) + ".",
                false);
    }

    /** Whose constants a factor is compared with: the problem's loss, or a layer test's given ∂L/∂y_out. */
    private static String constantsOf(GradingContext ctx) {
        return ctx.problem().loss() == null
                ? "the backward pass from the given ∂L/∂y_out"
                : ctx.problem().loss().loss().apiName();
    }

    /** c minimising ‖a − c·r‖: ⟨a, r⟩ / ⟨r, r⟩. */
    private static double leastSquaresFactor(DMatrixRMaj a, DMatrixRMaj r) {
        double ar = 0;
        double rr = 0;
        for (int i = 0; i < r.getNumElements(); i++) {
            ar += a.data[i] * r.data[i];
            rr += r.data[i] * r.data[i];
        }
        return ar / rr;
    }

    private static DMatrixRMaj scale(DMatrixRMaj matrix, double factor) {
        DMatrixRMaj scaled = new DMatrixRMaj(matrix.numRows, matrix.numCols);
        CommonOps_DDRM.scale(factor, matrix, scaled);
        return scaled;
    }

    /** 2 as "2", 0.25 as "1/4", anything else with up to 6 significant digits. */
    static String format(double factor) {
        if (factor == Math.rint(factor) && Math.abs(factor) < 1e9) {
            return Long.toString((long) factor);
        }
        double inverse = 1 / factor;
        if (Math.abs(inverse - Math.rint(inverse)) < 1e-9 * Math.abs(inverse)) {
            return (inverse < 0 ? "-" : "") + "1/" + Math.abs(Math.round(inverse));
        }
        return new java.math.BigDecimal(factor)
                .round(new java.math.MathContext(6))
                .stripTrailingZeros()
                .toPlainString();
    }

    private static String shape(DMatrixRMaj matrix) {
        return matrix.numRows + "×" + matrix.numCols;
    }
}
