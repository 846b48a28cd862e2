package dev.backprop.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backprop.backprop.BackpropRequest;
import dev.backprop.backprop.BackpropResponse;
import dev.backprop.backprop.BackpropService;
import dev.backprop.limits.LimitsProperties;
import dev.backprop.support.Services;
import dev.backprop.support.TestProblems;
import dev.backprop.web.ApiException;
import dev.backprop.web.FieldError;
import dev.backprop.web.ProblemType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * A grade is counted in the compute limits as {@link GradeService#GRADE_COST} passes of its
 * problem, before any work, and its counterfactuals stay within that budget.
 */
class GradeLimitsTests {

    /** The seed's /backprop: 3 products × N = 4 × (2·3 + 3·1) = 108 multiply-adds. */
    private static final long SEED_BACKPROP = 108;

    @Test
    void underALimitOfOneBackpropTheProblemIsSolvedButItsGradeIsA422BeforeAnyWork() {
        BackpropService backprop = serviceLimitedTo(SEED_BACKPROP);
        BackpropResponse answer = backprop.backprop(TestProblems.seed());
        assertThat(answer.loss()).isEqualTo(24.5);

        GradeService grader = Services.grader(backprop);
        assertThatThrownBy(() -> grader.grade(
                        new GradeRequest(TestProblems.seed(), new Submission(24.5, null, null, null), null, null)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.errors()).extracting(FieldError::pointer).containsExactly("/problem");
                    assertThat(e.type()).isEqualTo(ProblemType.LIMIT_EXCEEDED);
                    assertThat(e.getMessage()).contains(Long.toString(GradeService.GRADE_COST * SEED_BACKPROP));
                });
    }

    @Test
    void aLimitOfTheStatedMultipleAdmitsTheGradeWithItsDiagnoses() {
        GradeService grader = Services.grader(serviceLimitedTo(GradeService.GRADE_COST * SEED_BACKPROP));
        GradeResponse grade =
                grader.grade(new GradeRequest(TestProblems.seed(), new Submission(49.0, null, null, null), null, null));
        assertThat(grade.fields().get(0).diagnosis()).contains("scaled");
        GradeService tooSmall = Services.grader(serviceLimitedTo(GradeService.GRADE_COST * SEED_BACKPROP - 1));
        assertThatThrownBy(() -> tooSmall.grade(
                        new GradeRequest(TestProblems.seed(), new Submission(49.0, null, null, null), null, null)))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void theCounterfactualsStopAtTheBudgetAndSaySo() {
        // five tanh layers: each derivative mistake is 6 counterfactual passes, more than the 7 left for both
        BackpropRequest problem = TestProblems.sampleFirst("half-sse", "tanh", "tanh", "tanh", "tanh", "tanh");
        Random random = new Random(11);
        DMatrixRMaj noise = new DMatrixRMaj(3, 3);
        for (int i = 0; i < noise.getNumElements(); i++) {
            noise.data[i] = random.nextGaussian();
        }
        List<Submission.Layer> layers = new ArrayList<>(List.of(new Submission.Layer(null, null, noise, null, null)));
        GradeResponse grade = Services.grader(Services.backprop())
                .grade(new GradeRequest(problem, new Submission(null, null, null, layers), null, null));
        FieldVerdict verdict = grade.fields().get(0);
        assertThat(verdict.diagnosis()).isEmpty();
        assertThat(verdict.hint()).contains("Not diagnosed").contains(GradeService.GRADE_COST + " passes");
    }

    private static BackpropService serviceLimitedTo(long multiplyAdds) {
        LimitsProperties defaults = LimitsProperties.defaults();
        LimitsProperties.Compute compute = defaults.compute();
        LimitsProperties limited = new LimitsProperties(
                defaults.maxBodySize(),
                defaults.maxBatchBodySize(),
                defaults.json(),
                new LimitsProperties.Compute(
                        compute.maxLayers(),
                        compute.maxUnits(),
                        compute.maxBatchSize(),
                        compute.maxNumbers(),
                        multiplyAdds,
                        compute.maxSteps()),
                defaults.concurrency(),
                defaults.rate());
        return Services.backprop(limited);
    }
}
