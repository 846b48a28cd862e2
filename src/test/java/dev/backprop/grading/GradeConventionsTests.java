package dev.backprop.grading;

import static dev.backprop.support.TestProblems.matrix;
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

    private final BackpropService backprop = new BackpropService();
    private final GradeService grader = new GradeService(backprop);

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
        DMatrixRMaj W1 = matrix(new double[] {0.5, -1, 0.25}, new double[] {1.5, 0.5, -0.75});
        DMatrixRMaj W2 = matrix(new double[] {1, -0.5}, new double[] {-1, 0.25}, new double[] {0.5, 2});
        DMatrixRMaj x = matrix(new double[] {1, -0.5}, new double[] {0.3, 2}, new double[] {-1.2, 0.7});
        DMatrixRMaj y = matrix(new double[] {0.5, -1}, new double[] {1, 0}, new double[] {-0.5, 0.25});
        BatchNormRequest norm = new BatchNormRequest(
                new double[] {1.5, 0.5, 1}, new double[] {0.1, -0.2, 0}, null, null, null, null, null);
        List<LayerRequest> layers = new ArrayList<>(List.of(
                new LayerRequest(layout.out(Quantity.WEIGHTS, W1), new double[] {0.1, 0, -0.1}, "tanh", norm, null),
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
