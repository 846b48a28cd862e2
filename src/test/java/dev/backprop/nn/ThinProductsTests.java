package dev.backprop.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * The thin-matrix loops give EJML's answers bit for bit, signed zeros included, for every shape
 * they are used for: what lets them replace EJML's kernels with no change to any answer.
 */
class ThinProductsTests {

    private static final int[] ROWS = {1, 2, 3, 5, 17, 400};

    @Test
    void multIsEjmlsBitForBit() {
        Random random = new Random(7);
        for (int m : ROWS) {
            for (int K = 1; K <= ThinProducts.MAX_INNER; K++) {
                for (int n = 1; n <= ThinProducts.MAX_COLUMNS; n++) {
                    DMatrixRMaj A = values(m, K, random);
                    DMatrixRMaj B = values(K, n, random);
                    assertThat(ThinProducts.fitsMult(A, B)).isTrue();
                    DMatrixRMaj thin = new DMatrixRMaj(m, n);
                    ThinProducts.mult(A, B, thin);
                    assertSameBits(thin, CommonOps_DDRM.mult(A, B, null), "A·B, " + m + "×" + K + "·" + K + "×" + n);
                }
            }
        }
    }

    @Test
    void multTransBIsEjmlsBitForBit() {
        Random random = new Random(8);
        for (int m : ROWS) {
            for (int K = 1; K <= ThinProducts.MAX_INNER; K++) {
                for (int n = 1; n <= ThinProducts.MAX_COLUMNS; n++) {
                    DMatrixRMaj A = values(m, K, random);
                    DMatrixRMaj B = values(n, K, random);
                    assertThat(ThinProducts.fitsMultTransB(A, B)).isTrue();
                    DMatrixRMaj thin = new DMatrixRMaj(m, n);
                    ThinProducts.multTransB(A, B, thin);
                    assertSameBits(
                            thin,
                            CommonOps_DDRM.multTransB(A, B, null),
                            "A·Bᵀ, " + m + "×" + K + "·(" + n + "×" + K + ")ᵀ");
                }
            }
        }
    }

    @Test
    void multTransAIsEjmlsBitForBit() {
        Random random = new Random(9);
        for (int N : ROWS) {
            for (int m = 1; m < ThinProducts.EJML_SMALL_BELOW; m++) {
                for (int n = 1; n < ThinProducts.EJML_SMALL_BELOW; n++) {
                    DMatrixRMaj A = values(N, m, random);
                    DMatrixRMaj B = values(N, n, random);
                    assertThat(ThinProducts.fitsMultTransA(A, B)).isTrue();
                    DMatrixRMaj thin = new DMatrixRMaj(m, n);
                    ThinProducts.multTransA(A, B, thin);
                    assertSameBits(
                            thin, CommonOps_DDRM.multTransA(A, B, null), "Aᵀ·B, (" + N + "×" + m + ")ᵀ·" + N + "×" + n);
                }
            }
        }
    }

    @Test
    void columnSumsAreEjmlsBitForBit() {
        Random random = new Random(10);
        for (int N : ROWS) {
            for (int n = 1; n <= 20; n++) {
                DMatrixRMaj A = values(N, n, random);
                DMatrixRMaj sums = new DMatrixRMaj(1, n);
                ThinProducts.columnSums(A, sums);
                assertSameBits(sums, CommonOps_DDRM.sumCols(A, null), "column sums of " + N + "×" + n);
            }
        }
    }

    @Test
    void shapesThatDoNotMultiplyAreRefusedWithBothShapes() {
        DMatrixRMaj A = new DMatrixRMaj(4, 2);
        assertThatThrownBy(() -> ThinProducts.mult(A, new DMatrixRMaj(3, 2), new DMatrixRMaj(4, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4×2 and 3×2");
        assertThatThrownBy(() -> ThinProducts.multTransA(A, new DMatrixRMaj(4, 3), new DMatrixRMaj(3, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("C must be 2×3");
        assertThatThrownBy(() -> ThinProducts.columnSums(A, new DMatrixRMaj(1, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1×2");
    }

    /** Seeded values with exact zeros of both signs, where the sums' starting value shows. */
    private static DMatrixRMaj values(int rows, int columns, Random random) {
        DMatrixRMaj M = new DMatrixRMaj(rows, columns);
        for (int i = 0; i < M.data.length; i++) {
            int kind = random.nextInt(8);
            M.data[i] = kind == 0 ? 0.0 : kind == 1 ? -0.0 : random.nextGaussian();
        }
        return M;
    }

    private static void assertSameBits(DMatrixRMaj actual, DMatrixRMaj expected, String what) {
        assertThat(actual.numRows).as(what).isEqualTo(expected.numRows);
        assertThat(actual.numCols).as(what).isEqualTo(expected.numCols);
        for (int i = 0; i < expected.data.length; i++) {
            assertThat(Double.doubleToRawLongBits(actual.data[i]))
                    .as("%s, entry %d: %s against EJML's %s", what, i, actual.data[i], expected.data[i])
                    .isEqualTo(Double.doubleToRawLongBits(expected.data[i]));
        }
    }
}
