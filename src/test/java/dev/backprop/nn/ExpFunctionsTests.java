package dev.backprop.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The engine's tanh and sigmoid against StrictMath's (fdlibm) tanh and 1/(1 + e^{−s}), PyTorch's
 * definitions, and their matrix passes against their values number by number.
 */
class ExpFunctionsTests {

    /** A few units in the last place: fdlibm is itself within about one. */
    private static final double RELATIVE = 2e-15;

    private static final DoubleUnaryOperator SIGMOID = s -> 1 / (1 + StrictMath.exp(-s));

    @Test
    void tanhIsWithinAFewUlpsAtEveryScale() {
        assertWithinAFewUlps(Activation.TANH, StrictMath::tanh, -1000, 6);
    }

    @Test
    void sigmoidIsWithinAFewUlpsAtEveryScale() {
        // |s| up to 512 (σ near 1e-222 at −512), where σ's results are normal numbers
        assertWithinAFewUlps(Activation.SIGMOID, SIGMOID, -1000, 10);
    }

    @Test
    void keepTheSpecialValues() {
        for (double s : new double[] {
            0.0,
            -0.0,
            Double.MIN_VALUE,
            -Double.MIN_VALUE,
            20,
            -20,
            40,
            -40,
            709.7,
            -709.7,
            710,
            -710,
            1e300,
            -1e300,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            Double.NaN
        }) {
            // Double.equals: NaN is NaN, and −0 is not 0
            assertThat(Double.valueOf(Activation.TANH.value(s)))
                    .as("tanh(%s)", s)
                    .isEqualTo(Double.valueOf(StrictMath.tanh(s)));
            double sigmoid = SIGMOID.applyAsDouble(s);
            assertThat(Activation.SIGMOID.value(s))
                    .as("σ(%s)", s)
                    .satisfiesAnyOf(
                            value -> assertThat(Double.valueOf(value)).isEqualTo(Double.valueOf(sigmoid)),
                            value -> assertThat(Math.abs(value - sigmoid)).isLessThanOrEqualTo(RELATIVE * sigmoid));
        }
    }

    @Test
    void theMatrixPassIsTheValueOfEachNumber() {
        SplittableRandom random = new SplittableRandom(12);
        DMatrixRMaj s = new DMatrixRMaj(37, 5);
        for (int i = 0; i < s.data.length; i++) {
            s.data[i] = i % 7 == 0 ? -0.0 : Math.scalb(random.nextDouble(-1, 1), random.nextInt(-60, 11));
        }
        for (Activation f : new Activation[] {Activation.TANH, Activation.SIGMOID}) {
            DMatrixRMaj z = new DMatrixRMaj(37, 5);
            f.forward(s, z);
            DMatrixRMaj inPlace = s.copy();
            f.forward(inPlace, inPlace);
            for (int i = 0; i < s.data.length; i++) {
                long value = Double.doubleToRawLongBits(f.value(s.data[i]));
                assertThat(Double.doubleToRawLongBits(z.data[i]))
                        .as("%s(%s)", f.apiName(), s.data[i])
                        .isEqualTo(value);
                assertThat(Double.doubleToRawLongBits(inPlace.data[i]))
                        .as("%s in place", f.apiName())
                        .isEqualTo(value);
            }
        }
    }

    /** A million seeded s with |s| from 2^minExponent to 2^maxExponent, both signs. */
    private static void assertWithinAFewUlps(
            Activation f, DoubleUnaryOperator reference, int minExponent, int maxExponent) {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 1_000_000; i++) {
            double s = Math.scalb(random.nextDouble(-1, 1), random.nextInt(minExponent, maxExponent));
            double expected = reference.applyAsDouble(s);
            assertThat(Math.abs(f.value(s) - expected))
                    .as("%s(%s)", f.apiName(), s)
                    .isLessThanOrEqualTo(RELATIVE * Math.abs(expected));
        }
    }
}
