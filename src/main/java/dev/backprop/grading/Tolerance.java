package dev.backprop.grading;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue;
import org.ejml.data.DMatrixRMaj;

/**
 * When a submitted entry a counts as the reference r: |a − r| ≤ atol + rtol·|r|, numpy's
 * {@code isclose}. The one comparison of matrices in grading.
 *
 * @param rtol the relative tolerance, 1e-5 when absent
 * @param atol the absolute tolerance, 1e-8 when absent
 */
@Schema(
        description =
                "When a submitted entry a counts as the reference r: |a − r| ≤ atol + rtol·|r|, numpy's `isclose`. "
                        + "Both are finite numbers ≥ 0.",
        additionalProperties = AdditionalPropertiesValue.FALSE)
public record Tolerance(
        @Schema(description = "The relative tolerance rtol, scaled by |r|.", defaultValue = "1e-5", minimum = "0")
        Double rtol,

        @Schema(
                description = "The absolute tolerance atol, which decides for references near 0.",
                defaultValue = "1e-8",
                minimum = "0")
        Double atol) {

    public static final double DEFAULT_RTOL = 1e-5;
    public static final double DEFAULT_ATOL = 1e-8;
    public static final Tolerance DEFAULT = new Tolerance(null, null);

    public Tolerance {
        rtol = rtol == null ? DEFAULT_RTOL : rtol;
        atol = atol == null ? DEFAULT_ATOL : atol;
    }

    /** |a − r| ≤ atol + rtol·|r|. */
    public boolean close(double a, double r) {
        return Math.abs(a - r) <= atol + rtol * Math.abs(r);
    }

    /** Whether a has the shape of r and every entry is close to r's. */
    public boolean close(DMatrixRMaj a, DMatrixRMaj r) {
        return compare(a, r).allClose();
    }

    /** Whether a is rᵀ within the tolerance: a_ij close to r_ji for every entry. */
    public boolean closeToTranspose(DMatrixRMaj a, DMatrixRMaj r) {
        if (a.numRows != r.numCols || a.numCols != r.numRows) {
            return false;
        }
        for (int i = 0; i < a.numRows; i++) {
            for (int j = 0; j < a.numCols; j++) {
                if (!close(a.get(i, j), r.get(j, i))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Entry by entry comparison of a against the reference r.
     *
     * @return the comparison, or {@code null} when the shapes differ
     */
    public Comparison compare(DMatrixRMaj a, DMatrixRMaj r) {
        if (a.numRows != r.numRows || a.numCols != r.numCols) {
            return Comparison.SHAPES_DIFFER;
        }
        double maxAbsError = 0;
        int wrong = 0;
        int entries = r.getNumElements();
        for (int i = 0; i < entries; i++) {
            maxAbsError = Math.max(maxAbsError, Math.abs(a.data[i] - r.data[i]));
            if (!close(a.data[i], r.data[i])) {
                wrong++;
            }
        }
        return new Comparison(true, maxAbsError, wrong, entries);
    }

    /**
     * @param sameShape whether the shapes agree; when not, the rest is meaningless
     * @param maxAbsError max |a − r|
     * @param wrongEntries the number of entries that are not close
     * @param entries the number of entries
     */
    public record Comparison(boolean sameShape, double maxAbsError, int wrongEntries, int entries) {

        static final Comparison SHAPES_DIFFER = new Comparison(false, Double.NaN, -1, -1);

        public boolean allClose() {
            return sameShape && wrongEntries == 0;
        }
    }
}
