package dev.backprop.nn;

/**
 * ln x without a call per number: x = 2^e·m with m in [√½, √2), and ln x = e·ln 2 + ln m with
 * ln m = 2·atanh(u) = 2u·(1 + u²/3 + u⁴/5 + … + u²²/23), u = (m − 1)/(m + 1), |u| ≤ 0.172 (the
 * series' remainder is below 1e-19 relative). Within 1e-15 relative of {@code StrictMath.log} for
 * normal positive x; any other x (0, subnormal, negative, ∞, NaN) goes to {@code Math.log}.
 *
 * <p>Many numbers take three passes: m, from the bits of x ({@link #mantissa}); ln m, which the
 * JIT runs on several numbers at once ({@link #ofMantissa}); e·ln 2 + ln m ({@link #combine}). A
 * number alone ({@link #log}) takes the same three steps, so it gets the same bits.
 */
final class Logarithm {

    private static final long EXPONENT_BITS = 0x7ff0000000000000L;
    private static final long FRACTION_BITS = 0x000fffffffffffffL;
    /** The exponent bits of 1.0. */
    private static final long ONE_EXPONENT = 0x3ff0000000000000L;
    /** The fraction bits of √2: a fraction above them makes m = 1.f > √2. */
    private static final long SQRT2_FRACTION = Double.doubleToRawLongBits(Math.sqrt(2)) & FRACTION_BITS;
    /** ln 2 in two parts, fdlibm's: e·LN2_HI is exact for |e| < 2^20. */
    private static final double LN2_HI = 6.93147180369123816490e-01;

    private static final double LN2_LO = 1.90821492927058770002e-10;

    private Logarithm() {}

    /** ln x. */
    static double log(double x) {
        return combine(x, ofMantissa(mantissa(x)));
    }

    /** m, x = 2^e·m with m in [√½, √2), for a normal positive x (a number in [√½, √2) for any other). */
    static double mantissa(double x) {
        long bits = Double.doubleToRawLongBits(x);
        long fraction = bits & FRACTION_BITS;
        // 1.f, halved above √2
        double m = Double.longBitsToDouble(fraction | ONE_EXPONENT);
        return fraction > SQRT2_FRACTION ? 0.5 * m : m;
    }

    /** ln m for m in [√½, √2). */
    static double ofMantissa(double m) {
        double u = (m - 1) / (m + 1);
        double u2 = u * u;
        // 1/3 + u²/5 + … + u²⁰/23, by Horner's rule from the last term
        double q = 1 / 23.0;
        q = 1 / 21.0 + u2 * q;
        q = 1 / 19.0 + u2 * q;
        q = 1 / 17.0 + u2 * q;
        q = 1 / 15.0 + u2 * q;
        q = 1 / 13.0 + u2 * q;
        q = 1 / 11.0 + u2 * q;
        q = 1 / 9.0 + u2 * q;
        q = 1 / 7.0 + u2 * q;
        q = 1 / 5.0 + u2 * q;
        q = 1 / 3.0 + u2 * q;
        // ln m = 2u + 2u·u²·q
        return 2 * u + 2 * u * (u2 * q);
    }

    /** ln x = e·ln 2 + ln m, from x and {@link #ofMantissa}({@link #mantissa}(x)). */
    static double combine(double x, double logOfMantissa) {
        if (!(x >= Double.MIN_NORMAL && x <= Double.MAX_VALUE)) {
            return Math.log(x);
        }
        long bits = Double.doubleToRawLongBits(x);
        // e, one more where m was halved
        double e = ((bits & EXPONENT_BITS) >>> 52) - 1023 + ((bits & FRACTION_BITS) > SQRT2_FRACTION ? 1 : 0);
        return e * LN2_HI + (logOfMantissa + e * LN2_LO);
    }
}
