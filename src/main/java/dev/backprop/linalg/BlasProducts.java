package dev.backprop.linalg;

import dev.backprop.nn.MatrixProducts;
import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/**
 * The engine's matrix products through a BLAS {@code dgemm} (dev.ludovic.netlib): the system's
 * {@code libblas.so.3} through JNI (OpenBLAS when Debian's libopenblas0 is installed; {@code
 * -Ddev.ludovic.netlib.blas.nativeLibPath=…} names another), or netlib's Java BLAS (vectorised
 * with {@code --add-modules jdk.incubator.vector}), or EJML's pure Java.
 *
 * <p>Which one is chosen once, when the engine first runs: {@code -Dbackprop.blas=native|java|ejml}
 * forces one; by default ({@code auto}) each that loads is timed on a 192×192×192 product and the
 * fastest kept, since a native reference BLAS can be slower than EJML. Products of fewer than
 * {@value #MIN_BLAS_WORK} multiply-adds (m·n·k) stay with EJML, where a native call costs more
 * than it saves.
 *
 * <p>A row-major m×n matrix is its column-major transpose, so C = A·B is computed as
 * Cᵀ = Bᵀ·Aᵀ with no copy, and the transposed products by BLAS's own transpose flags.
 */
public final class BlasProducts implements MatrixProducts {

    static final long MIN_BLAS_WORK = 1L << 15;
    private static final System.Logger LOG = System.getLogger(BlasProducts.class.getName());

    private final BLAS blas;
    private final long minBlasWork;
    private final MatrixProducts small = MatrixProducts.pureJava();

    /** The BLAS chosen as the class Javadoc says; called by {@link java.util.ServiceLoader}. */
    public BlasProducts() {
        this(choose(System.getProperty("backprop.blas", "auto")));
    }

    BlasProducts(BLAS blas) {
        this(blas, MIN_BLAS_WORK);
    }

    /**
     * @param blas the BLAS for large products, or {@code null} for EJML everywhere
     * @param minBlasWork the number of multiply-adds from which a product goes to the BLAS
     */
    BlasProducts(BLAS blas, long minBlasWork) {
        this.blas = blas;
        this.minBlasWork = minBlasWork;
    }

    private boolean small(int m, int n, int k) {
        return blas == null || (long) m * n * k < minBlasWork;
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
        return blas == null ? small.name() : "blas:" + blas.getClass().getSimpleName() + ", ejml below " + minBlasWork;
    }

    private static BLAS choose(String wanted) {
        BLAS chosen =
                switch (wanted.toLowerCase(Locale.ROOT)) {
                    case "native" -> NativeBLAS.getInstance();
                    case "java" -> JavaBLAS.getInstance();
                    case "ejml" -> null;
                    default -> fastest();
                };
        return chosen;
    }

    /** The fastest of the loadable BLAS and EJML on a 192×192×192 product (null for EJML), best of three rounds. */
    private static BLAS fastest() {
        List<BLAS> candidates = new ArrayList<>();
        try {
            candidates.add(NativeBLAS.getInstance());
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.INFO, "no native BLAS: {0}", e.toString());
        }
        candidates.add(JavaBLAS.getInstance());
        candidates.add(null);
        // rounds interleave the candidates, so that a moment of load on a shared machine
        // slows one round of every candidate rather than every run of one of them
        long[] bestNanos = new long[candidates.size()];
        java.util.Arrays.fill(bestNanos, Long.MAX_VALUE);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < candidates.size(); i++) {
                bestNanos[i] = Math.min(bestNanos[i], timeProduct(new BlasProducts(candidates.get(i))));
            }
        }
        int best = 0;
        for (int i = 1; i < candidates.size(); i++) {
            if (bestNanos[i] < bestNanos[best]) {
                best = i;
            }
        }
        return candidates.get(best);
    }

    /** The fastest of several runs of C = A·B at 192×192, after enough runs for the JIT to compile Java code. */
    private static long timeProduct(MatrixProducts products) {
        int n = 192;
        Random random = new Random(1);
        DMatrixRMaj A = new DMatrixRMaj(n, n), B = new DMatrixRMaj(n, n), C = new DMatrixRMaj(n, n);
        for (int i = 0; i < n * n; i++) {
            A.data[i] = random.nextDouble();
            B.data[i] = random.nextDouble();
        }
        long best = Long.MAX_VALUE;
        for (int run = 0; run < 12; run++) {
            long start = System.nanoTime();
            products.mult(A, B, C);
            long nanos = System.nanoTime() - start;
            if (run >= 6) {
                best = Math.min(best, nanos);
            }
        }
        return best;
    }
}
