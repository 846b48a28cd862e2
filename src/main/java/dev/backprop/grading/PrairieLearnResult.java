package dev.backprop.grading;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;

/**
 * A grade as PrairieLearn's external grader reads {@code /grade/results/results.json}.
 *
 * @param gradable always true: a submission that cannot be graded is an error response instead
 * @param score the share of the points earned, 0 to 1
 * @param message about the whole submission, shown to the student
 * @param tests one per submitted field, in the order of the /backprop response
 */
@Schema(
        name = "PrairieLearnResult",
        description = "`\"format\": \"prairielearn\"`: a PrairieLearn external grader result, to be written "
                + "unchanged to /grade/results/results.json. Reference values appear in it only with "
                + "`\"reveal\": true`.")
public record PrairieLearnResult(
        @Schema(
                description = "Always true: a submission that cannot be graded is a problem+json error instead.",
                requiredMode = RequiredMode.REQUIRED)
        boolean gradable,

        @Schema(
                description = "The share of the points earned, from 0 to 1.",
                minimum = "0",
                maximum = "1",
                requiredMode = RequiredMode.REQUIRED)
        double score,

        @Schema(
                description = "About the whole submission: fields correct, and the problem's warnings.",
                requiredMode = RequiredMode.REQUIRED)
        String message,

        @Schema(description = "One test per submitted field.", requiredMode = RequiredMode.REQUIRED)
        List<Test> tests) {

    /**
     * One submitted field as a PrairieLearn test.
     *
     * @param name the field's pointer into the submission
     * @param points its points when right (or right given an earlier error), else 0
     * @param maxPoints its weight ({@code points}, 1 when not named)
     * @param message the verdict, the diagnosis and the hint, for the student
     */
    @Schema(name = "PrairieLearnTest", description = "One submitted field as a PrairieLearn test.")
    public record Test(
            @Schema(description = "The field's pointer into the submission.", requiredMode = RequiredMode.REQUIRED)
            String name,

            @Schema(
                    description = "`max_points` when the field is correct or correct given an earlier error, else 0.",
                    requiredMode = RequiredMode.REQUIRED)
            double points,

            @Schema(
                    description = "The field's weight: its entry in `points`, else 1.",
                    requiredMode = RequiredMode.REQUIRED)
            @JsonProperty("max_points")
            double maxPoints,

            @Schema(
                    description = "The verdict, the diagnosis and its hint, written for the student.",
                    requiredMode = RequiredMode.REQUIRED)
            String message) {}
}
