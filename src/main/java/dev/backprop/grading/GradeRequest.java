package dev.backprop.grading;

import dev.backprop.backprop.BackpropRequest;
import dev.backprop.train.TrainRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/grade}.
 *
 * @param problem a /backprop request, or a /train request
 * @param submission the student's answer
 * @param tolerance when an entry counts as correct; numpy's defaults when absent
 * @param reveal whether to show the reference values; false when absent
 * @param format how to write the grade: {@code grade} (v1's response, when absent), {@code gradescope}
 *     or {@code prairielearn}
 * @param points a submitted field's weight by its pointer; 1 for a field not named
 */
@Schema(
        description = "A problem, a student's answer to it, and how close an entry must be to count as correct.",
        additionalProperties = AdditionalPropertiesValue.FALSE)
public record GradeRequest(
        @Schema(
                description = "The problem: a /backprop request, or a /train request (told apart by `optimizer`, which "
                        + "only a /train request has). Its reference answer is computed by the service: the "
                        + "/backprop answer, and for a /train problem also the /train answer, both within the same "
                        + "limits as those endpoints.",
                oneOf = {BackpropRequest.class, TrainRequest.class},
                requiredMode = RequiredMode.REQUIRED)
        GradeProblem problem,

        @Schema(
                description = "The student's answer: any subset of the /backprop response's fields, at least one.",
                requiredMode = RequiredMode.REQUIRED)
        Submission submission,

        @Schema(description = "When an entry counts as correct; numpy's defaults (rtol 1e-5, atol 1e-8) when absent.")
        Tolerance tolerance,

        @Schema(
                description = "Whether each verdict shows the reference value (`reference`). False when absent: "
                        + "the reference is never revealed unless asked for.",
                defaultValue = "false")
        Boolean reveal,

        @Schema(
                description = "How to write the grade. `grade` (when absent): the verdicts below. `gradescope`: a "
                        + "Gradescope autograder `results.json` object, to be written unchanged to "
                        + "/autograder/results/results.json. `prairielearn`: a PrairieLearn external grader result, "
                        + "to be written unchanged to /grade/results/results.json. In both, one test per submitted "
                        + "field, named by its pointer, worth its `points`.",
                allowableValues = {
                    GradeRequest.FORMAT_GRADE,
                    GradeRequest.FORMAT_GRADESCOPE,
                    GradeRequest.FORMAT_PRAIRIELEARN
                },
                defaultValue = GradeRequest.FORMAT_GRADE)
        String format,

        @Schema(
                description = "The weight of a submitted field in the score, by its pointer into the submission, e.g. "
                        + "`{\"/layers/0/weightGradient\": 3}`; a field not named weighs 1. Each weight is a finite "
                        + "number > 0; a pointer that names no submitted field is a 400. The v1 response's `score` "
                        + "is then the weighted share; `gradescope` and `prairielearn` give each test these points.",
                example = "{\"/layers/0/weightGradient\": 3, \"/loss\": 1}")
        Map<String, Double> points) {

    public static final String FORMAT_GRADE = "grade";
    public static final String FORMAT_GRADESCOPE = "gradescope";
    public static final String FORMAT_PRAIRIELEARN = "prairielearn";

    /** A request in release 1's fields only. */
    public GradeRequest(BackpropRequest problem, Submission submission, Tolerance tolerance, Boolean reveal) {
        this(GradeProblem.of(problem), submission, tolerance, reveal, null, null);
    }
}
