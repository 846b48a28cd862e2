package dev.backprop.web;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.base.ParserBase;
import tools.jackson.core.base.ParserMinimalBase;
import tools.jackson.core.json.JsonReadContext;
import tools.jackson.core.json.UTF8StreamJsonParser;

/**
 * Reads the numbers of an array straight from the bytes in Jackson's UTF-8 parser, past the
 * number it is on: {@code , 0.5, -1e-3, 7} up to the closing bracket. Jackson's tokenizer copies
 * every digit into a character buffer before anything parses it, which costs more than the
 * conversion itself; here the digits are read 8 at a time and converted exactly (Clinger's fast
 * path, else the Eisel–Lemire algorithm, both correctly rounded, as Jackson's parsers are).
 *
 * <p>Only the plain case is taken: a comma, spaces, tabs or line feeds, and a number of the JSON
 * grammar of at most 19 significant digits whose double is normal and finite, followed by a
 * comma, a bracket or white space, all inside the parser's current buffer, within the parser's
 * number-length and token-count limits. At anything else the scan stops before that element and
 * leaves it to the parser, so every error (a string, null, NaN, 1e400, a syntax error, a limit)
 * is Jackson's own, with its message, pointer and location. After a scan the parser is where it
 * would be had it read those numbers itself: past the last one, with that number as its current
 * token and value, its array index, token count, line and token location moved on (not the
 * token's text, which nothing asks of a number read here).
 *
 * <p>It reaches into the parser's protected fields (the buffer, the position, the counters) with
 * VarHandles. Where they cannot be had (a Jackson that renamed them, a module system that closes
 * them), {@link #scan} reads nothing and the parser reads every number, as before.
 */
final class NumberScanner {

    private static final VarHandle INPUT_BUFFER;
    private static final VarHandle INPUT_PTR;
    private static final VarHandle INPUT_END;
    private static final VarHandle CURR_INPUT_PROCESSED;
    private static final VarHandle CURR_INPUT_ROW;
    private static final VarHandle CURR_INPUT_ROW_START;
    private static final VarHandle TOKEN_INPUT_TOTAL;
    private static final VarHandle TOKEN_INPUT_ROW;
    private static final VarHandle TOKEN_INPUT_COL;
    private static final VarHandle TOKEN_COUNT;
    private static final VarHandle TRACK_MAX_TOKEN_COUNT;
    private static final VarHandle CURR_TOKEN;
    private static final VarHandle NUM_TYPES_VALID;
    private static final VarHandle NUMBER_DOUBLE;
    private static final VarHandle NUMBER_STRING;

    /** ParserMinimalBase.NR_DOUBLE: the current number's value is known as a double. */
    private static final int NR_DOUBLE = 0x008;

    private static final boolean AVAILABLE;

