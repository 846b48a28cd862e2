/*
 * The algorithm and its constants are Raffaello Giulietti's Schubfach, as in his reference
 * implementation and in jackson-core's tools.jackson.core.io.schubfach.DoubleToDecimal, under
 * this license:
 *
 * Copyright 2018-2020 Raffaello Giulietti
 *
 * Permission is hereby granted, free of charge, to any person obtaining a copy
 * of this software and associated documentation files (the "Software"), to deal
 * in the Software without restriction, including without limitation the rights
 * to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
 * copies of the Software, and to permit persons to whom the Software is
 * furnished to do so, subject to the following conditions:
 *
 * The above copyright notice and this permission notice shall be included in
 * all copies or substantial portions of the Software.
 *
 * THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
 * IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
 * FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
 * AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
 * LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
 * OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
 * THE SOFTWARE.
 */
package dev.backprop.web;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;

/**
 * Writes a finite double as the shortest decimal that parses back to the same double, in ASCII
 * straight into a byte array: the bytes Jackson's {@code StreamWriteFeature.USE_FAST_DOUBLE_WRITER}
 * writes (and {@link Double#toString} from Java 19 on), {@code 0.5}, {@code 1.0E-5},
 * {@code 1234567.0}, {@code 1.0E7}, without a String per number.
 *
 * <p>Giulietti's Schubfach ("The Schubfach way to render doubles", 2020): the decimal is chosen
 * with three 128-bit products by a power of ten g·2^r, the digits extracted without division.
 * The 617 powers g are computed exactly with BigInteger when the class loads, not typed.
 */
final class ShortestDouble {

    /** The most bytes one number takes: {@code -d.ddddddddddddddddE-eee}. */
    static final int MAX_LENGTH = 24;

    // P: the precision in bits; W: the exponent's width
    private static final int P = 53;
    private static final int W = (Double.SIZE - 1) - (P - 1);
    private static final int Q_MIN = (-1 << W - 1) - P + 3;
    // values below C_TINY·2^Q_MIN need one more digit of precision (section 8.1.1)
    private static final long C_TINY = 3;
    private static final int K_MIN = -324;
    private static final int K_MAX = 292;
    // the digits of the decimal, at most
    private static final int H = 17;
    private static final long C_MIN = 1L << P - 1;
    private static final int BQ_MASK = (1 << W) - 1;
    private static final long T_MASK = (1L << P - 1) - 1;
    private static final long MASK_63 = (1L << 63) - 1;

    // floor(log10(2)·2^41), floor(log10(3/4)·2^41), floor(log2(10)·2^38)
    private static final long C_10 = 661_971_961_083L;
    private static final long A_10 = -274_743_187_321L;
    private static final long C_2 = 913_124_641_741L;

    private static final long[] POW10 = new long[H + 1];

    /** 5^j for the exact fractions f/2^j, j &lt; 22 (5^21 &lt; 10^15). */
    private static final long[] POW5 = new long[22];

    /** 10^15 / 5^j: the fractions f/2^j whose exact decimal f·5^j has at most 15 digits. */
    private static final long[] EXACT_BELOW = new long[POW5.length];

    /** Eight bytes of an array at any index, the lowest first. */
    private static final VarHandle EIGHT_BYTES =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long ASCII_ZEROS = 0x3030_3030_3030_3030L;

    /** For k = K_MIN … K_MAX, g1 and g0 of g = floor(10^(−k)·2^(−r)) + 1 = g1·2^63 + g0, 2^125 ≤ g < 2^126. */
    private static final long[] G = new long[2 * (K_MAX - K_MIN + 1)];

    static {
        POW10[0] = 1;
        for (int i = 1; i <= H; i++) {
            POW10[i] = 10 * POW10[i - 1];
        }
        for (int j = 0; j < POW5.length; j++) {
            POW5[j] = j == 0 ? 1 : 5 * POW5[j - 1];
            EXACT_BELOW[j] = POW10[15] / POW5[j];
        }
        BigInteger low63 = BigInteger.ONE.shiftLeft(63).subtract(BigInteger.ONE);
        for (int k = K_MIN; k <= K_MAX; k++) {
            int r = flog2pow10(-k) - 125;
            // 10^(−k)·2^(−r), exactly, rounded down
            BigInteger beta = k <= 0
                    ? shift(BigInteger.TEN.pow(-k), -r)
                    : BigInteger.ONE.shiftLeft(-r).divide(BigInteger.TEN.pow(k));
            BigInteger g = beta.add(BigInteger.ONE);
            G[2 * (k - K_MIN)] = g.shiftRight(63).longValueExact();
            G[2 * (k - K_MIN) + 1] = g.and(low63).longValueExact();
        }
    }

    private ShortestDouble() {}

    private static BigInteger shift(BigInteger value, int left) {
        return left >= 0 ? value.shiftLeft(left) : value.shiftRight(-left);
    }

