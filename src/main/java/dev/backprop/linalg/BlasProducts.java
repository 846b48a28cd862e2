package dev.backprop.linalg;

import dev.backprop.nn.MatrixProducts;
import dev.ludovic.netlib.blas.BLAS;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;

/**
 * The engine's matrix products through a BLAS {@code dgemm} (dev.ludovic.netlib): the system's
 * {@code libblas.so.3} through JNI (OpenBLAS when Debian's libopenblas0 is installed; {@code
 * -Ddev.ludovic.netlib.blas.nativeLibPath=…} names another), or netlib's Java BLAS (vectorised
 * with {@code --add-modules jdk.incubator.vector}). Which one is {@link MatrixProductsConfiguration}'s
 * choice. Products of fewer than {@value #MIN_BLAS_WORK} multiply-adds (m·n·k) stay with EJML,
 * where a native call costs more than it saves.
 *
 * <p>A row-major m×n matrix is its column-major transpose, so C = A·B is computed as
 * Cᵀ = Bᵀ·Aᵀ with no copy, and the transposed products by BLAS's own transpose flags.
 */
final class BlasProducts implements MatrixProducts {

    static final long MIN_BLAS_WORK = 1L << 15;

    private final BLAS blas;
    private final long minBlasWork;
    private final MatrixProducts small = MatrixProducts.pureJava();

    BlasProducts(BLAS blas) {
        this(blas, MIN_BLAS_WORK);
    }

    /**
     * @param blas the BLAS for large products
     * @param minBlasWork the number of multiply-adds from which a product goes to the BLAS
     */
    BlasProducts(BLAS blas, long minBlasWork) {
        this.blas = Objects.requireNonNull(blas, "blas");
        this.minBlasWork = minBlasWork;
    }

    private boolean small(int m, int n, int k) {
        return (long) m * n * k < minBlasWork;
    }

    // C = A·B: column-major Cᵀ (n×m) = Bᵀ (n×k) · Aᵀ (k×m)
    @Override
    public void mult(DMatrixRMaj A, DMatrixRMaj B, DMatrixRMaj C) {
        int m = A.numRows, k = A.numCols, n = B.numCols;
        if (small(m, n, k)) {
            small.mult(A, B, C);
            return;
        }
        blas.dgemm("N", "N", n, m, k, 1.0, B.data, n, A.data, k, 0.0, C.data, n);
    }

    // C = Aᵀ·B: column-major Cᵀ (n×m) = Bᵀ (n×k) · A (k×m), A stored as Aᵀ with leading dimension m
    @Override
    public void multTransA(DMatrixRMaj A, DMatrixRMaj B, DMatrixRMaj C) {
        int k = A.numRows, m = A.numCols, n = B.numCols;
        if (small(m, n, k)) {
            small.multTransA(A, B, C);
            return;
        }
        blas.dgemm("N", "T", n, m, k, 1.0, B.data, n, A.data, m, 0.0, C.data, n);
    }

    // C = A·Bᵀ: column-major Cᵀ (n×m) = B (n×k) · Aᵀ (k×m), B stored as Bᵀ with leading dimension k
    @Override
    public void multTransB(DMatrixRMaj A, DMatrixRMaj B, DMatrixRMaj C) {
        int m = A.numRows, k = A.numCols, n = B.numRows;
        if (small(m, n, k)) {
            small.multTransB(A, B, C);
            return;
        }
        blas.dgemm("T", "N", n, m, k, 1.0, B.data, k, A.data, k, 0.0, C.data, n);
    }

    @Override
    public String name() {
        return "blas:" + blas.getClass().getSimpleName() + ", ejml below " + minBlasWork;
    }
}
