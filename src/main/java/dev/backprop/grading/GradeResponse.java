package dev.backprop.grading;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.backprop.backprop.Warning;
import java.util.List;

/**
 * The grade of a submission.
 *
 * @param score (correct + correctGivenEarlierError) / total
 * @param correct the number of fields within the tolerance of the reference
 * @param correctGivenEarlierError the number of wrong fields that are right given the student's own earlier error
 * @param total the number of submitted fields
 * @param fields one verdict per submitted field
 * @param warnings where a convention decides the problem's answer; omitted when empty
 */
public record GradeResponse(
        double score,
        int correct,
        int correctGivenEarlierError,
        int total,
        List<FieldVerdict> fields,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Warning> warnings) {}
