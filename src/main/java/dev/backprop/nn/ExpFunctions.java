package dev.backprop.nn;

/**
 * tanh and the sigmoid from e^x without a call per number. x = k·ln 2 + r with k an integer and
 * |r| ≤ ln 2 / 2; e^r − 1 is its Taylor polynomial to r¹³ (remainder below 1e-17 relative), and 2^k
 * is built from its bits. Within 2e-15 relative of {@code StrictMath}'s tanh and of 1/(1 + e^{−s}),
 * where {@code Math.tanh} is several times slower and {@code Math.exp} a call per number.
 *
 * <p>A matrix takes three passes: k, then 2^{k−1} from its bits, then the function from s, k and
 * 2^{k−1}. The JIT runs the first and the last on several numbers at once, which it would not do
 * for a loop with the bits in it: about half the time of a loop of {@code Math.exp}. A number alone
 * takes the same three steps, so it gets the same bits.
 */
final class ExpFunctions {

    /** |2s| beyond which tanh s rounds to ±1: E/(E + 2) = 1 − 8.5e-18 at 2s = 40. */
    private static final double TANH_LIMIT = 40;
    /** −s below which σ(s) rounds to 1 (e^{−40} = 4e-18), and above which e^{−s} overflows, so that σ(s) is 0. */
    private static final double SIGMOID_LOW = -40;

    private static final double SIGMOID_HIGH = 710;

    private static final double INV_LN2 = 1.44269504088896338700e+00;
    /** ln 2 in two parts, fdlibm's: k·LN2_HI is exact for |k| < 2^20. */
    private static final double LN2_HI = 6.93147180369123816490e-01;

    private static final double LN2_LO = 1.90821492927058770002e-10;

    private ExpFunctions() {}

    /** tanh s = E/(E + 2) with E = e^{2s} − 1. */
    static double tanh(double s) {
        double x = tanhArgument(s);
        double k = exponent(x);
        return tanh(x, k, halfPowerOfTwo(k));
    }

    /** z = tanh s for the first {@code length} numbers; z must not be s. */
    static void tanh(double[] s, double[] z, int length) {
        for (int i = 0; i < length; i++) {
            z[i] = exponent(tanhArgument(s[i]));
        }
        for (int i = 0; i < length; i++) {
            z[i] = halfPowerOfTwo(z[i]);
        }
        for (int i = 0; i < length; i++) {
            double x = tanhArgument(s[i]);
            z[i] = tanh(x, exponent(x), z[i]);
        }
    }

    /** σ(s) = 1/(1 + e^{−s}). */
    static double sigmoid(double s) {
        double x = sigmoidArgument(s);
        double k = exponent(x);
        return sigmoid(x, k, halfPowerOfTwo(k));
    }

    /** z = σ(s) for the first {@code length} numbers; z must not be s. */
    static void sigmoid(double[] s, double[] z, int length) {
        for (int i = 0; i < length; i++) {
            z[i] = exponent(sigmoidArgument(s[i]));
        }
        for (int i = 0; i < length; i++) {
            z[i] = halfPowerOfTwo(z[i]);
        }
        for (int i = 0; i < length; i++) {
            double x = sigmoidArgument(s[i]);
            z[i] = sigmoid(x, exponent(x), z[i]);
        }
    }

    /** 2s, clamped to ±40. */
    private static double tanhArgument(double s) {
        return Math.max(-TANH_LIMIT, Math.min(TANH_LIMIT, 2 * s));
    }

    /** −s, clamped to [−40, 710]. */
    private static double sigmoidArgument(double s) {
        return Math.max(SIGMOID_LOW, Math.min(SIGMOID_HIGH, -s));
    }

    // tanh s = E/(E + 2), E = e^x − 1 = 2^k·(e^r − 1) − (1 − 2^k), which is −0 for x = −0
    private static double tanh(double x, double k, double half) {
        double twoToK = 2 * half;
        double E = twoToK * expm1Reduced(x, k) - (1 - twoToK);
        return E / (E + 2);
    }

    // σ = 1/(1 + e^x), e^x = 2^{k−1}·2·(1 + (e^r − 1)), infinite past 709.78 and finite before it
    private static double sigmoid(double x, double k, double half) {
        double exp = half * (2 * (1 + expm1Reduced(x, k)));
        return 1 / (1 + exp);
    }

    /** k = round(x / ln 2), as a double; +0 rather than −0, so that r keeps the sign of x = −0. */
    private static double exponent(double x) {
        return Math.rint(x * INV_LN2) + 0.0;
    }

    /** 2^{k−1} from its bits, for an integer k from −58 to 1024 (finite at 1024, where 2^k is not). */
    private static double halfPowerOfTwo(double k) {
        return Double.longBitsToDouble(((long) k + 1022) << 52);
    }

    /** e^r − 1 for r = x − k·ln 2. */
    private static double expm1Reduced(double x, double k) {
        // r = x − k·ln 2, in two parts so that it is exact to the last bits
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
        return r * q;
    }
}
