package dev.backprop.nn;

import org.ejml.data.DMatrixRMaj;

/**
 * The three matrix products of the forward and backward pass, on row-major matrices. Each writes
 * only C, which already has the product's shape, and changes neither A nor B:
 *
 * <ul>
 *   <li>{@link #mult}: C = A·B, as in s_k = z_{k-1}·W_k
 *   <li>{@link #multTransA}: C = Aᵀ·B, as in ∂L/∂W_k = z_{k-1}ᵀ·δ_k
 *   <li>{@link #multTransB}: C = A·Bᵀ, as in ∂L/∂z_{k-1} = δ_k·W_kᵀ
 * </ul>
 *
 * <p>{@link #pureJava()} is EJML's. A faster implementation (a BLAS) lives outside this package,
 * which stays free of native code; the application chooses one at start-up and hands it to every
 * {@link Backprop} call. Implementations are thread-safe.
 */
public interface MatrixProducts {

    /** C = A·B, with A m×k, B k×n, C m×n. */
    void mult(DMatrixRMaj A, DMatrixRMaj B, DMatrixRMaj C);

    /** C = Aᵀ·B, with A k×m, B k×n, C m×n. */
    void multTransA(DMatrixRMaj A, DMatrixRMaj B, DMatrixRMaj C);

    /** C = A·Bᵀ, with A m×k, B n×k, C m×n. */
    void multTransB(DMatrixRMaj A, DMatrixRMaj B, DMatrixRMaj C);

    /** What computes the products, for logs and benchmarks, e.g. {@code ejml}. */
    String name();

    /** EJML's products, in pure Java: runs anywhere. */
    static MatrixProducts pureJava() {
        return EjmlProducts.INSTANCE;
    }
}
