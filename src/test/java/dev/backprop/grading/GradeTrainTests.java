package dev.backprop.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backprop.backprop.BackpropRequest;
import dev.backprop.backprop.BackpropResponse;
import dev.backprop.backprop.BackpropService;
import dev.backprop.backprop.Layout;
import dev.backprop.backprop.Quantity;
import dev.backprop.support.Services;
import dev.backprop.train.OptimizerRequest;
import dev.backprop.train.TrainRequest;
import dev.backprop.train.TrainResponse;
import dev.backprop.train.TrainService;
import dev.backprop.web.ApiException;
import dev.backprop.web.FieldError;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * /train problems graded: the answer after one step of gradient descent (η = 0.5) right in every
 * layout, and each update mistake planted in it and named, the update computed from the student's
 * own wrong gradient credited.
 */
class GradeTrainTests {

    private static final double ETA = 0.5;

    private final BackpropService backprop = Services.backprop();
    private final TrainService train = Services.train();
    private final GradeService grader = new GradeService(backprop, train);

    @ParameterizedTest
    @EnumSource(Layout.class)
    void theParametersAfterAStepAndTheLossHistoryAreCorrectInEveryLayout(Layout layout) {
        TrainRequest problem = sgd(GradeConventionsTests.regularizedBatchNormProblem(layout));
        TrainResponse answer = train.train(problem);
        List<Submission.Layer> layers = new ArrayList<>();
        for (TrainResponse.TrainedLayer layer : answer.layers()) {
            Submission.BatchNorm norm = layer.batchNorm() == null
                    ? null
                    : new Submission.BatchNorm(
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            layer.batchNorm().gamma(),
                            layer.batchNorm().beta());
            layers.add(new Submission.Layer(null, null, null, null, null, null, norm, layer.weights(), layer.bias()));
        }
        Submission submission = new Submission(null, null, null, layers, null, null, null, answer.lossHistory());
        GradeResponse grade = grade(problem, submission);
        // the loss history, per layer W and b, and γ, β of layer 0
        assertThat(grade.total()).isEqualTo(1 + 2 * 2 + 2);
        assertThat(grade.fields())
                .allSatisfy(field -> assertThat(field.verdict())
                        .as(field.pointer() + ": " + field.hint())
                        .isEqualTo("correct"));
        assertThat(grade.fields())
                .extracting(FieldVerdict::pointer)
                .contains("/lossHistory", "/layers/0/weights", "/layers/1/bias", "/layers/0/batchNorm/gamma");
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void eachUpdateMistakePlantedIsNamedInEveryLayout(Layout layout) {
        BackpropRequest network = GradeConventionsTests.regularizedProblem(layout, false);
        TrainRequest problem = sgd(network);
        BackpropResponse start = backprop.backprop(network);
        DMatrixRMaj W2 = network.layers().get(1).weights();
        DMatrixRMaj dW2 = start.layers().get(1).weightGradient();

        FieldVerdict uphill = gradeWeights(problem, 1, plus(W2, ETA, dW2));
        assertThat(uphill.diagnosis()).contains("update-sign");
        assertThat(uphill.hint()).contains("W_2 ← W_2 − η·∂L/∂W_2 with η = 0.5");

        FieldVerdict withoutRate = gradeWeights(problem, 1, plus(W2, -1, dW2));
        assertThat(withoutRate.diagnosis()).contains("missing-learning-rate");
        assertThat(withoutRate.hint()).contains("W_2 − ∂L/∂W_2");

        FieldVerdict updatedAbove = gradeWeights(problem, 0, updatedWeightsInBackward(layout, network, start));
        assertThat(updatedAbove.diagnosis()).contains("updated-weights-in-backward");
        assertThat(updatedAbove.hint()).contains("layers above layer 0");

        // a wrong ∂L/∂W_2, and the step W_2 − η·(that gradient): the step is right given the slip
        DMatrixRMaj wrongGradient = dW2.copy();
        wrongGradient.set(0, 0, wrongGradient.get(0, 0) + 0.3);
        List<Submission.Layer> layers = List.of(
                new Submission.Layer(null, null, null, null, null),
                new Submission.Layer(
                        null, null, null, wrongGradient, null, null, null, plus(W2, -ETA, wrongGradient), null));
        GradeResponse grade = grade(problem, new Submission(null, null, null, layers));
        assertThat(grade.fields())
                .extracting(FieldVerdict::pointer)
                .containsExactly("/layers/1/weightGradient", "/layers/1/weights");
        assertThat(grade.fields().get(0).verdict()).isEqualTo("wrong");
        FieldVerdict step = grade.fields().get(1);
        assertThat(step.diagnosis()).as(step.hint() + " " + step.maxAbsError()).contains("error-carried-forward");
        assertThat(step.verdict()).isEqualTo("correct-given-earlier-error");
        assertThat(grade.score()).isEqualTo(0.5);
    }

    /** The pass before the first step is graded as /backprop grades it, its diagnoses included. */
    @ParameterizedTest
    @EnumSource(Layout.class)
    void theBackwardPassOfATrainProblemIsDiagnosedAsABackpropProblems(Layout layout) {
        BackpropRequest network = GradeConventionsTests.regularizedProblem(layout, false);
        BackpropResponse start = backprop.backprop(network);
        DMatrixRMaj W2 = network.layers().get(1).weights();
        DMatrixRMaj term = new DMatrixRMaj(W2.numRows, W2.numCols);
        for (int i = 0; i < term.getNumElements(); i++) {
            term.data[i] = 2 * 0.05 * W2.data[i] + 0.01 * Math.signum(W2.data[i]);
        }
        DMatrixRMaj withoutPenalty = plus(start.layers().get(1).weightGradient(), -1, term);
        List<Submission.Layer> layers = List.of(
                new Submission.Layer(null, null, null, null, null),
                new Submission.Layer(null, null, null, withoutPenalty, null));
        GradeResponse grade = grade(sgd(network), new Submission(null, null, null, layers));
        assertThat(grade.fields().get(0).diagnosis()).contains("missing-regularization");
    }

    @Test
    void trainFieldsNeedATrainProblemAndTrainOptionsAnOptimizer() {
        BackpropRequest network = GradeConventionsTests.regularizedProblem(Layout.TORCH, false);
        Submission weights = new Submission(
                null,
                null,
                null,
                List.of(Submission.Layer.trained(network.layers().get(0).weights(), null)));
        assertThatThrownBy(() -> grader.grade(new GradeRequest(network, weights, null, null)))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::pointer)
                                .containsExactly("/submission/layers/0/weights"));
        TrainRequest problem = sgd(network);
        GradeProblem stepsWithoutOptimizer = new GradeProblem(
                problem.layout(),
                problem.layers(),
                problem.x(),
                problem.y(),
                problem.loss(),
                null,
                null,
                problem.regularization(),
                null,
                null,
                3,
                null);
        assertThatThrownBy(() -> grader.grade(new GradeRequest(stepsWithoutOptimizer, weights, null, null, null, null)))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::pointer)
                                .containsExactly("/problem/steps"));
    }

    /**
     * Layer 1's W after a step whose ∂L/∂W_1 was computed with the updated W_2 (and b_2), by hand in
     * the engine's orientation (W_k is D_{k-1}×D_k): δ_1 = (δ_2·W_2′ᵀ) ⊙ (1 − z_1²), ∂L/∂W_1 =
     * xᵀ·δ_1 + 2·l2·W_1 + l1·sign(W_1).
     */
    private static DMatrixRMaj updatedWeightsInBackward(
            Layout layout, BackpropRequest network, BackpropResponse start) {
        DMatrixRMaj W1 = layout.in(Quantity.WEIGHTS, network.layers().get(0).weights());
        DMatrixRMaj W2 = layout.in(Quantity.WEIGHTS, network.layers().get(1).weights());
        DMatrixRMaj dW2 =
                layout.in(Quantity.WEIGHT_GRADIENT, start.layers().get(1).weightGradient());
        DMatrixRMaj W2updated = plus(W2, -ETA, dW2);
        DMatrixRMaj delta2 = layout.in(Quantity.DELTA, start.layers().get(1).delta());
        DMatrixRMaj z1 = layout.in(Quantity.ACTIVATION, start.layers().get(0).activation());
        DMatrixRMaj x = layout.in(Quantity.X, network.x());
        DMatrixRMaj g1 = new DMatrixRMaj(delta2.numRows, W2.numRows);
        CommonOps_DDRM.multTransB(delta2, W2updated, g1);
        DMatrixRMaj delta1 = new DMatrixRMaj(g1.numRows, g1.numCols);
        for (int i = 0; i < g1.getNumElements(); i++) {
            delta1.data[i] = g1.data[i] * (1 - z1.data[i] * z1.data[i]);
        }
        DMatrixRMaj dW1 = new DMatrixRMaj(x.numCols, delta1.numCols);
        CommonOps_DDRM.multTransA(x, delta1, dW1);
        for (int i = 0; i < dW1.getNumElements(); i++) {
            dW1.data[i] += 2 * 0.05 * W1.data[i] + 0.01 * Math.signum(W1.data[i]);
        }
        return layout.out(Quantity.WEIGHTS, plus(W1, -ETA, dW1));
    }

    private FieldVerdict gradeWeights(TrainRequest problem, int index, DMatrixRMaj weights) {
        List<Submission.Layer> layers = new ArrayList<>();
        for (int i = 0; i < index; i++) {
            layers.add(new Submission.Layer(null, null, null, null, null));
        }
        layers.add(Submission.Layer.trained(weights, null));
        GradeResponse grade = grade(problem, new Submission(null, null, null, layers));
        assertThat(grade.fields()).hasSize(1);
        assertThat(grade.score()).isZero();
        return grade.fields().get(0);
    }

    private GradeResponse grade(TrainRequest problem, Submission submission) {
        return grader.grade(new GradeRequest(GradeProblem.of(problem), submission, null, null, null, null));
    }

    /** The problem as one step of torch's SGD with η = 0.5. */
    private static TrainRequest sgd(BackpropRequest network) {
        OptimizerRequest optimizer = new OptimizerRequest(
                "sgd", ETA, null, null, null, null, null, null, null, null, null, null, null, null);
        return new TrainRequest(
                network.layout(),
                network.layers(),
                network.x(),
                network.y(),
                network.loss(),
                network.reduction(),
                network.lossInput(),
                network.regularization(),
                optimizer,
                1,
                null);
    }

    /** a + c·b. */
    private static DMatrixRMaj plus(DMatrixRMaj a, double c, DMatrixRMaj b) {
        DMatrixRMaj sum = a.copy();
        CommonOps_DDRM.addEquals(sum, c, b);
        return sum;
    }
}