    /** g1(k) as in section 9.9.3 of the paper; for the test that compares the table with jackson-core's. */
    static long g1(int k) {
        return G[2 * (k - K_MIN)];
    }

    /** g0(k), the low 63 bits of g. */
    static long g0(int k) {
        return G[2 * (k - K_MIN) + 1];
    }

    /**
     * Writes v at {@code out[at]} and on; {@code out} has room for {@link #MAX_LENGTH} bytes from
     * {@code at}.
     *
     * @param v a finite double; −0.0 is written {@code -0.0}
     * @return the index after the last byte written
     * @throws IllegalArgumentException when v is NaN or infinite, which JSON cannot hold
     */
    static int write(double v, byte[] out, int at) {
        long bits = Double.doubleToRawLongBits(v);
        long t = bits & T_MASK;
        int bq = (int) (bits >>> P - 1) & BQ_MASK;
        if (bq == BQ_MASK) {
            throw new IllegalArgumentException(v + " is not finite");
        }
        int index = at;
        if (bits < 0) {
            out[index++] = '-';
        }
        if (bq != 0) {
            // a normal value: |v| = c·2^q with 2^(P−1) ≤ c < 2^P, and mq = −q
            int mq = -Q_MIN + 1 - bq;
            long c = C_MIN | t;
            // an integer below 2^53: its digits, no rounding to decide (section 8.2)
            if (0 < mq & mq < P) {
                long f = c >> mq;
                if (f << mq == c) {
                    return digits(f, 0, out, index);
                }
            }
            // a fraction of few binary digits (a half, a quarter, three eighths: what hand-made
            // examples hold): |v| = f/2^j = f·5^j·10^(−j) exactly, f odd. Below 10^15, the decimals
            // of that scale lie farther apart than the doubles, so no other decimal of as many
            // digits or fewer is within half an ulp: the exact one is the shortest, and the nearest
            int j = mq - Long.numberOfTrailingZeros(c);
            if (0 < j & j < POW5.length) {
                long f = c >> mq - j;
                if (f < EXACT_BELOW[j]) {
                    return digits(f * POW5[j], -j, out, index);
                }
            }
            return decimal(-mq, c, 0, out, index);
        }
        if (t != 0) {
            // a subnormal value
            return t < C_TINY ? decimal(Q_MIN, 10 * t, -1, out, index) : decimal(Q_MIN, t, 0, out, index);
        }
        out[index++] = '0';
        out[index++] = '.';
        out[index++] = '0';
        return index;
    }

    /** Chooses the shortest decimal of c·2^q (figure 4 of the paper), then writes it. */
    private static int decimal(int q, long c, int dk, byte[] out, int index) {
        int odd = (int) c & 0x1;
        long cb = c << 2;
        long cbr = cb + 2;
        long cbl;
        int k;
        if (c != C_MIN | q == Q_MIN) {
            // regular spacing of the doubles around v
            cbl = cb - 2;
            k = flog10pow2(q);
        } else {
            // v is a power of two: the double below is nearer than the one above
            cbl = cb - 1;
            k = flog10threeQuartersPow2(q);
        }
        int h = q + flog2pow10(-k) + 2;
        long g1 = g1(k);
        long g0 = g0(k);
        long vb = rop(g1, g0, cb << h);
        long vbl = rop(g1, g0, cbl << h);
        long vbr = rop(g1, g0, cbr << h);
        long s = vb >> 2;
        // the decimal f·10^e chosen, written by one call of digits, compiled into this method once
        long f = 0;
        int e = k + dk;
        boolean chosen = false;
        if (s >= 100) {
            // s' = floor(s / 10) = floor(s · 115_292_150_460_684_698 · 2^4 / 2^64)
            long sp10 = 10 * Math.multiplyHigh(s, 115_292_150_460_684_698L << 4);
            long tp10 = sp10 + 10;
            boolean upin = vbl + odd <= sp10 << 2;
            boolean wpin = (tp10 << 2) + odd <= vbr;
            if (upin != wpin) {
                f = upin ? sp10 : tp10;
                e = k;
                chosen = true;
            }
        }
        if (!chosen) {
            long t = s + 1;
            boolean uin = vbl + odd <= s << 2;
            boolean win = (t << 2) + odd <= vbr;
            if (uin != win) {
                f = uin ? s : t;
            } else {
                // both s and t round to v: the nearer, the even one on a tie
                long cmp = vb - (s + t << 1);
                f = cmp < 0 || cmp == 0 && (s & 0x1) == 0 ? s : t;
            }
        }
        return digits(f, e, out, index);
    }

    /** rop(cp·g·2^(−127)), the rounding to odd of section 9.10 and figure 5, g = g1·2^63 + g0. */
    private static long rop(long g1, long g0, long cp) {
        long x1 = Math.multiplyHigh(g0, cp);
        long y0 = g1 * cp;
        long y1 = Math.multiplyHigh(g1, cp);
        long z = (y0 >>> 1) + x1;
        long vbp = y1 + (z >>> 63);
        return vbp | (z & MASK_63) + MASK_63 >>> 63;
    }