    static {
        VarHandle[] handles = new VarHandle[15];
        boolean available;
        try {
            MethodHandles.Lookup utf8 =
                    MethodHandles.privateLookupIn(UTF8StreamJsonParser.class, MethodHandles.lookup());
            MethodHandles.Lookup base = MethodHandles.privateLookupIn(ParserBase.class, MethodHandles.lookup());
            MethodHandles.Lookup minimal =
                    MethodHandles.privateLookupIn(ParserMinimalBase.class, MethodHandles.lookup());
            handles[0] = utf8.findVarHandle(UTF8StreamJsonParser.class, "_inputBuffer", byte[].class);
            handles[1] = base.findVarHandle(ParserBase.class, "_inputPtr", int.class);
            handles[2] = base.findVarHandle(ParserBase.class, "_inputEnd", int.class);
            handles[3] = base.findVarHandle(ParserBase.class, "_currInputProcessed", long.class);
            handles[4] = base.findVarHandle(ParserBase.class, "_currInputRow", int.class);
            handles[5] = base.findVarHandle(ParserBase.class, "_currInputRowStart", int.class);
            handles[6] = base.findVarHandle(ParserBase.class, "_tokenInputTotal", long.class);
            handles[7] = base.findVarHandle(ParserBase.class, "_tokenInputRow", int.class);
            handles[8] = base.findVarHandle(ParserBase.class, "_tokenInputCol", int.class);
            handles[9] = minimal.findVarHandle(ParserMinimalBase.class, "_tokenCount", long.class);
            handles[10] = minimal.findVarHandle(ParserMinimalBase.class, "_trackMaxTokenCount", boolean.class);
            handles[11] = minimal.findVarHandle(ParserMinimalBase.class, "_currToken", JsonToken.class);
            handles[12] = base.findVarHandle(ParserBase.class, "_numTypesValid", int.class);
            handles[13] = base.findVarHandle(ParserBase.class, "_numberDouble", double.class);
            handles[14] = base.findVarHandle(ParserBase.class, "_numberString", String.class);
            available = true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            available = false;
        }
        INPUT_BUFFER = handles[0];
        INPUT_PTR = handles[1];
        INPUT_END = handles[2];
        CURR_INPUT_PROCESSED = handles[3];
        CURR_INPUT_ROW = handles[4];
        CURR_INPUT_ROW_START = handles[5];
        TOKEN_INPUT_TOTAL = handles[6];
        TOKEN_INPUT_ROW = handles[7];
        TOKEN_INPUT_COL = handles[8];
        TOKEN_COUNT = handles[9];
        TRACK_MAX_TOKEN_COUNT = handles[10];
        CURR_TOKEN = handles[11];
        NUM_TYPES_VALID = handles[12];
        NUMBER_DOUBLE = handles[13];
        NUMBER_STRING = handles[14];
        AVAILABLE = available;
    }

    /** Eight bytes of an array at any index, the lowest first. */
    private static final VarHandle EIGHT_BYTES =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long ASCII_ZEROS = 0x3030_3030_3030_3030L;

