package dev.backprop.nn;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;

/**
 * EJML's products: single-threaded for small matrices, through {@link ThinProducts}' loops (the
 * same sums) where C has few columns; EJML's multi-threaded variants from {@value
 * #MIN_CONCURRENT_WORK} multiply-adds (m·n·k) on, where splitting the rows among threads costs
 * less than it saves.
 */
final class EjmlProducts implements MatrixProducts {

    // typed as this class: one fixed implementation, not a static holder of a chosen MatrixProducts,
    // which ArchitectureTests forbids
    static final EjmlProducts INSTANCE = new EjmlProducts();

    static final long MIN_CONCURRENT_WORK = 1L << 21;

    private EjmlProducts() {}

    private static boolean concurrent(int m, int n, int k) {
        return (long) m * n * k >= MIN_CONCURRENT_WORK;
    }

    @Override
    public void mult(DMatrixRMaj A, DMatrixRMaj B, DMatrixRMaj C) {
        if (concurrent(A.numRows, B.numCols, A.numCols)) {
            CommonOps_MT_DDRM.mult(A, B, C);
        } else if (ThinProducts.fitsMult(A, B)) {
            ThinProducts.mult(A, B, C);
        } else {
            CommonOps_DDRM.mult(A, B, C);
        }
    }

    @Override
    public void multTransA(DMatrixRMaj A, DMatrixRMaj B, DMatrixRMaj C) {
        if (concurrent(A.numCols, B.numCols, A.numRows)) {
            CommonOps_MT_DDRM.multTransA(A, B, C);
        } else if (ThinProducts.fitsMultTransA(A, B)) {
            ThinProducts.multTransA(A, B, C);
        } else {
            CommonOps_DDRM.multTransA(A, B, C);
        }
    }

    @Override
    public void multTransB(DMatrixRMaj A, DMatrixRMaj B, DMatrixRMaj C) {
        if (concurrent(A.numRows, B.numRows, A.numCols)) {
            CommonOps_MT_DDRM.multTransB(A, B, C);
        } else if (ThinProducts.fitsMultTransB(A, B)) {
            ThinProducts.multTransB(A, B, C);
        } else {
            CommonOps_DDRM.multTransB(A, B, C);
        }
    }

    @Override
    public String name() {
        return "ejml";
    }
}
