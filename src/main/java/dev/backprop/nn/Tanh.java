package dev.backprop.nn;

/**
 * tanh s = E/(E + 2) with E = e^{2s} − 1, computed without a call per number: 2s = k·ln 2 + r
 * with k an integer and |r| ≤ ln 2 / 2, so that E = 2^k·(e^r − 1) − (1 − 2^k), with e^r − 1 a
 * polynomial in r (its Taylor series to r¹³, whose remainder is below 1e-17 relative). Within
 * 1e-15 relative of tanh everywhere (0 keeps its sign), where {@code Math.tanh} is several times
 * slower and {@code Math.exp} a call per number.
 *
 * <p>A matrix is done in three passes ({@link Activation#TANH}'s forward): k, then 2^k, then E
 * and tanh. Only the middle one builds 2^k from its bits; the JIT runs the other two on several
 * numbers at once, which halves the time against a loop of {@code Math.exp}.
 */
final class Tanh {

    /** |2s| beyond which tanh s rounds to ±1 (E/(E + 2) = 1 − 8.5e-18 at 2s = 40). */
    private static final double TWO_S_LIMIT = 40;

    private static final double INV_LN2 = 1.44269504088896338700e+00;
    /** ln 2 in two parts, fdlibm's: k·LN2_HI is exact for |k| < 2^20. */
    private static final double LN2_HI = 6.93147180369123816490e-01;

    private static final double LN2_LO = 1.90821492927058770002e-10;

    private Tanh() {}

    /** k = round(2s / ln 2) with 2s clamped to ±40, as a double (+0 rather than −0, so that r keeps s's sign). */
    static double exponent(double s) {
        return Math.rint(twoS(s) * INV_LN2) + 0.0;
    }

    /** 2^k for an integer k of {@link #exponent}, from its bits. */
    static double powerOfTwo(double k) {
        return Double.longBitsToDouble(((long) k + 1023) << 52);
    }

    /** tanh s from s, k = {@link #exponent}(s) and 2^k. */
    static double of(double s, double k, double twoToK) {
        double x = twoS(s);
        // r = 2s − k·ln 2, in two parts so that it is exact to the last bits
        double r = (x - k * LN2_HI) - k * LN2_LO;
        // e^r − 1 = r·(1 + r/2! + r²/3! + … + r¹²/13!), by Horner's rule from the last term
        double q = 1 / 6227020800.0;
        q = 1 / 479001600.0 + r * q;
        q = 1 / 39916800.0 + r * q;
        q = 1 / 3628800.0 + r * q;
        q = 1 / 362880.0 + r * q;
        q = 1 / 40320.0 + r * q;
        q = 1 / 5040.0 + r * q;
        q = 1 / 720.0 + r * q;
        q = 1 / 120.0 + r * q;
        q = 1 / 24.0 + r * q;
        q = 1 / 6.0 + r * q;
        q = 1 / 2.0 + r * q;
        q = 1 + r * q;
        double expm1 = r * q;
        // E = e^{2s} − 1 = 2^k·(e^r − 1) − (1 − 2^k), −0 for s = −0
        double E = twoToK * expm1 - (1 - twoToK);
        // tanh s = E/(E + 2)
        return E / (E + 2);
    }

    private static double twoS(double s) {
        return Math.max(-TWO_S_LIMIT, Math.min(TWO_S_LIMIT, 2 * s));
    }
}
