package dev.backprop.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** The engine's tanh against StrictMath's (fdlibm), and its matrix pass against its value per number. */
class TanhTests {

    /** A few units in the last place: fdlibm's tanh is itself within about one. */
    private static final double RELATIVE = 2e-15;

    @Test
    void withinAFewUlpsOfTanhAtEveryScale() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 1_000_000; i++) {
            // |s| from 2^-1000 to 32, both signs
            double s = Math.scalb(random.nextDouble(-1, 1), random.nextInt(-1000, 6));
            double tanh = StrictMath.tanh(s);
            assertThat(Math.abs(Activation.TANH.value(s) - tanh))
                    .as("tanh(%s)", s)
                    .isLessThanOrEqualTo(RELATIVE * Math.abs(tanh));
        }
    }

    @Test
    void keepsTanhsSpecialValues() {
        for (double s : new double[] {
            0.0,
            -0.0,
            Double.MIN_VALUE,
            -Double.MIN_VALUE,
            20,
            -20,
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
        }
    }

    @Test
    void theMatrixPassIsTheValueOfEachNumber() {
        SplittableRandom random = new SplittableRandom(12);
        DMatrixRMaj s = new DMatrixRMaj(37, 5);
        for (int i = 0; i < s.data.length; i++) {
            s.data[i] = i % 7 == 0 ? -0.0 : Math.scalb(random.nextDouble(-1, 1), random.nextInt(-60, 6));
        }
        DMatrixRMaj z = new DMatrixRMaj(37, 5);
        Activation.TANH.forward(s, z);
        DMatrixRMaj inPlace = s.copy();
        Activation.TANH.forward(inPlace, inPlace);
        for (int i = 0; i < s.data.length; i++) {
            long value = Double.doubleToRawLongBits(Activation.TANH.value(s.data[i]));
            assertThat(Double.doubleToRawLongBits(z.data[i]))
                    .as("tanh(%s)", s.data[i])
                    .isEqualTo(value);
            assertThat(Double.doubleToRawLongBits(inPlace.data[i]))
                    .as("in place")
                    .isEqualTo(value);
        }
    }
}
