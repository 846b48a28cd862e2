package dev.backprop.grading;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;

/**
 * A grade as Gradescope's autograder reads {@code /autograder/results/results.json}: the
 * submission's points and one test per submitted field.
 *
 * @param score the points earned, the sum of the tests' scores
 * @param maxScore the points possible, the sum of the tests' max_score
 * @param output text about the whole submission, shown to the student
 * @param tests one per submitted field, in the order of the /backprop response
 */
@Schema(
        name = "GradescopeResult",
        description = "`\"format\": \"gradescope\"`: a Gradescope autograder results.json object, to be written "
                + "unchanged to /autograder/results/results.json. Reference values appear in it only with "
                + "`\"reveal\": true`.")
public record GradescopeResult(
        @Schema(description = "The points earned: the sum of the tests' `score`.", requiredMode = RequiredMode.REQUIRED)
        double score,

        @Schema(
                description = "The points possible: the sum of the tests' `max_score`.",
                requiredMode = RequiredMode.REQUIRED)
        @JsonProperty("max_score")
        double maxScore,

        @Schema(
                description = "About the whole submission: fields correct, and the problem's warnings.",
                requiredMode = RequiredMode.REQUIRED)
        String output,

        @Schema(description = "One test per submitted field.", requiredMode = RequiredMode.REQUIRED)
        List<Test> tests) {

    /**
     * One submitted field as a Gradescope test.
     *
     * @param name the field's pointer into the submission, e.g. {@code /layers/0/weightGradient}
     * @param score its points when right (or right given an earlier error), else 0
     * @param maxScore its weight ({@code points}, 1 when not named)
     * @param status {@code passed} or {@code failed}
     * @param output the verdict, the diagnosis and the hint, for the student
     */
    @Schema(name = "GradescopeTest", description = "One submitted field as a Gradescope test.")
    public record Test(
            @Schema(description = "The field's pointer into the submission.", requiredMode = RequiredMode.REQUIRED)
            String name,

            @Schema(
                    description = "`max_score` when the field is correct or correct given an earlier error, else 0.",
                    requiredMode = RequiredMode.REQUIRED)
            double score,

            @Schema(
                    description = "The field's weight: its entry in `points`, else 1.",
                    requiredMode = RequiredMode.REQUIRED)
            @JsonProperty("max_score")
            double maxScore,

            @Schema(
                    description = "`passed` when the test earned its points, else `failed`.",
                    allowableValues = {"passed", "failed"},
                    requiredMode = RequiredMode.REQUIRED)
            String status,

            @Schema(
                    description = "The verdict, the diagnosis and its hint, written for the student.",
                    requiredMode = RequiredMode.REQUIRED)
            String output) {}
}
