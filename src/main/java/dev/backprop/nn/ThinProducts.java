package dev.backprop.nn;

import org.ejml.data.DMatrixRMaj;

/**
 * The three products for thin matrices (few columns, many rows, as a small network's s_k, δ_k and
 * z_k are), with loops shaped for them: EJML's kernels for small matrices run their innermost loop
 * along a row of a few numbers, so that loop overhead, not arithmetic, takes the time; these run it
 * along the N rows instead, up to four terms of a sum per pass (2–5× faster for N×2·2×4).
 *
 * <p>Every entry is the same sum, in the same order, as the EJML kernel that {@link EjmlProducts}
 * would otherwise call (c_ij = 0 + Σ_k a_ik·b_kj for k = 1, 2, …, or from the first product where
 * EJML starts from it), so the bits are the same, signed zeros included.
 */
final class ThinProducts {

    /** The most columns of C for which a pass per column beats EJML's row-by-row kernels. */
    static final int MAX_COLUMNS = 8;
    /** The longest inner dimension for which it does, before a pass per column strides too far. */
    static final int MAX_INNER = 16;
    /** EJML's switch to its "reorder" kernels (EjmlParameters.MULT_COLUMN_SWITCH), whose sums start elsewhere. */
    static final int EJML_SMALL_BELOW = 15;

    private ThinProducts() {}

    /** Whether C = A·B (A m×K, B K×n) is thin enough for {@link #mult}. */
    static boolean fitsMult(DMatrixRMaj A, DMatrixRMaj B) {
        return B.numCols <= MAX_COLUMNS && A.numCols >= 1 && A.numCols <= MAX_INNER;
    }

    /** Whether C = A·Bᵀ (A m×K, B n×K) is thin enough for {@link #multTransB}. */
    static boolean fitsMultTransB(DMatrixRMaj A, DMatrixRMaj B) {
        return B.numRows <= MAX_COLUMNS && A.numCols >= 1 && A.numCols <= MAX_INNER;
    }

    /** Whether C = Aᵀ·B (A N×m, B N×n) is small enough for {@link #multTransA}: where EJML uses its small kernels. */
    static boolean fitsMultTransA(DMatrixRMaj A, DMatrixRMaj B) {
        return A.numCols < EJML_SMALL_BELOW && B.numCols < EJML_SMALL_BELOW;
    }

