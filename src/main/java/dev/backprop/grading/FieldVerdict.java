package dev.backprop.grading;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Optional;

/**
 * The grade of one submitted field.
 *
 * @param pointer the field in the submission, e.g. {@code /layers/0/weightGradient}
 * @param correct whether every entry is within the tolerance of the reference
 * @param verdict {@code correct}, {@code wrong}, or {@code correct-given-earlier-error} for a
 *     field that is right given the student's own wrong inputs, which counts towards the score
 * @param maxAbsError max |a − r| over the entries, when the shapes agree
 * @param wrongEntries the number of entries outside the tolerance, for a wrong field of the right shape
 * @param entries the number of entries, for a wrong field of the right shape
 * @param diagnosis for a wrong field: the code of the known mistake that reproduces it, or empty (null)
 * @param factor for a {@code scaled} field: the student's value divided by the reference
 * @param hint for a wrong field: what is wrong, without the reference's numbers
 * @param reference the reference value, only when the request asked to reveal it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldVerdict(
        String pointer,
        boolean correct,
        String verdict,
        Double maxAbsError,
        Integer wrongEntries,
        Integer entries,
        Optional<String> diagnosis,
        Double factor,
        String hint,
        Object reference) {

    public static final String CORRECT = "correct";
    public static final String WRONG = "wrong";
    public static final String CORRECT_GIVEN_EARLIER_ERROR = "correct-given-earlier-error";
}
