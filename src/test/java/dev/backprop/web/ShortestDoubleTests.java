package dev.backprop.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.core.io.schubfach.DoubleToDecimal;
import tools.jackson.core.io.schubfach.MathUtils;

/**
 * ShortestDouble writes every finite double as the shortest decimal that parses back to it, in
 * the same bytes as jackson-core's Schubfach (what the service wrote before it wrote matrices
 * itself), and never longer than Double.toString (but for Schubfach's rule of two digits at least).
 */
class ShortestDoubleTests {

    /** Any bit pattern but NaN and the infinities: every exponent, subnormals, both zeros. */
    @Provide
    Arbitrary<Double> finiteDoubles() {
        return Arbitraries.longs()
                .map(Double::longBitsToDouble)
                .filter(Double::isFinite)
                .edgeCases(edges -> edges.add(0.0, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, Double.MIN_NORMAL));
    }

    /** Doubles as a client sends them: uniform in [0, 1), normal, and integers. */
    @Provide
    Arbitrary<Double> everydayDoubles() {
        return Arbitraries.oneOf(
                Arbitraries.doubles().between(0, 1),
                Arbitraries.doubles().between(-1e3, 1e3),
                Arbitraries.longs().between(-(1L << 53), 1L << 53).map(Long::doubleValue));
    }

    /**
     * Exact binary fractions f/2^j (halves, quarters, … as hand-made examples have), written
     * without the search; from j = 1 to past the last written that way, and f to past 10^15/5^j.
     */
    @Provide
    Arbitrary<Double> binaryFractions() {
        Arbitrary<Long> odd = Arbitraries.oneOf(
                        Arbitraries.longs().between(1, 1_000),
                        Arbitraries.longs().between(1, 1L << 52))
                .map(f -> f | 1);
        return Arbitraries.integers()
                .between(1, 30)
                .flatMap(j -> odd.map(f -> Math.scalb((double) f, -j)))
                .flatMap(v -> Arbitraries.of(v, -v));
    }

    @Property(tries = 20_000, seed = "20261207")
    void binaryFractionsAreWrittenAsJacksonWritesThemAndParseBackToThemselves(@ForAll("binaryFractions") double v) {
        assertShortestRoundTrip(v);
    }

    @Example
    void everyBinaryFractionAtTheEdgeOfTheExactDecimals() {
        for (int j = 1; j <= 25; j++) {
            long pow5 = BigInteger.valueOf(5).pow(j).longValueExact();
            long limit = 1_000_000_000_000_000L / pow5;
            for (long f : new long[] {1, 3, limit - 2, limit - 1, limit, limit + 1, limit + 2, (1L << 53) - 1}) {
                if (f > 0 && f < 1L << 53) {
                    assertShortestRoundTrip(Math.scalb((double) (f | 1), -j));
                    assertShortestRoundTrip(-Math.scalb((double) (f | 1), -j));
                }
            }
        }
    }

    @Property(tries = 20_000, seed = "20261205")
    void everyFiniteDoubleIsWrittenAsJacksonWritesItAndParsesBackToItself(@ForAll("finiteDoubles") double v) {
        assertShortestRoundTrip(v);
    }

    @Property(tries = 20_000, seed = "20261206")
    void everydayDoublesAreWrittenAsJacksonWritesThemAndParseBackToThemselves(@ForAll("everydayDoubles") double v) {
        assertShortestRoundTrip(v);
    }

    /** The bytes and the round trip only, without AssertJ in the loop, which would take most of the time. */
    @Example
    void threeHundredThousandSeededRandomBitPatterns() {
        Random random = new Random(20261205);
        byte[] out = new byte[ShortestDouble.MAX_LENGTH];
        for (int i = 0; i < 300_000; i++) {
            double v = Double.longBitsToDouble(random.nextLong());
            if (!Double.isFinite(v)) {
                continue;
            }
            String written = new String(out, 0, ShortestDouble.write(v, out, 0), StandardCharsets.US_ASCII);
            if (!written.equals(DoubleToDecimal.toString(v)) || Double.parseDouble(written) != v) {
                assertShortestRoundTrip(v);
            }
        }
    }

    @Example
    void powersOfTenAndTwoTheirNeighboursSubnormalsAndTheFormatBoundaries() {
        List<Double> values = new ArrayList<>();
        for (int e = -325; e <= 309; e++) {
            double power = Double.parseDouble("1e" + e);
            values.add(power);
            values.add(Math.nextUp(power));
            values.add(Math.nextDown(power));
        }
        for (int e = -1074; e <= 1023; e++) {
            double power = Math.scalb(1.0, e);
            values.add(power);
            values.add(Math.nextUp(power));
            values.add(Math.nextDown(power));
        }
        for (long bits = 1; bits < 5_000; bits++) {
            values.add(Double.longBitsToDouble(bits));
        }
        values.addAll(List.of(
                0.0,
                -0.0,
                Double.MIN_VALUE,
                Double.MIN_NORMAL,
                Double.MAX_VALUE,
                9_999_999.0,
                10_000_000.0,
                1234567.0,
                0.001,
                0.000999,
                9.999999999999999e-4,
                2e-3,
                1.0E23,
                9007199254740993.0,
                0.1 + 0.2));
        for (double v : values) {
            if (Double.isFinite(v)) {
                assertShortestRoundTrip(v);
                assertShortestRoundTrip(-v);
            }
        }
    }

    @Example
    void thePowersOfTenTableIsJacksonCoresTable() {
        for (int k = -324; k <= 292; k++) {
            assertThat(ShortestDouble.g1(k)).as("g1(%d)", k).isEqualTo(MathUtils.g1(k));
            assertThat(ShortestDouble.g0(k)).as("g0(%d)", k).isEqualTo(MathUtils.g0(k));
        }
    }

    @Example
    void writesAtTheIndexGivenAndNothingBeforeIt() {
        byte[] out = new byte[3 + ShortestDouble.MAX_LENGTH];
        out[2] = 'x';
        int end = ShortestDouble.write(-0.5, out, 3);
        assertThat(new String(out, 2, end - 2, StandardCharsets.US_ASCII)).isEqualTo("x-0.5");
    }

    @Example
    void refusesWhatJsonCannotHold() {
        byte[] out = new byte[ShortestDouble.MAX_LENGTH];
        for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertThatThrownBy(() -> ShortestDouble.write(v, out, 0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static void assertShortestRoundTrip(double v) {
        byte[] out = new byte[ShortestDouble.MAX_LENGTH];
        String written = new String(out, 0, ShortestDouble.write(v, out, 0), StandardCharsets.US_ASCII);
        assertThat(written).as("bits %x", Double.doubleToRawLongBits(v)).isEqualTo(DoubleToDecimal.toString(v));
        assertThat(Double.doubleToRawLongBits(Double.parseDouble(written)))
                .as("%s parses back to %s", written, Double.toString(v))
                .isEqualTo(Double.doubleToRawLongBits(v));
        // never more significant digits than Double.toString, which is not always shortest on Java
        // 17; but 2 where 1 would do and 2 are closer (2·MIN_VALUE is 9.9E-324, not 1.0E-323), as
        // Double.toString's specification says from Java 19 on
        assertThat(significantDigits(written))
                .as("%s against Double.toString's %s", written, Double.toString(v))
                .isLessThanOrEqualTo(Math.max(2, significantDigits(Double.toString(v))));
    }

    private static int significantDigits(String decimal) {
        BigDecimal value = new BigDecimal(decimal);
        return value.signum() == 0 ? 1 : value.stripTrailingZeros().precision();
    }
}