    /**
     * C = A·B, A m×K, B K×n, C m×n: for each column j of C, one pass over the rows per four k. Sums
     * start from the first product when n = 1 (EJML's matrix-vector kernel), else from 0.
     */
    static void mult(DMatrixRMaj A, DMatrixRMaj B, DMatrixRMaj C) {
        requireProduct("A·B", A, B, C, A.numRows, A.numCols, B.numRows, B.numCols);
        int K = A.numCols;
        int n = B.numCols;
        start(C, n == 1);
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < K; k += 4) {
                // b_kj, b_(k+1)j, … down column j of B
                addTerms(A, k, Math.min(4, K - k), B.data, k * n + j, n, C, j);
            }
        }
    }

    /**
     * C = A·Bᵀ, A m×K, B n×K, C m×n: for each column j of C, one pass over the rows per four k.
     * Sums start from the first product when n = 1 (EJML's matrix-vector kernel), else from 0.
     */
    static void multTransB(DMatrixRMaj A, DMatrixRMaj B, DMatrixRMaj C) {
        requireProduct("A·Bᵀ", A, B, C, A.numRows, A.numCols, B.numCols, B.numRows);
        int K = A.numCols;
        int n = B.numRows;
        start(C, n == 1);
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < K; k += 4) {
                // b_jk, b_j(k+1), … along row j of B
                addTerms(A, k, Math.min(4, K - k), B.data, j * K + k, 1, C, j);
            }
        }
    }

    /**
     * Every c_ij set to the value its sum starts from: −0 for a sum from its first product (−0 + x
     * is x, whatever x), else 0 (0 + x is EJML's start, which makes a −0 sum 0).
     */
    private static void start(DMatrixRMaj C, boolean fromFirstProduct) {
        java.util.Arrays.fill(C.data, 0, C.getNumElements(), fromFirstProduct ? -0.0 : 0.0);
    }

    /**
     * c_ij += a_ik·b_0 + a_i(k+1)·b_1 + … for every row i, one term after the other, for {@code
     * width} (1 to 4) terms: one pass over the rows. b_t is {@code b[first + t·stride]}.
     */
    private static void addTerms(
            DMatrixRMaj A, int k, int width, double[] b, int first, int stride, DMatrixRMaj C, int j) {
        int m = A.numRows;
        int K = A.numCols;
        int n = C.numCols;
        double[] a = A.data;
        double[] c = C.data;
        double b0 = b[first];
        double b1 = width > 1 ? b[first + stride] : 0;
        double b2 = width > 2 ? b[first + 2 * stride] : 0;
        double b3 = width > 3 ? b[first + 3 * stride] : 0;
        switch (width) {
            case 1 -> {
                for (int i = 0, ai = k, ci = j; i < m; i++, ai += K, ci += n) {
                    c[ci] = c[ci] + a[ai] * b0;
                }
            }
            case 2 -> {
                for (int i = 0, ai = k, ci = j; i < m; i++, ai += K, ci += n) {
                    c[ci] = c[ci] + a[ai] * b0 + a[ai + 1] * b1;
                }
            }
            case 3 -> {
                for (int i = 0, ai = k, ci = j; i < m; i++, ai += K, ci += n) {
                    c[ci] = c[ci] + a[ai] * b0 + a[ai + 1] * b1 + a[ai + 2] * b2;
                }
            }
            default -> {
                for (int i = 0, ai = k, ci = j; i < m; i++, ai += K, ci += n) {
                    c[ci] = c[ci] + a[ai] * b0 + a[ai + 1] * b1 + a[ai + 2] * b2 + a[ai + 3] * b3;
                }
            }
        }
    }

    /**
     * C = Aᵀ·B, A N×m, B N×n, C m×n: c_ij = 0 + Σ_r a_ri·b_rj, four entries of C per pass over the
     * rows (four of a row of C, or four of a column when C has fewer than four columns), whose sums
     * are independent and so overlap instead of each waiting for its last addition.
     */
    static void multTransA(DMatrixRMaj A, DMatrixRMaj B, DMatrixRMaj C) {
        requireProduct("Aᵀ·B", A, B, C, A.numCols, A.numRows, B.numRows, B.numCols);
        int m = A.numCols;
        int n = B.numCols;
        if (n >= 4) {
            for (int i = 0; i < m; i++) {
                int j = 0;
                for (; j + 4 <= n; j += 4) {
                    fourEntries(A, B, C, i, j, 0, 1);
                }
                for (; j < n; j++) {
                    oneEntry(A, B, C, i, j);
                }
            }
        } else {
            for (int j = 0; j < n; j++) {
                int i = 0;
                for (; i + 4 <= m; i += 4) {
                    fourEntries(A, B, C, i, j, 1, 0);
                }
                for (; i < m; i++) {
                    oneEntry(A, B, C, i, j);
                }
            }
        }
    }

    /** c_ij of C = Aᵀ·B and the three entries after it along (di, dj), in one pass over the rows. */
    private static void fourEntries(DMatrixRMaj A, DMatrixRMaj B, DMatrixRMaj C, int i, int j, int di, int dj) {
        int m = A.numCols;
        int n = B.numCols;
        double[] a = A.data;
        double[] b = B.data;
        double c0 = 0;
        double c1 = 0;
        double c2 = 0;
        double c3 = 0;
        for (int r = 0, ar = i, br = j; r < A.numRows; r++, ar += m, br += n) {
            c0 += a[ar] * b[br];
            c1 += a[ar + di] * b[br + dj];
            c2 += a[ar + 2 * di] * b[br + 2 * dj];
            c3 += a[ar + 3 * di] * b[br + 3 * dj];
        }
        C.data[i * n + j] = c0;
        C.data[(i + di) * n + j + dj] = c1;
        C.data[(i + 2 * di) * n + j + 2 * dj] = c2;
        C.data[(i + 3 * di) * n + j + 3 * dj] = c3;
    }

    /** c_ij of C = Aᵀ·B alone. */
    private static void oneEntry(DMatrixRMaj A, DMatrixRMaj B, DMatrixRMaj C, int i, int j) {
        int m = A.numCols;
        int n = B.numCols;
        double cij = 0;
        for (int r = 0, ar = i, br = j; r < A.numRows; r++, ar += m, br += n) {
            cij += A.data[ar] * B.data[br];
        }
        C.data[i * n + j] = cij;
    }

    /**
     * The sums of the columns of A, N×n, into the 1×n {@code sums}: 0 + Σ_r a_rj in row order, as
     * EJML's sumCols, four columns per pass over the rows.
     */
    static void columnSums(DMatrixRMaj A, DMatrixRMaj sums) {
        if (sums.numRows != 1 || sums.numCols != A.numCols) {
            throw new IllegalArgumentException("the column sums of a " + A.numRows + "×" + A.numCols + " matrix are 1×"
                    + A.numCols + ", not " + sums.numRows + "×" + sums.numCols);
        }
        int N = A.numRows;
        int n = A.numCols;
        double[] a = A.data;
        double[] c = sums.data;
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            double c0 = 0;
            double c1 = 0;
            double c2 = 0;
            double c3 = 0;
            for (int r = 0, ar = j; r < N; r++, ar += n) {
                c0 += a[ar];
                c1 += a[ar + 1];
                c2 += a[ar + 2];
                c3 += a[ar + 3];
            }
            c[j] = c0;
            c[j + 1] = c1;
            c[j + 2] = c2;
            c[j + 3] = c3;
        }
        for (; j < n; j++) {
            double cj = 0;
            for (int r = 0, ar = j; r < N; r++, ar += n) {
                cj += a[ar];
            }
            c[j] = cj;
        }
    }

    /** Checks that op(A), p×q, and op(B), q′×r, multiply (q = q′) into C, p×r, which is neither of them. */
    private static void requireProduct(
            String product, DMatrixRMaj A, DMatrixRMaj B, DMatrixRMaj C, int p, int q, int qB, int r) {
        if (q != qB || C.numRows != p || C.numCols != r) {
            throw new IllegalArgumentException(product + " of " + p + "×" + q + " and " + qB + "×" + r + " into "
                    + C.numRows + "×" + C.numCols + ": the inner dimensions must agree and C must be " + p + "×" + r);
        }
        if (C == A || C == B) {
            throw new IllegalArgumentException(product + ": C must not be A or B");
        }
    }
}
