package dev.backprop.grading;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.Optional;
import org.ejml.data.DMatrixRMaj;

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
@Schema(description = "The grade of one submitted field.")
public record FieldVerdict(
        @Schema(
                description =
                        "The field, as a JSON pointer into the submission, e.g. `/loss` or `/layers/0/weightGradient`.",
                requiredMode = RequiredMode.REQUIRED)
        String pointer,

        @Schema(
                description =
                        "Whether the field has the reference's shape and every entry a is within the tolerance of the "
                                + "reference r: |a − r| ≤ atol + rtol·|r|.",
                requiredMode = RequiredMode.REQUIRED)
        boolean correct,

        @Schema(
                description =
                        "`correct`; `wrong`; or `correct-given-earlier-error` for a wrong field that one correct step "
                                + "computes from the student's own wrong inputs, which counts towards the score.",
                allowableValues = {FieldVerdict.CORRECT, FieldVerdict.WRONG, FieldVerdict.CORRECT_GIVEN_EARLIER_ERROR},
                requiredMode = RequiredMode.REQUIRED)
        String verdict,

        @Schema(description = "max |a − r| over the entries; absent when the shapes differ.")
        Double maxAbsError,

        @Schema(
                description =
                        "For a wrong field of the reference's shape: the number of entries outside the tolerance.")
        Integer wrongEntries,

        @Schema(description = "For a wrong field of the reference's shape: its number of entries.")
        Integer entries,

        @Schema(
                description =
                        "For a wrong field: the stable code of the known mistake that reproduces it, or `null` when "
                                + "none does. Absent for a correct field.",
                types = {"string", "null"})
        Optional<String> diagnosis,

        @Schema(
                description =
                        "For a `scaled` field: the student's value divided by the reference, e.g. 2 when the ½ of "
                                + "half-sse was dropped, N or 1/N for sum versus mean.")
        Double factor,

        @Schema(
                description =
                        "For a wrong field: what is wrong, written for the student, with the shape or factor that would "
                                + "be right but never the reference's numbers.")
        String hint,

        @Schema(
                description = "The reference value, as /backprop writes it (a number for `loss`, a Vector for "
                        + "`biasGradient`, a Matrix otherwise); only when the request says `\"reveal\": true`.",
                oneOf = {Double.class, double[].class, DMatrixRMaj.class})
        Object reference) {

    public static final String CORRECT = "correct";
    public static final String WRONG = "wrong";
    public static final String CORRECT_GIVEN_EARLIER_ERROR = "correct-given-earlier-error";

    /** A field within the tolerance everywhere. */
    static FieldVerdict correct(String pointer, Tolerance.Comparison comparison, Object reference) {
        return new FieldVerdict(
                pointer, true, CORRECT, comparison.maxAbsError(), null, null, null, null, null, reference);
    }

    /** A wrong field that a known mistake reproduces: its diagnosis, and its credit when it is carried forward. */
    static FieldVerdict diagnosed(String pointer, Tolerance.Comparison comparison, Finding finding, Object reference) {
        return wrong(
                pointer,
                comparison,
                finding.credited() ? CORRECT_GIVEN_EARLIER_ERROR : WRONG,
                Optional.of(finding.diagnosis()),
                finding.factor(),
                finding.hint(),
                reference);
    }

    /** A wrong field that no known mistake reproduces: diagnosis {@code null}, with a hint of what to do. */
    static FieldVerdict undiagnosed(String pointer, Tolerance.Comparison comparison, String hint, Object reference) {
        return wrong(pointer, comparison, WRONG, Optional.empty(), null, hint, reference);
    }

    /** The error sizes of a wrong field, only when its shape is the reference's. */
    private static FieldVerdict wrong(
            String pointer,
            Tolerance.Comparison comparison,
            String verdict,
            Optional<String> diagnosis,
            Double factor,
            String hint,
            Object reference) {
        boolean sameShape = comparison.sameShape();
        return new FieldVerdict(
                pointer,
                false,
                verdict,
                sameShape ? comparison.maxAbsError() : null,
                sameShape ? comparison.wrongEntries() : null,
                sameShape ? comparison.entries() : null,
                diagnosis,
                factor,
                hint,
                reference);
    }

    /** Whether the field earns its points: correct, or correct given the student's earlier error. */
    @JsonIgnore
    public boolean earnsPoints() {
        return correct || CORRECT_GIVEN_EARLIER_ERROR.equals(verdict);
    }
}
