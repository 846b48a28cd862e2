package dev.backprop.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** The engine's ln against StrictMath's (fdlibm), and binary cross-entropy's two ways of summing it. */
class LogarithmTests {

    /** A few units in the last place: fdlibm is itself within about one. */
    private static final double RELATIVE = 2e-15;

    @Test
    void withinAFewUlpsOfLnAtEveryScale() {
        SplittableRandom random = new SplittableRandom(13);
        for (int i = 0; i < 1_000_000; i++) {
            // x from 2^-1074 (subnormal) to 2^1023, and near 1, where ln x is small
            double x = i % 4 == 0
                    ? 1 + Math.scalb(random.nextDouble(-1, 1), random.nextInt(-52, 0))
                    : Math.scalb(random.nextDouble(0.5, 1), random.nextInt(-1073, 1025));
            double ln = StrictMath.log(x);
            assertThat(Math.abs(Logarithm.log(x) - ln)).as("ln %s", x).isLessThanOrEqualTo(RELATIVE * Math.abs(ln));
        }
    }

    @Test
    void keepsLnsSpecialValues() {
        for (double x : new double[] {
            0.0,
            -0.0,
            1,
            Double.MIN_VALUE,
            Double.MIN_NORMAL,
            Double.MAX_VALUE,
            -1,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            Double.NaN
        }) {
            // Double.equals: NaN is NaN, and −0 is not 0
            assertThat(Double.valueOf(Logarithm.log(x))).as("ln %s", x).isEqualTo(Double.valueOf(StrictMath.log(x)));
        }
    }

    @Test
    void binaryCrossEntropyOnProbabilitiesSumsTheSameBitsWithAndWithoutScratch() {
        SplittableRandom random = new SplittableRandom(14);
        DMatrixRMaj a = new DMatrixRMaj(64, 3);
        DMatrixRMaj y = new DMatrixRMaj(64, 3);
        for (int i = 0; i < a.data.length; i++) {
            // probabilities at every scale and exactly 0 and 1; hard, soft and out-of-range targets
            a.data[i] = switch (i % 5) {
                case 0 -> i % 2;
                case 1 -> Math.scalb(random.nextDouble(), -random.nextInt(60));
                case 2 -> 1 - Math.scalb(random.nextDouble(), -random.nextInt(50));
                default -> random.nextDouble();
            };
            y.data[i] = i % 7 == 0 ? random.nextDouble() : i % 2;
        }
        LossFunction bce = new LossFunction(Loss.BINARY_CROSS_ENTROPY, Reduction.MEAN, true);
        double plain = bce.value(a, y);
        assertThat(Double.isFinite(plain)).isTrue();
        assertThat(Double.doubleToRawLongBits(bce.value(a, y, new DMatrixRMaj(64, 3))))
                .isEqualTo(Double.doubleToRawLongBits(plain));
        // a probability outside [0, 1] makes the loss NaN either way
        a.data[5] = -1e-3;
        assertThat(bce.value(a, y, new DMatrixRMaj(64, 3))).isNaN();
        assertThat(bce.value(a, y)).isNaN();
    }
}
