package dev.backprop.grading;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.backprop.backprop.Warning;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;

/**
 * The grade of a submission.
 *
 * @param score the share of the points earned: (correct + correctGivenEarlierError) / total when every field weighs 1
 * @param correct the number of fields within the tolerance of the reference
 * @param correctGivenEarlierError the number of wrong fields that are right given the student's own earlier error
 * @param total the number of submitted fields
 * @param fields one verdict per submitted field
 * @param warnings where a convention decides the problem's answer; omitted when empty
 */
@Schema(description = "The grade of a submission: a score and one verdict per submitted field.")
public record GradeResponse(
        @Schema(
                description =
                        "The share of the points earned, from 0 to 1: the sum of the weights (`points`, 1 each by default) "
                                + "of the fields that are correct or correct given an earlier error, over the sum of all "
                                + "weights; with no `points`, (correct + correctGivenEarlierError) / total.",
                minimum = "0",
                maximum = "1",
                requiredMode = RequiredMode.REQUIRED)
        double score,

        @Schema(
                description = "The number of fields whose every entry is within the tolerance of the reference.",
                requiredMode = RequiredMode.REQUIRED)
        int correct,

        @Schema(
                description = "The number of wrong fields that are right given the student's own earlier wrong fields "
                        + "(verdict `correct-given-earlier-error`): they count towards the score.",
                requiredMode = RequiredMode.REQUIRED)
        int correctGivenEarlierError,

        @Schema(description = "The number of submitted fields.", requiredMode = RequiredMode.REQUIRED)
        int total,

        @Schema(
                description = "One verdict per submitted field, in the order of the /backprop response.",
                requiredMode = RequiredMode.REQUIRED)
        List<FieldVerdict> fields,

        @ArraySchema(
                arraySchema =
                        @Schema(
                                description =
                                        "The problem's warnings, as /backprop gives them: where a convention "
                                                + "decides the reference (a ReLU input exactly 0, ...); absent when there is nothing to say."))
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<Warning> warnings) {}
