package dev.backprop.grading;

import static dev.backprop.support.TestProblems.matrix;
import static dev.backprop.support.TestProblems.scale;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.backprop.BackpropRequest;
import dev.backprop.backprop.BackpropResponse;
import dev.backprop.backprop.BackpropService;
import dev.backprop.backprop.BatchNormRequest;
import dev.backprop.backprop.BatchNormResponse;
import dev.backprop.backprop.LayerRequest;
import dev.backprop.backprop.LayerResponse;
import dev.backprop.backprop.Layout;
import dev.backprop.backprop.Quantity;
import dev.backprop.backprop.RegularizationRequest;
import dev.backprop.support.Services;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A correct answer scores 1.0 in every layout and course convention, with every field a
 * /backprop answer has (v1.1's ∂L/∂x, ∂L/∂z_k, the loss's parts and batch normalization's terms
 * too): the problems are one network written in each layout.
 */
class GradeConventionsTests {

    private final BackpropService backprop = Services.backprop();
    private final GradeService grader = Services.grader(backprop);

    @ParameterizedTest
    @EnumSource(Layout.class)
    void everyFieldOfACorrectAnswerIsCorrectInEveryLayout(Layout layout) {
        BackpropRequest problem = regularizedBatchNormProblem(layout);
        BackpropResponse answer = backprop.backprop(problem);
        GradeResponse grade = grader.grade(new GradeRequest(problem, everything(answer), null, null));

        // loss, dataLoss, regularizationLoss, output, outputGradient, inputGradient; per layer s, z, ∂L/∂z, δ, ∂L/∂W,
        // ∂L/∂b; layer 0's seven batch-norm terms
        assertThat(grade.total()).isEqualTo(6 + 2 * 6 + 7);
        assertThat(grade.fields())
                .allSatisfy(field -> assertThat(field.verdict())
                        .as(field.pointer() + ": " + field.hint())
                        .isEqualTo("correct"));
        assertThat(grade.score()).isEqualTo(1.0);
        assertThat(grade.fields())
                .extracting(FieldVerdict::pointer)
                .contains(
                        "/inputGradient",
                        "/dataLoss",
                        "/regularizationLoss",
                        "/layers/1/activationGradient",
                        "/layers/0/batchNorm/gammaGradient",
                        "/layers/0/batchNorm/outputDelta");
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void deltaKeptAsTheLayoutSaysIsCorrectAndOnlyItsTransposeIsTransposed(Layout layout) {
        BackpropRequest problem = regularizedBatchNormProblem(layout);
        BackpropResponse answer = backprop.backprop(problem);
        DMatrixRMaj delta = answer.layers().get(1).delta();
        // δ_2 is N×D_2 = 3×2: D×N (deeplearning.ai's dZ) exactly in dimension-first-throughout
        assertThat(delta.numRows).isEqualTo(layout == Layout.DIMENSION_FIRST_THROUGHOUT ? 2 : 3);
        assertThat(gradeDelta(problem, delta).verdict()).isEqualTo("correct");

        FieldVerdict transposed = gradeDelta(problem, org.ejml.dense.row.CommonOps_DDRM.transpose(delta, null));
        assertThat(transposed.diagnosis()).contains("transposed");
        assertThat(transposed.hint()).contains(layout.shape(Quantity.DELTA, 2));
        if (layout == Layout.DIMENSION_FIRST) {
            assertThat(transposed.hint()).contains("dimension-first-throughout");
        }
    }

    /**
     * Every diagnosis but relu′(0) (which needs a ReLU tie: GradeServiceTest plants it), each planted
     * in the correct answer of the same network written in each layout, and named. The planted
     * values are computed in the engine's orientation and written in the layout by {@link Layout}.
     */
    @ParameterizedTest
    @EnumSource(Layout.class)
    void everyDiagnosisPlantedInACorrectAnswerIsNamedInEveryLayout(Layout layout) {
        BackpropRequest problem = regularizedBatchNormProblem(layout);
        BackpropResponse answer = backprop.backprop(problem);
        LayerResponse second = answer.layers().get(1);
        // the regularization's term of W_2 as sent: 2·l2·W_2 + l1·sign(W_2)
        DMatrixRMaj W2 = problem.layers().get(1).weights();
        DMatrixRMaj term = map(W2, w -> 2 * 0.05 * w + 0.01 * Math.signum(w));
        DMatrixRMaj dataPart = plus(second.weightGradient(), -1, term);

        assertDiagnosis(problem, layer(1, l -> l.weightGradient(dataPart)), "missing-regularization", "2·0.05·W_2");
        assertDiagnosis(
                problem, layer(1, l -> l.weightGradient(plus(dataPart, 2, term))), "regularization-factor", "twice");
        assertDiagnosis(
                problem, layer(1, l -> l.weightGradient(plus(dataPart, 0.5, term))), "regularization-factor", "half");
        assertDiagnosis(
                problem, new Submission(answer.dataLoss(), null, null, null), "missing-regularization", "L_data + R");
        assertDiagnosis(
                problem,
                new Submission(null, null, null, null, null, null, 2 * answer.regularizationLoss()),
                "regularization-factor",
                "counted twice");
        assertDiagnosis(
                problem,
                new Submission(null, null, null, null, scale(-1, answer.inputGradient()), null, null),
                "sign-flipped",
                "opposite sign");
        assertDiagnosis(problem, new Submission(null, null, scale(2, answer.outputGradient()), null), "scaled", "2×");
        DMatrixRMaj tooTall = new DMatrixRMaj(second.delta().numRows + 1, second.delta().numCols);
        assertDiagnosis(problem, layer(1, l -> l.delta(tooTall)), "shape-mismatch", layout.apiName());

        // δ_2 = ∂L/∂z_2 ⊙ σ′(s_2); without the factor it is ∂L/∂z_2 itself
        assertDiagnosis(
                problem,
                layer(1, l -> l.delta(second.activationGradient())),
                "missing-activation-derivative",
                "f_2 = sigmoid");
        // σ′ at z_2: σ(z)(1 − σ(z)), entry by entry in the engine's orientation
        DMatrixRMaj g = layout.in(Quantity.ACTIVATION_GRADIENT, second.activationGradient());
        DMatrixRMaj sigmaOfZ = map(layout.in(Quantity.ACTIVATION, second.activation()), z -> 1 / (1 + Math.exp(-z)));
        DMatrixRMaj atZ = new DMatrixRMaj(g.numRows, g.numCols);
        for (int i = 0; i < g.getNumElements(); i++) {
            atZ.data[i] = g.data[i] * sigmaOfZ.data[i] * (1 - sigmaOfZ.data[i]);
        }
        assertDiagnosis(
                problem,
                layer(1, l -> l.delta(layout.out(Quantity.DELTA, atZ))),
                "derivative-at-activation",
                "f_2 = sigmoid");

        // a wrong δ_2 and the ∂L/∂W_2 one correct step computes from it: z_1ᵀ·δ_2 + the regularization's term
        DMatrixRMaj wrongDelta = layout.in(Quantity.DELTA, second.delta()).copy();
        wrongDelta.set(0, 1, wrongDelta.get(0, 1) + 0.75);
        DMatrixRMaj z1 = layout.in(Quantity.ACTIVATION, answer.layers().get(0).activation());
        DMatrixRMaj dW = new DMatrixRMaj(z1.numCols, wrongDelta.numCols);
        org.ejml.dense.row.CommonOps_DDRM.multTransA(z1, wrongDelta, dW);
        DMatrixRMaj carried = plus(layout.out(Quantity.WEIGHT_GRADIENT, dW), 1, term);
        Submission both = new Submission(
                null,
                null,
                null,
                List.of(
                        new Submission.Layer(null, null, null, null, null),
                        new Submission.Layer(null, null, layout.out(Quantity.DELTA, wrongDelta), carried, null)));
        GradeResponse grade = grader.grade(new GradeRequest(problem, both, null, null));
        FieldVerdict carriedVerdict = grade.fields().get(1);
        assertThat(carriedVerdict.pointer()).isEqualTo("/layers/1/weightGradient");
        assertThat(carriedVerdict.diagnosis()).contains("error-carried-forward");
        assertThat(carriedVerdict.verdict()).isEqualTo("correct-given-earlier-error");
        assertThat(grade.score()).isEqualTo(0.5);
    }

    private void assertDiagnosis(BackpropRequest problem, Submission submission, String diagnosis, String hint) {
        GradeResponse grade = grader.grade(new GradeRequest(problem, submission, null, null));
        assertThat(grade.fields()).hasSize(1);
        FieldVerdict verdict = grade.fields().get(0);
        assertThat(verdict.diagnosis())
                .as(verdict.pointer() + ": " + verdict.hint())
                .contains(diagnosis);
        assertThat(verdict.hint()).contains(hint);
        assertThat(grade.score()).isZero();
    }

    /** A submission of one field of layer {@code index}, the layers before it empty. */
    private static Submission layer(int index, java.util.function.Function<OneField, Submission.Layer> field) {
        List<Submission.Layer> layers = new ArrayList<>();
        for (int i = 0; i < index; i++) {
            layers.add(new Submission.Layer(null, null, null, null, null));
        }
        layers.add(field.apply(new OneField()));
        return new Submission(null, null, null, layers);
    }

    private static final class OneField {
        Submission.Layer delta(DMatrixRMaj delta) {
            return new Submission.Layer(null, null, delta, null, null);
        }

        Submission.Layer weightGradient(DMatrixRMaj dW) {
            return new Submission.Layer(null, null, null, dW, null);
        }
    }

    /** a + c·b. */
    private static DMatrixRMaj plus(DMatrixRMaj a, double c, DMatrixRMaj b) {
        DMatrixRMaj sum = a.copy();
        org.ejml.dense.row.CommonOps_DDRM.addEquals(sum, c, b);
        return sum;
    }

    private static DMatrixRMaj map(DMatrixRMaj m, java.util.function.DoubleUnaryOperator f) {
        DMatrixRMaj result = new DMatrixRMaj(m.numRows, m.numCols);
        for (int i = 0; i < m.getNumElements(); i++) {
            result.data[i] = f.applyAsDouble(m.data[i]);
        }
        return result;
    }

    private FieldVerdict gradeDelta(BackpropRequest problem, DMatrixRMaj delta) {
        Submission.Layer none = new Submission.Layer(null, null, null, null, null);
        Submission.Layer second = new Submission.Layer(null, null, delta, null, null);
        return grader.grade(
                        new GradeRequest(problem, new Submission(null, null, null, List.of(none, second)), null, null))
                .fields()
                .get(0);
    }

    /**
     * A 2-3-2 network on N = 3 samples with biases, batch normalization in layer 1 and an l2 and l1
     * penalty, its matrices written in the layout (one network in every layout).
     */
    static BackpropRequest regularizedBatchNormProblem(Layout layout) {
        return regularizedProblem(layout, true);
    }

    /** The same network, with or without batch normalization in layer 1. */
    static BackpropRequest regularizedProblem(Layout layout, boolean batchNorm) {
        DMatrixRMaj W1 = matrix(new double[] {0.5, -1, 0.25}, new double[] {1.5, 0.5, -0.75});
        DMatrixRMaj W2 = matrix(new double[] {1, -0.5}, new double[] {-1, 0.25}, new double[] {0.5, 2});
        DMatrixRMaj x = matrix(new double[] {1, -0.5}, new double[] {0.3, 2}, new double[] {-1.2, 0.7});
        DMatrixRMaj y = matrix(new double[] {0.5, -1}, new double[] {1, 0}, new double[] {-0.5, 0.25});
        BatchNormRequest norm = new BatchNormRequest(
                new double[] {1.5, 0.5, 1}, new double[] {0.1, -0.2, 0}, null, null, null, null, null);
        List<LayerRequest> layers = new ArrayList<>(List.of(
                new LayerRequest(
                        layout.out(Quantity.WEIGHTS, W1),
                        new double[] {0.1, 0, -0.1},
                        "tanh",
                        batchNorm ? norm : null,
                        null),
                new LayerRequest(layout.out(Quantity.WEIGHTS, W2), new double[] {0.2, -0.3}, "sigmoid")));
        return new BackpropRequest(
                layout.apiName(),
                layers,
                layout.out(Quantity.X, x),
                layout.out(Quantity.Y, y),
                "mse",
                null,
                null,
                new RegularizationRequest(0.05, 0.01, null),
                null);
    }

    /** Every field of a /backprop answer, as a submission. */
    static Submission everything(BackpropResponse answer) {
        List<Submission.Layer> layers = new ArrayList<>();
        for (LayerResponse l : answer.layers()) {
            BatchNormResponse n = l.batchNorm();
            Submission.BatchNorm norm = n == null
                    ? null
                    : new Submission.BatchNorm(
                            n.mean(),
                            n.variance(),
                            n.normalized(),
                            n.output(),
                            n.outputDelta(),
                            n.gammaGradient(),
                            n.betaGradient());
            layers.add(new Submission.Layer(
                    l.preActivation(),
                    l.activation(),
                    l.delta(),
                    l.weightGradient(),
                    l.biasGradient(),
                    l.activationGradient(),
                    norm));
        }
        return new Submission(
                answer.loss(),
                answer.output(),
                answer.outputGradient(),
                layers,
                answer.inputGradient(),
                answer.dataLoss(),
                answer.regularizationLoss());
    }
}