    /**
     * Writes the decimal f·10^e (section 10 of the paper): plain from 10^−3 to 10^7, else with an
     * exponent; the 17 digits are written 8 at a time, without their trailing zeros.
     */
    private static int digits(long f, int e, byte[] out, int index) {
        // len: 10^(len−1) ≤ f < 10^len
        int len = flog10pow2(Long.SIZE - Long.numberOfLeadingZeros(f));
        if (f >= POW10[len]) {
            len += 1;
        }
        // 10^(H−1) ≤ f < 10^H, and the value is 0.f·10^e
        f *= POW10[H - len];
        e += len;
        // h: the first digit, m: the next 8, l: the last 8
        long hm = Math.multiplyHigh(f, 193_428_131_138_340_668L) >>> 20;
        int l = (int) (f - 100_000_000L * hm);
        int h = (int) (hm * 1_441_151_881L >>> 57);
        int m = (int) (hm - 100_000_000 * h);
        long middle = eightDigits(m);
        long last = eightDigits(l);
        // the trailing zeros of the 17 digits: the last digits are the highest bytes, zero before '0' is added
        int zeros = l != 0 ? Long.numberOfLeadingZeros(last) >>> 3 : 8 + (Long.numberOfLeadingZeros(middle) >>> 3);
        if (0 < e && e <= 7) {
            // ddd.ddd: the point goes after the first e − 1 of the middle digits, which pushes the
            // last middle digit into the byte before the last 8
            long ascii = middle | ASCII_ZEROS;
            long before = (1L << 8 * (e - 1)) - 1;
            out[index] = (byte) ('0' + h);
            EIGHT_BYTES.set(out, index + 1, (ascii & before) | (long) '.' << 8 * (e - 1) | (ascii & ~before) << 8);
            out[index + 9] = (byte) (ascii >>> 56);
            EIGHT_BYTES.set(out, index + 10, last | ASCII_ZEROS);
            // at least one digit after the point
            return Math.max(index + 18 - zeros, index + e + 2);
        }
        if (-3 < e && e <= 0) {
            // 0.00ddd
            out[index] = '0';
            out[index + 1] = '.';
            out[index + 2] = '0';
            out[index + 3] = '0';
            int first = index + 2 - e;
            out[first] = (byte) ('0' + h);
            EIGHT_BYTES.set(out, first + 1, middle | ASCII_ZEROS);
            EIGHT_BYTES.set(out, first + 9, last | ASCII_ZEROS);
            return first + 17 - zeros;
        }
        // d.dddE±ee, at least one digit after the point
        out[index] = (byte) ('0' + h);
        out[index + 1] = '.';
        EIGHT_BYTES.set(out, index + 2, middle | ASCII_ZEROS);
        EIGHT_BYTES.set(out, index + 10, last | ASCII_ZEROS);
        return exponent(e - 1, out, Math.max(index + 18 - zeros, index + 3));
    }

    /**
     * The 8 decimal digits of m &lt; 10^8, one a byte, the first in the lowest byte (add
     * {@link #ASCII_ZEROS} for their characters), computed in lanes of one long: two lanes of 4
     * digits, four of 2, eight of 1 (each split by a multiplication that divides exactly in its
     * range: 10486/2^20 for /100 below 10^4, 103/2^10 for /10 below 100).
     */
    private static long eightDigits(int m) {
        int high = m / 10_000;
        long v = high | (long) (m - 10_000 * high) << 32;
        long hundreds = (v * 10486 >>> 20) & 0x0000_007F_0000_007FL;
        v = (v - 100 * hundreds) << 16 | hundreds;
        long tens = (v * 103 >>> 10) & 0x000F_000F_000F_000FL;
        return (v - 10 * tens) << 8 | tens;
    }

    private static int exponent(int e, byte[] out, int index) {
        out[index++] = 'E';
        if (e < 0) {
            out[index++] = '-';
            e = -e;
        }
        if (e < 10) {
            out[index++] = (byte) ('0' + e);
            return index;
        }
        int d;
        if (e >= 100) {
            // floor(e / 100) = floor(1_311·e / 2^17)
            d = e * 1_311 >>> 17;
            out[index++] = (byte) ('0' + d);
            e -= 100 * d;
        }
        // floor(e / 10) = floor(103·e / 2^10)
        d = e * 103 >>> 10;
        out[index++] = (byte) ('0' + d);
        out[index++] = (byte) ('0' + e - 10 * d);
        return index;
    }

    /** floor(log10(2^e)). */
    private static int flog10pow2(int e) {
        return (int) (e * C_10 >> 41);
    }

    /** floor(log10(3/4·2^e)). */
    private static int flog10threeQuartersPow2(int e) {
        return (int) (e * C_10 + A_10 >> 41);
    }

    /** floor(log2(10^e)). */
    private static int flog2pow10(int e) {
        return (int) (e * C_2 >> 38);
    }
}
