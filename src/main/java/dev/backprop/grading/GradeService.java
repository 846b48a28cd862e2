package dev.backprop.grading;

import dev.backprop.backprop.BackpropService;
import dev.backprop.backprop.BackpropService.Solved;
import dev.backprop.backprop.Warning;
import dev.backprop.limits.ComputeLimits;
import dev.backprop.train.TrainResponse;
import dev.backprop.train.TrainService;
import dev.backprop.web.ApiException;
import dev.backprop.web.ApiException.TypedFieldError;
import dev.backprop.web.JsonPointers;
import dev.backprop.web.ProblemType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ejml.data.DMatrixRMaj;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Grades a submission against the /backprop answer of its problem, entry by entry within a
 * tolerance, and names the known mistake ({@link Mistakes#CATALOGUE}) behind each wrong field.
 * Stateless.
 */
@Service
public class GradeService {

    private final BackpropService backprop;
    private final TrainService train;

    @Autowired
    public GradeService(BackpropService backprop, TrainService train) {
        this.backprop = backprop;
        this.train = train;
    }

    /** The grade in v1's form, whatever the request's {@code format}. */
    public GradeResponse grade(GradeRequest request) {
        return graded(request).response();
    }

    /**
     * The grade in the request's {@code format}: a {@link GradeResponse}, a {@link GradescopeResult}
     * or a {@link PrairieLearnResult}.
     */
    public Object respond(GradeRequest request) {
        Graded graded = graded(request);
        String format = request.format() == null ? GradeRequest.FORMAT_GRADE : request.format();
        return switch (format) {
            case GradeRequest.FORMAT_GRADESCOPE -> AutograderResults.gradescope(graded);
            case GradeRequest.FORMAT_PRAIRIELEARN -> AutograderResults.prairieLearn(graded);
            default -> graded.response();
        };
    }

    /**
     * A grade and what the autograder formats need beside it.
     *
     * @param response the v1 grade
     * @param weights each verdict's weight, index-aligned with {@code response.fields()}
     * @param reveal whether the reference values may be shown
     */
    record Graded(GradeResponse response, List<Double> weights, boolean reveal) {}

    private Graded graded(GradeRequest request) {
        List<TypedFieldError> errors = new ArrayList<>();
        if (request.problem() == null) {
            errors.add(new TypedFieldError(
                    ProblemType.MISSING_PROPERTY, "/problem", "/problem is required: a /backprop request"));
        }
        if (request.submission() == null) {
            errors.add(new TypedFieldError(
                    ProblemType.MISSING_PROPERTY,
                    "/submission",
                    "/submission is required: the fields of a /backprop response to grade"));
        }
        Tolerance tolerance = request.tolerance() == null ? Tolerance.DEFAULT : request.tolerance();
        checkTolerance(tolerance.rtol(), "/tolerance/rtol", errors);
        checkTolerance(tolerance.atol(), "/tolerance/atol", errors);
        if (request.format() != null && !FORMATS.contains(request.format())) {
            errors.add(new TypedFieldError(
                    ProblemType.INVALID_VALUE,
                    "/format",
                    "/format is \"" + request.format() + "\", but it is one of " + String.join(", ", FORMATS)));
        }
        if (!errors.isEmpty()) {
            throw ApiException.of(errors);
        }
        GradeProblem problem = request.problem();
        if (!problem.isTrain()) {
            for (String trainOnly : List.of("steps", "state")) {
                if (trainOnly.equals("steps") ? problem.steps() != null : problem.state() != null) {
                    errors.add(new TypedFieldError(
                            ProblemType.INVALID_VALUE,
                            "/problem/" + trainOnly,
                            "/problem/" + trainOnly + " is sent, but only a /train problem has it: send "
                                    + "/problem/optimizer too"));
                }
            }
        } else if (problem.outputGradient() != null) {
            errors.add(new TypedFieldError(
                    ProblemType.INVALID_VALUE,
                    "/problem/outputGradient",
                    "/problem/outputGradient is sent with /problem/optimizer, but a /train problem trains on y"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.of(errors);
        }
        boolean reveal = Boolean.TRUE.equals(request.reveal());
        // a /train problem's answer through /train's own service: its limits, its steps, its admission
        TrainResponse trained;
        try {
            trained = problem.isTrain() ? train.train(problem.train()) : null;
        } catch (ApiException e) {
            throw e.nestedUnder("/problem");
        }
        try {
            return backprop.solveAndThen(problem.backprop(), GRADE_COST, solved -> {
                try {
                    return graded(request, solved, trained, tolerance, reveal);
                } catch (ApiException e) {
                    throw new NotTheProblems(e);
                }
            });
        } catch (NotTheProblems e) {
            throw e.error;
        } catch (ApiException e) {
            throw e.nestedUnder("/problem");
        }
    }

    /** An error of the submission or the points, carried past the problem's error handling unchanged. */
    private static final class NotTheProblems extends RuntimeException {
        final transient ApiException error;

        NotTheProblems(ApiException error) {
            super(error.getMessage(), null, false, false);
            this.error = error;
        }
    }

    /**
     * What one grade may cost, in /backprop passes of its problem: the reference, and the
     * counterfactuals the catalogue recomputes within the rest. A problem whose grade would pass
     * the compute limits is a 422 before any work.
     */
    public static final int GRADE_COST = 8;

    /** The grade of a solved problem, inside the compute gate's admission. */
    private Graded graded(
            GradeRequest request, Solved solved, TrainResponse trained, Tolerance tolerance, boolean reveal) {
        Map<Slot, DMatrixRMaj> submitted = submitted(request.submission(), solved, trained);
        Map<Slot, Double> weights = weights(request.points(), submitted.keySet());
        long onePass = ComputeLimits.cost(
                        solved.prepared().network(), solved.prepared().x().numRows, true, ComputeLimits.Pass.BACKPROP)
                .multiplyAdds();
        GradingContext ctx = new GradingContext(
                solved.prepared(),
                solved.result(),
                trained == null ? null : new GradingContext.Trained(trained, request.problem()),
                submitted,
                tolerance,
                onePass,
                (GRADE_COST - 1) * onePass,
                solved.engine());

        List<FieldVerdict> fields = new ArrayList<>();
        List<Double> fieldWeights = new ArrayList<>();
        int correct = 0;
        int credited = 0;
        double earned = 0;
        double possible = 0;
        for (Map.Entry<Slot, DMatrixRMaj> entry : submitted.entrySet()) {
            FieldVerdict verdict = verdict(ctx, entry.getKey(), entry.getValue(), reveal);
            double weight = weights.get(entry.getKey());
            fields.add(verdict);
            fieldWeights.add(weight);
            correct += verdict.correct() ? 1 : 0;
            credited += verdict.earnsPoints() && !verdict.correct() ? 1 : 0;
            earned += verdict.earnsPoints() ? weight : 0;
            possible += weight;
        }
        GradeResponse response = new GradeResponse(
                earned / possible,
                correct,
                credited,
                fields.size(),
                fields,
                intoTheRequest(solved.response().warnings()));
        return new Graded(response, List.copyOf(fieldWeights), reveal);
    }

    private static final Pattern ANSWER_ENTRY = Pattern.compile("^/layers/(\\d+)/preActivation(/.*)?$");

    /**
     * The problem's warnings with pointers into this request: under /problem, and a warning about
     * an entry of s_k (which only the answer holds) at its layer, the entry named in the detail.
     */
    private static List<Warning> intoTheRequest(List<Warning> warnings) {
        if (warnings == null) {
            return null;
        }
        List<Warning> moved = new ArrayList<>();
        for (Warning warning : warnings) {
            Matcher entry = ANSWER_ENTRY.matcher(warning.pointer());
            if (entry.matches()) {
                moved.add(new Warning(
                        warning.code(),
                        "/problem/layers/" + entry.group(1),
                        warning.detail() + " (the first at " + warning.pointer() + " of the /backprop answer)"));
            } else {
                moved.add(new Warning(warning.code(), "/problem" + warning.pointer(), warning.detail()));
            }
        }
        return moved;
    }

    private static final List<String> FORMATS =
            List.of(GradeRequest.FORMAT_GRADE, GradeRequest.FORMAT_GRADESCOPE, GradeRequest.FORMAT_PRAIRIELEARN);

    /** Each submitted field's weight: its entry in {@code points}, else 1; a 400 for a pointer not submitted. */
    private static Map<Slot, Double> weights(Map<String, Double> points, Collection<Slot> submitted) {
        Map<Slot, Double> weights = new LinkedHashMap<>();
        Map<String, Slot> byPointer = new LinkedHashMap<>();
        for (Slot slot : submitted) {
            weights.put(slot, 1.0);
            byPointer.put(slot.pointer(), slot);
        }
        if (points == null) {
            return weights;
        }
        List<TypedFieldError> errors = new ArrayList<>();
        for (Map.Entry<String, Double> entry : points.entrySet()) {
            String pointer = JsonPointers.join("points", entry.getKey());
            Slot slot = byPointer.get(entry.getKey());
            Double weight = entry.getValue();
            if (slot == null) {
                errors.add(
                        new TypedFieldError(
                                ProblemType.INVALID_VALUE,
                                pointer,
                                pointer + " names \"" + entry.getKey()
                                        + "\", which is not a submitted field: the keys of "
                                        + "/points are pointers into /submission of fields it holds, e.g. /layers/0/weightGradient"));
            } else if (weight == null || !(weight > 0) || !Double.isFinite(weight)) {
                errors.add(new TypedFieldError(
                        ProblemType.INVALID_VALUE,
                        pointer,
                        pointer + " is " + weight + ", but a field's points are a finite number > 0"));
            } else {
                weights.put(slot, weight);
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.of(errors);
        }
        return weights;
    }

    private static FieldVerdict verdict(GradingContext ctx, Slot slot, DMatrixRMaj sent, boolean reveal) {
        DMatrixRMaj reference = ctx.reference(slot);
        Object revealed = reveal ? revealed(slot, reference) : null;
        Tolerance.Comparison comparison = ctx.tolerance().compare(sent, reference);
        if (comparison.allClose()) {
            return FieldVerdict.correct(slot.pointer(), comparison, revealed);
        }
        Finding finding = Mistakes.diagnose(ctx, slot, sent, reference);
        if (finding != null) {
            return FieldVerdict.diagnosed(slot.pointer(), comparison, finding, revealed);
        }
        return FieldVerdict.undiagnosed(
                slot.pointer(),
                comparison,
                ctx.budgetSpent()
                        ? "Not the reference. Not diagnosed: this grade's compute budget (" + GRADE_COST
                                + " passes of the problem) was spent on earlier fields; recompute " + slot.symbol()
                                + " step by step."
                        : "Not the reference, and not a mistake this grader knows: recompute " + slot.symbol()
                                + " step by step.",
                revealed);
    }

    /** The reference as the /backprop response writes it: a number, a vector or a matrix. */
    private static Object revealed(Slot slot, DMatrixRMaj reference) {
        if (slot.field().isScalar()) {
            return reference.get(0, 0);
        }
        return slot.field().isVector() ? reference.data.clone() : reference;
    }

    /** The submitted fields, in the order of the /backprop response, after checking they exist in the problem. */
    private static Map<Slot, DMatrixRMaj> submitted(Submission submission, Solved solved, TrainResponse trained) {
        Submitted slots = new Submitted(solved, trained);
        slots.put(Field.LOSS, 0, scalar(submission.loss()));
        slots.put(Field.DATA_LOSS, 0, scalar(submission.dataLoss()));
        slots.put(Field.REGULARIZATION_LOSS, 0, scalar(submission.regularizationLoss()));
        slots.put(Field.OUTPUT, 0, submission.output());
        slots.put(Field.OUTPUT_GRADIENT, 0, submission.outputGradient());
        slots.put(Field.INPUT_GRADIENT, 0, submission.inputGradient());
        slots.put(Field.LOSS_HISTORY, 0, vector(submission.lossHistory()));
        List<Submission.Layer> layers = submission.layers() == null ? List.of() : submission.layers();
        int depth = solved.result().layers().size();
        for (int i = 0; i < layers.size(); i++) {
            Submission.Layer layer = layers.get(i);
            String pointer = "/submission/layers/" + i;
            if (i >= depth) {
                slots.errors.add(new TypedFieldError(
                        ProblemType.INVALID_VALUE,
                        pointer,
                        pointer + " does not exist in the problem, which has " + depth
                                + " layer(s): /submission/layers is index-aligned with /problem/layers"));
                continue;
            }
            if (layer == null) {
                slots.errors.add(new TypedFieldError(
                        ProblemType.WRONG_TYPE,
                        pointer,
                        pointer + " must be an object, {} for a layer with nothing submitted"));
                continue;
            }
            slots.put(Field.PRE_ACTIVATION, i, layer.preActivation());
            slots.put(Field.ACTIVATION, i, layer.activation());
            slots.put(Field.ACTIVATION_GRADIENT, i, layer.activationGradient());
            slots.put(Field.DELTA, i, layer.delta());
            slots.put(Field.WEIGHT_GRADIENT, i, layer.weightGradient());
            slots.put(Field.BIAS_GRADIENT, i, vector(layer.biasGradient()));
            slots.put(Field.WEIGHTS, i, layer.weights());
            slots.put(Field.BIAS, i, vector(layer.bias()));
            Submission.BatchNorm norm = layer.batchNorm();
            if (norm != null) {
                slots.put(Field.BATCH_NORM_MEAN, i, vector(norm.mean()));
                slots.put(Field.BATCH_NORM_VARIANCE, i, vector(norm.variance()));
                slots.put(Field.BATCH_NORM_NORMALIZED, i, norm.normalized());
                slots.put(Field.BATCH_NORM_OUTPUT, i, norm.output());
                slots.put(Field.BATCH_NORM_OUTPUT_DELTA, i, norm.outputDelta());
                slots.put(Field.BATCH_NORM_GAMMA_GRADIENT, i, vector(norm.gammaGradient()));
                slots.put(Field.BATCH_NORM_BETA_GRADIENT, i, vector(norm.betaGradient()));
                slots.put(Field.GAMMA, i, vector(norm.gamma()));
                slots.put(Field.BETA, i, vector(norm.beta()));
            }
        }
        if (slots.errors.isEmpty() && slots.values.isEmpty()) {
            slots.errors.add(new TypedFieldError(
                    ProblemType.INVALID_VALUE,
                    "/submission",
                    "/submission has no field to grade: send at least one of the /backprop response's fields, e.g. "
                            + "loss, outputGradient or a layer's delta, weightGradient, biasGradient"));
        }
        if (!slots.errors.isEmpty()) {
            throw ApiException.of(slots.errors);
        }
        return slots.values;
    }

    /** The submitted fields as they are collected, with what is wrong with them. */
    private static final class Submitted {
        final Map<Slot, DMatrixRMaj> values = new LinkedHashMap<>();
        final List<TypedFieldError> errors = new ArrayList<>();
        private final Solved solved;
        private final TrainResponse trained;

        Submitted(Solved solved, TrainResponse trained) {
            this.solved = solved;
            this.trained = trained;
        }

        /** Records a sent field, or a 400 when the problem has no such value. */
        void put(Field field, int layer, DMatrixRMaj value) {
            if (value == null) {
                return;
            }
            Slot slot = new Slot(field, layer);
            DMatrixRMaj reference = !field.isTrained()
                    ? field.read(solved.prepared().layout(), solved.result(), layer)
                    : trained == null ? null : field.readTrained(trained, layer);
            if (reference == null) {
                String pointer = "/submission" + slot.pointer();
                errors.add(new TypedFieldError(
                        ProblemType.INVALID_VALUE,
                        pointer,
                        pointer + " is sent, but " + absent(slot, trained != null)));
                return;
            }
            values.put(slot, value);
        }

        private static String absent(Slot slot, boolean train) {
            if (slot.field().isTrained() && !train) {
                return "the problem has no optimizer: the parameters after a step and the loss history are the "
                        + "answer of a /train problem";
            }
            return switch (slot.field()) {
                case BIAS -> "layer " + slot.layer() + " of the problem has no bias";
                case LOSS, DATA_LOSS -> "the problem gives outputGradient instead of y, so it has no loss";
                case BIAS_GRADIENT ->
                    "layer " + slot.layer() + " of the problem has no bias, so it has no bias gradient";
                default -> "layer " + slot.layer() + " of the problem has no batchNorm, so it has no " + slot.symbol();
            };
        }
    }

    private static DMatrixRMaj scalar(Double value) {
        return value == null ? null : new DMatrixRMaj(new double[][] {{value}});
    }

    private static DMatrixRMaj vector(double[] value) {
        return value == null ? null : DMatrixRMaj.wrap(1, value.length, value);
    }

    private static void checkTolerance(double value, String pointer, List<TypedFieldError> errors) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            errors.add(new TypedFieldError(
                    ProblemType.INVALID_VALUE,
                    pointer,
                    pointer + " is " + value + ", but a tolerance is a finite number ≥ 0"));
        }
    }
}