    private static final long[] LONG_POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000};

    /** The doubles 10^0 … 10^22, all exact. */
    private static final double[] EXACT_POWERS_OF_TEN = new double[23];

    private static final int MIN_EXPONENT = -348;
    private static final int MAX_EXPONENT = 347;

    /**
     * For e = −348 … 347, the 128 bits of 10^e from its first set bit on, rounded down, high and
     * low half: the table of the Eisel–Lemire algorithm, computed exactly with BigInteger.
     */
    private static final long[] POWER_HIGH = new long[MAX_EXPONENT - MIN_EXPONENT + 1];

    private static final long[] POWER_LOW = new long[MAX_EXPONENT - MIN_EXPONENT + 1];

    static {
        EXACT_POWERS_OF_TEN[0] = 1;
        for (int e = 1; e < EXACT_POWERS_OF_TEN.length; e++) {
            EXACT_POWERS_OF_TEN[e] = EXACT_POWERS_OF_TEN[e - 1] * 10;
        }
        for (int e = MIN_EXPONENT; e <= MAX_EXPONENT; e++) {
            BigInteger power = BigInteger.TEN.pow(Math.abs(e));
            // 10^e·2^(127 − floor(log2(10^e))), rounded down: 128 bits, the first one set
            BigInteger bits = e >= 0
                    ? shift(power, 128 - power.bitLength())
                    : BigInteger.ONE.shiftLeft(127 + power.bitLength()).divide(power);
            POWER_HIGH[e - MIN_EXPONENT] = bits.shiftRight(64).longValue();
            POWER_LOW[e - MIN_EXPONENT] = bits.longValue();
        }
    }

    private NumberScanner() {}

    private static BigInteger shift(BigInteger value, int left) {
        return left >= 0 ? value.shiftLeft(left) : value.shiftRight(-left);
    }

    /**
     * Reads the numbers that follow the parser's current number token in its array into
     * {@code into[at]} and on, as far as they are plain and {@code into} has room.
     *
     * @param parser a parser whose current token is a number, inside an array
     * @return how many numbers were read; 0 when the next element is not plain, or when the
     *     parser is not Jackson's UTF-8 byte parser
     */
    static int scan(JsonParser parser, double[] into, int at) {
        if (!AVAILABLE || parser.getClass() != UTF8StreamJsonParser.class) {
            return 0;
        }
        byte[] buffer = (byte[]) INPUT_BUFFER.get(parser);
        int end = (int) INPUT_END.get(parser);
        int ptr = (int) INPUT_PTR.get(parser);
        int row = (int) CURR_INPUT_ROW.get(parser);
        int rowStart = (int) CURR_INPUT_ROW_START.get(parser);
        StreamReadConstraints constraints = parser.streamReadConstraints();
        int maxLength = constraints.getMaxNumberLength();
        boolean countTokens = (boolean) TRACK_MAX_TOKEN_COUNT.get(parser);
        long tokens = (long) TOKEN_COUNT.get(parser);
        long maxTokens = countTokens ? constraints.getMaxTokenCount() : Long.MAX_VALUE;
        int count = 0;
        int lastStart = -1;
        int lastRow = row;
        int lastRowStart = rowStart;
        while (at + count < into.length && tokens + count < maxTokens) {
            int p = ptr;
            // white space, a comma, white space: as the parser's _skipWS, line feeds counted
            while (p < end && (buffer[p] == ' ' || buffer[p] == '\t' || buffer[p] == '\n')) {
                if (buffer[p++] == '\n') {
                    row++;
                    rowStart = p;
                }
            }
            if (p >= end || buffer[p] != ',') {
                break;
            }
            p++;
            while (p < end && (buffer[p] == ' ' || buffer[p] == '\t' || buffer[p] == '\n')) {
                if (buffer[p++] == '\n') {
                    row++;
                    rowStart = p;
                }
            }
            int start = p;
            int after = parse(buffer, start, end, into, at + count);
            // the number must end inside this buffer, where the JSON grammar lets it end
            if (after < 0 || after >= end || after - start > maxLength || !endsNumber(buffer[after])) {
                break;
            }
            lastStart = start;
            lastRow = row;
            lastRowStart = rowStart;
            ptr = after;
            count++;
        }
        if (count == 0) {
            return 0;
        }
        // the parser as after reading the last number itself: its location is one past the
        // number's first byte, as _updateLocation() records it, and the row of that number
        INPUT_PTR.set(parser, ptr);
        CURR_INPUT_ROW.set(parser, lastRow);
        CURR_INPUT_ROW_START.set(parser, lastRowStart);
        TOKEN_INPUT_TOTAL.set(parser, (long) CURR_INPUT_PROCESSED.get(parser) + lastStart + 1);
        TOKEN_INPUT_ROW.set(parser, lastRow);
        TOKEN_INPUT_COL.set(parser, lastStart + 1 - lastRowStart);
        if (countTokens) {
            TOKEN_COUNT.set(parser, tokens + count);
        }
        CURR_TOKEN.set(
                parser, isInteger(buffer, lastStart, ptr) ? JsonToken.VALUE_NUMBER_INT : JsonToken.VALUE_NUMBER_FLOAT);
        NUM_TYPES_VALID.set(parser, NR_DOUBLE);
        NUMBER_DOUBLE.set(parser, into[at + count - 1]);
        NUMBER_STRING.set(parser, (String) null);
        JsonReadContext context = (JsonReadContext) parser.streamReadContext();
        for (int i = 0; i < count; i++) {
            context.expectComma();
        }
        return count;
    }

    /** The bytes that may follow a number in an array: a comma, the bracket, white space. */
    private static boolean endsNumber(byte b) {
        return b == ',' || b == ']' || b == ' ' || b == '\n' || b == '\t' || b == '\r';
    }

    private static boolean isInteger(byte[] buffer, int start, int end) {
        for (int i = start; i < end; i++) {
            if (buffer[i] == '.' || buffer[i] == 'e' || buffer[i] == 'E') {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses the JSON number that starts at {@code buffer[p]} and ends before {@code end} into
     * {@code into[slot]}, correctly rounded. The integer {@code -0} is read as 0.0, as Jackson
     * reads an integer token (as an int); {@code -0.0} as −0.0.
     *
     * @return the index after the number, or −1 when it is not taken (not a JSON number, more than
     *     19 significant digits, a double that is subnormal, infinite or undecided by the fast
     *     algorithms); then nothing is stored
     */
    static int parse(byte[] buffer, int p, int end, double[] into, int slot) {
        boolean negative = p < end && buffer[p] == '-';
        if (negative) {
            p++;
        }
        if (p >= end) {
            return -1;
        }
        long significand = 0;
        int digits = 0;
        int exponent = 0;
        boolean integer = true;
        if (buffer[p] == '0') {
            // a leading zero is the whole integer part
            p++;
        } else if (isDigit(buffer[p])) {
            int first = p;
            p = digitsEnd(buffer, p, end);
            significand = appendDigits(buffer, first, p, end, 0);
            digits = p - first;
        } else {
            return -1;
        }
        if (p < end && buffer[p] == '.') {
            integer = false;
            int first = ++p;
            if (significand == 0) {
                // the zeros of 0.000123 are no significant digits
                while (p < end && buffer[p] == '0') {
                    p++;
                }
            }
            int significant = p;
            p = digitsEnd(buffer, p, end);
            significand = appendDigits(buffer, significant, p, end, significand);
            if (p == first) {
                return -1;
            }
            digits += p - significant;
            exponent = first - p;
        }
        if (p < end && (buffer[p] | 0x20) == 'e') {
            integer = false;
            p++;
            boolean negativeExponent = p < end && buffer[p] == '-';
            if (p < end && (buffer[p] == '-' || buffer[p] == '+')) {
                p++;
            }
            int first = p;
            int e = 0;
            while (p < end && isDigit(buffer[p]) && p - first < 5) {
                e = e * 10 + (buffer[p++] - '0');
            }
            if (p == first || (p < end && isDigit(buffer[p]))) {
                // no digit, or more than 5: the parser's to read
                return -1;
            }
            exponent += negativeExponent ? -e : e;
        }
        if (digits > 19) {
            return -1;
        }
        double value;
        if (significand == 0) {
            value = integer || !negative ? 0.0 : -0.0;
        } else {
            // Eisel–Lemire first: no division, and it decides all but the exact halfway cases,
            // which Clinger's fast path then takes when both factors are exact doubles
            value = eiselLemire(significand, exponent, negative);
            if (Double.isNaN(value)) {
                if (significand > 0 && significand <= 1L << 53 && -22 <= exponent && exponent <= 22) {
                    value = exponent < 0
                            ? significand / EXACT_POWERS_OF_TEN[-exponent]
                            : significand * EXACT_POWERS_OF_TEN[exponent];
                    value = negative ? -value : value;
                } else {
                    return -1;
                }
            }
        }
        into[slot] = value;
        return p;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** The end of the digits from {@code buffer[p]} on, found eight bytes at a time. */
    private static int digitsEnd(byte[] buffer, int p, int end) {
        while (p + 8 <= end) {
            long v = (long) EIGHT_BYTES.get(buffer, p);
            // the top bit of each byte that is no digit: below '0' it borrows, above '9' it carries
            // (into the bytes after it only, which do not count once it ends the run)
            long notDigits = ((v + 0x4646_4646_4646_4646L) | (v - 0x3030_3030_3030_3030L)) & 0x8080_8080_8080_8080L;
            if (notDigits != 0) {
                return p + (Long.numberOfTrailingZeros(notDigits) >>> 3);
            }
            p += 8;
        }
        while (p < end && isDigit(buffer[p])) {
            p++;
        }
        return p;
    }

    /**
     * {@code significand} followed by the digits {@code buffer[from]} to {@code buffer[to − 1]}
     * (it overflows past 19 digits, unchecked: the caller counts them). Eight at a time, and the
     * rest in one go too, without a branch per digit, when eight bytes can be read from there.
     */
    private static long appendDigits(byte[] buffer, int from, int to, int end, long significand) {
        int p = from;
        for (; p + 8 <= to; p += 8) {
            significand = significand * 100_000_000 + eightDigits((long) EIGHT_BYTES.get(buffer, p));
        }
        int rest = to - p;
        if (rest > 0 && p + 8 <= end) {
            // the rest last in a long of eight, after '0's, which add nothing
            long v = (long) EIGHT_BYTES.get(buffer, p);
            return significand * LONG_POWERS_OF_TEN[rest] + eightDigits(v << 8 * (8 - rest) | ASCII_ZEROS >>> 8 * rest);
        }
        for (; p < to; p++) {
            significand = significand * 10 + (buffer[p] - '0');
        }
        return significand;
    }

    /** The value of 8 ASCII digits, the first in the lowest byte. */
    private static int eightDigits(long v) {
        long d = v - ASCII_ZEROS;
        // pairs, then fours, then eight: d₀ is the first digit, in the lowest byte
        d = d * 10 + (d >>> 8);
        d = ((d & 0x0000_00FF_0000_00FFL) * (100 + (1_000_000L << 32))
                        + ((d >>> 16) & 0x0000_00FF_0000_00FFL) * (1 + (10_000L << 32)))
                >>> 32;
        return (int) d;
    }

    /**
     * w·10^q correctly rounded (Eisel and Lemire, "Number parsing at a gigabyte per second",
     * 2021, as in Go's strconv.eiselLemire64), for w ≠ 0 read as unsigned; NaN when it cannot
     * decide (a near tie), or when the double would be subnormal or infinite.
     */
    private static double eiselLemire(long w, int q, boolean negative) {
        if (q < MIN_EXPONENT || q > MAX_EXPONENT) {
            return Double.NaN;
        }
        int leadingZeros = Long.numberOfLeadingZeros(w);
        w <<= leadingZeros;
        // floor(log2(10)·q) + 64 + the bias 1023, less the normalization
        long exponent2 = ((217_706L * q) >> 16) + 64 + 1023 - leadingZeros;
        long high = POWER_HIGH[q - MIN_EXPONENT];
        long xHigh = unsignedMultiplyHigh(w, high);
        long xLow = w * high;
        if ((xHigh & 0x1FF) == 0x1FF && Long.compareUnsigned(xLow + w, w) < 0) {
            // the truncated power may have lost the rounding: add the low half's product
            long low = POWER_LOW[q - MIN_EXPONENT];
            long yHigh = unsignedMultiplyHigh(w, low);
            long yLow = w * low;
            long mergedHigh = xHigh;
            long mergedLow = xLow + yHigh;
            if (Long.compareUnsigned(mergedLow, xLow) < 0) {
                mergedHigh++;
            }
            if ((mergedHigh & 0x1FF) == 0x1FF && mergedLow + 1 == 0 && Long.compareUnsigned(yLow + w, w) < 0) {
                return Double.NaN;
            }
            xHigh = mergedHigh;
            xLow = mergedLow;
        }
        long top = xHigh >>> 63;
        long mantissa = xHigh >>> (top + 9);
        exponent2 -= 1 ^ top;
        // halfway between two doubles, which the truncated product cannot tell
        if (xLow == 0 && (xHigh & 0x1FF) == 0 && (mantissa & 3) == 1) {
            return Double.NaN;
        }
        mantissa += mantissa & 1;
        mantissa >>>= 1;
        if (mantissa >>> 53 > 0) {
            mantissa >>>= 1;
            exponent2++;
        }
        if (exponent2 <= 0 || exponent2 >= 0x7FF) {
            return Double.NaN;
        }
        long bits = exponent2 << 52 | (mantissa & 0x000F_FFFF_FFFF_FFFFL);
        return Double.longBitsToDouble(negative ? bits | Long.MIN_VALUE : bits);
    }

    /** The high 64 bits of the unsigned 128-bit product (Math.unsignedMultiplyHigh from Java 18). */
    private static long unsignedMultiplyHigh(long x, long y) {
        return Math.multiplyHigh(x, y) + ((x >> 63) & y) + ((y >> 63) & x);
    }
}
