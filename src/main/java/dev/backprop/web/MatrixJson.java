package dev.backprop.web;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.SerializableString;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.core.json.UTF8JsonGenerator;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;

/**
 * Streams matrices (a JSON array of rows) straight into a row-major {@code double[]} and back,
 * with no boxed number on the way, and vectors (a JSON array of numbers) into {@code double[]}.
 * Every number must be a finite JSON number; every row of a matrix must have the same, non-zero
 * length.
 */
public final class MatrixJson {

    private MatrixJson() {}

    /** Reads {@code [[1, 2], [3, 4]]} as a 2×2 {@link DMatrixRMaj}. */
    public static final class MatrixDeserializer extends ValueDeserializer<DMatrixRMaj> {

        private final long maxNumbers;

        /** @param maxNumbers the most numbers all the matrices and vectors of one document may hold */
        public MatrixDeserializer(long maxNumbers) {
            this.maxNumbers = maxNumbers;
        }

        /** With no limit on the numbers, for readers outside the service (tools, benchmarks). */
        public MatrixDeserializer() {
            this(Long.MAX_VALUE);
        }

        @Override
        public Class<?> handledType() {
            return DMatrixRMaj.class;
        }

        @Override
        public DMatrixRMaj deserialize(JsonParser parser, DeserializationContext context) {
            long before = NumberCount.of(context);
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                throw wrongType(
                        parser, "must be a matrix: an array of rows, each an array of numbers, e.g. [[1, 2], [3, 4]]");
            }
            firstElement(parser);
            return readRows(parser, context, before, maxNumbers);
        }
    }

    /** Writes a {@link DMatrixRMaj} as an array of rows. */
    public static final class MatrixSerializer extends ValueSerializer<DMatrixRMaj> {

        @Override
        public void serialize(DMatrixRMaj matrix, JsonGenerator generator, SerializationContext context) {
            int columns = matrix.numCols;
            generator.writeStartArray(matrix, matrix.numRows);
            for (int row = 0; row < matrix.numRows; row++) {
                writeNumbers(generator, matrix.data, row * columns, (row + 1) * columns);
            }
            generator.writeEndArray();
        }
    }

    /** Reads {@code [1, 2, 3]} as a {@code double[]} of finite numbers. */
    public static final class VectorDeserializer extends ValueDeserializer<double[]> {

        private final long maxNumbers;

        /** @param maxNumbers the most numbers all the matrices and vectors of one document may hold */
        public VectorDeserializer(long maxNumbers) {
            this.maxNumbers = maxNumbers;
        }

        /** With no limit on the numbers, for readers outside the service (tools, benchmarks). */
        public VectorDeserializer() {
            this(Long.MAX_VALUE);
        }

        @Override
        public Class<?> handledType() {
            return double[].class;
        }

        @Override
        public double[] deserialize(JsonParser parser, DeserializationContext context) {
            long before = NumberCount.of(context);
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                throw wrongType(parser, "must be a vector: an array of numbers, e.g. [0.5, -1]");
            }
            firstElement(parser);
            return readNumbers(parser, context, before, maxNumbers);
        }
    }

    /**
     * Reads {@code [[1, 2], [3, 4]]} as a matrix and {@code [1, 2]} as a vector: the first element
     * decides, then the value must be all of that kind.
     */
    public static final class MatrixOrVectorDeserializer extends ValueDeserializer<MatrixOrVector> {

        private final long maxNumbers;

        /** @param maxNumbers the most numbers all the matrices and vectors of one document may hold */
        public MatrixOrVectorDeserializer(long maxNumbers) {
            this.maxNumbers = maxNumbers;
        }

        @Override
        public Class<?> handledType() {
            return MatrixOrVector.class;
        }

        @Override
        public MatrixOrVector deserialize(JsonParser parser, DeserializationContext context) {
            long before = NumberCount.of(context);
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                throw wrongType(
                        parser,
                        "must be a matrix (an array of rows, e.g. [[1, 2], [3, 4]]) or a vector (an array of numbers, "
                                + "e.g. [0.5, -1])");
            }
            if (firstElement(parser) == JsonToken.START_ARRAY) {
                return MatrixOrVector.matrix(readRows(parser, context, before, maxNumbers));
            }
            return MatrixOrVector.vector(readNumbers(parser, context, before, maxNumbers));
        }
    }

    /** Writes a matrix as an array of rows, a vector as an array of numbers. */
    public static final class MatrixOrVectorSerializer extends ValueSerializer<MatrixOrVector> {

        private static final MatrixSerializer MATRIX = new MatrixSerializer();

        @Override
        public void serialize(MatrixOrVector value, JsonGenerator generator, SerializationContext context) {
            if (!value.vector()) {
                MATRIX.serialize(value.values(), generator, context);
                return;
            }
            writeNumbers(generator, value.data(), 0, value.size());
        }
    }

    /**
     * Writes {@code data[from]} to {@code data[to - 1]} as an array of numbers, each in its
     * shortest round-trip form, −0.0 as 0.0 (the same number; the one PyTorch prints). Into a
     * byte stream, the digits go straight into the generator's buffer ({@link NumberRun});
     * anywhere else (a String, a token buffer, a pretty printer), one {@code writeNumber} each.
     */
    private static void writeNumbers(JsonGenerator generator, double[] data, int from, int to) {
        generator.writeStartArray(data, to - from);
        if (generator instanceof UTF8JsonGenerator bytes
                && bytes.getPrettyPrinter() == null
                && !bytes.isEnabled(JsonWriteFeature.WRITE_NUMBERS_AS_STRINGS)) {
            NumberRun run = new NumberRun(data, from, to);
            while (run.next < to) {
                if (Double.isFinite(data[run.next])) {
                    generator.writeRawValue(run);
                } else {
                    // never in an answer (the service refuses them); written as Jackson writes them
                    generator.writeNumber(data[run.next++]);
                }
            }
        } else {
            for (int i = from; i < to; i++) {
                generator.writeNumber(data[i] == 0 ? 0.0 : data[i]);
            }
        }
        generator.writeEndArray();
    }

    /**
     * The numbers of an array, as raw JSON appended straight into a {@link UTF8JsonGenerator}'s
     * output buffer: each {@code writeRawValue} appends as many finite numbers as fit, separated by
     * commas, and the generator puts a comma before the next run as before any array element. So
     * no String and no copy per number. When not even one number fits, the generator asks for the
     * bytes of the run instead ({@link #asUnquotedUTF8}), which is the next number alone, once per
     * buffer flush. A run is the serializer's own and only the UTF-8 generator is given one; the
     * other methods of a {@link SerializableString} are never called.
     */
    private static final class NumberRun implements SerializableString {

        private final double[] data;
        private final int to;
        private int next;

        NumberRun(double[] data, int from, int to) {
            this.data = data;
            this.next = from;
            this.to = to;
        }

        @Override
        public int appendUnquotedUTF8(byte[] buffer, int offset) {
            int end = buffer.length - ShortestDouble.MAX_LENGTH;
            int at = offset;
            // the comma before a number: none before the first one of this run
            int comma = 0;
            while (next < to && at + comma <= end && Double.isFinite(data[next])) {
                if (comma == 1) {
                    buffer[at++] = ',';
                }
                at = ShortestDouble.write(data[next] == 0 ? 0.0 : data[next], buffer, at);
                next++;
                comma = 1;
            }
            return at == offset ? -1 : at - offset;
        }

        @Override
        public byte[] asUnquotedUTF8() {
            byte[] number = new byte[ShortestDouble.MAX_LENGTH];
            int length = ShortestDouble.write(data[next] == 0 ? 0.0 : data[next], number, 0);
            next++;
            return Arrays.copyOf(number, length);
        }

        @Override
        public String getValue() {
            throw unsupported();
        }

        @Override
        public int charLength() {
            throw unsupported();
        }

        @Override
        public char[] asQuotedChars() {
            throw unsupported();
        }

        @Override
        public byte[] asQuotedUTF8() {
            throw unsupported();
        }

        @Override
        public int appendQuotedUTF8(byte[] buffer, int offset) {
            throw unsupported();
        }

        @Override
        public int appendQuoted(char[] buffer, int offset) {
            throw unsupported();
        }

        @Override
        public int appendUnquoted(char[] buffer, int offset) {
            throw unsupported();
        }

        @Override
        public int writeQuotedUTF8(OutputStream out) {
            throw unsupported();
        }

        @Override
        public int writeUnquotedUTF8(OutputStream out) {
            throw unsupported();
        }

        @Override
        public int putQuotedUTF8(ByteBuffer buffer) {
            throw unsupported();
        }

        @Override
        public int putUnquotedUTF8(ByteBuffer buffer) {
            throw unsupported();
        }

        private static UnsupportedOperationException unsupported() {
            return new UnsupportedOperationException("a run of numbers is only appended to a UTF-8 generator's buffer");
        }
    }

    /** The token after an opening bracket: a number too long for the parser fails here, as element 0. */
    private static JsonToken firstElement(JsonParser parser) {
        try {
            return parser.nextToken();
        } catch (StreamConstraintsException e) {
            throw at(e, 0);
        }
    }

    /** The numbers of a vector, the parser on the token after its opening bracket. */
    private static double[] readNumbers(
            JsonParser parser, DeserializationContext context, long before, long maxNumbers) {
        Numbers values = new Numbers(8);
        try {
            for (JsonToken token = parser.currentToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                values.read(parser, before, maxNumbers);
            }
        } catch (InvalidJsonValueException | StreamConstraintsException e) {
            throw at(e, values.size());
        }
        if (values.size() == 0) {
            throw new InvalidJsonValueException(
                    parser, ProblemType.INVALID_MATRIX, "is an empty vector: a vector has at least one number");
        }
        NumberCount.add(context, parser, values.size(), maxNumbers);
        return values.toArray();
    }

    /** The rows of a matrix, the parser on the token after its opening bracket. */
    private static DMatrixRMaj readRows(
            JsonParser parser, DeserializationContext context, long before, long maxNumbers) {
        Numbers data = new Numbers(16);
        int rows = 0;
        int columns = -1;
        for (JsonToken token = parser.currentToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token != JsonToken.START_ARRAY) {
                throw at(
                        wrongType(
                                parser,
                                "must be a row: an array of numbers, but is " + describe(parser.currentToken())
                                        + " (a matrix is an array of rows, e.g. [[1, 2], [3, 4]])"),
                        rows);
            }
            int column = 0;
            try {
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    column += data.read(parser, before, maxNumbers);
                }
            } catch (InvalidJsonValueException | StreamConstraintsException e) {
                // a number too long fails as the parser reaches it, a value that is no number after
                throw at(at(e, column), rows);
            }
            if (column == 0) {
                throw at(
                        new InvalidJsonValueException(
                                parser, ProblemType.INVALID_MATRIX, "is an empty row: a matrix is at least 1×1"),
                        rows);
            }
            if (columns == -1) {
                columns = column;
            } else if (column != columns) {
                throw at(
                        new InvalidJsonValueException(
                                parser,
                                ProblemType.INVALID_MATRIX,
                                "has " + column + " numbers but row 0 has " + columns
                                        + ": every row of a matrix must have the same length"),
                        rows);
            }
            rows++;
        }
        if (rows == 0) {
            throw new InvalidJsonValueException(
                    parser, ProblemType.INVALID_MATRIX, "is an empty matrix: a matrix is at least 1×1, e.g. [[1]]");
        }
        NumberCount.add(context, parser, data.size(), maxNumbers);
        return DMatrixRMaj.wrap(rows, columns, data.toArray());
    }

    /**
     * The numbers of one matrix or vector as they are read, in segments that double up to 64 Ki
     * numbers and are never copied as they fill, then copied once into an array of the exact size
     * (a single segment that is exactly full is that array). An array doubled as it fills would
     * copy each number once more on average, then once more to trim it.
     */
    private static final class Numbers {

        private static final int MAX_SEGMENT = 1 << 16;

        private final List<double[]> full = new ArrayList<>();
        private double[] segment;
        private int used;
        private int inFull;

        Numbers(int first) {
            segment = new double[first];
        }

        /**
         * Adds the number the parser is on, then the plain numbers that follow it, read straight
         * from the parser's bytes; the limit on the numbers is checked before each new segment.
         * Fails, having added nothing, when the number is none or the limit is reached.
         *
         * @param before the numbers of the request read before this matrix or vector
         * @return how many numbers were added, the parser on the last of them
         */
        int read(JsonParser parser, long before, long maxNumbers) {
            double value = finiteNumber(parser);
            if (used == segment.length) {
                NumberCount.require(parser, before + size(), maxNumbers);
                full.add(segment);
                inFull += used;
                segment = new double[Math.min(2 * segment.length, MAX_SEGMENT)];
                used = 0;
            }
            segment[used++] = value;
            int scanned = NumberScanner.scan(parser, segment, used);
            used += scanned;
            return 1 + scanned;
        }

        int size() {
            return inFull + used;
        }

        double[] toArray() {
            if (full.isEmpty()) {
                return used == segment.length ? segment : Arrays.copyOf(segment, used);
            }
            double[] all = new double[size()];
            int at = 0;
            for (double[] done : full) {
                System.arraycopy(done, 0, all, at, done.length);
                at += done.length;
            }
            System.arraycopy(segment, 0, all, at, used);
            return all;
        }
    }

    /**
     * The numbers read so far in one document, kept in the attributes of its deserialization
     * context, so that a request cannot hold more numbers than the limit even for a moment: the
     * count is checked before an array grows, so the memory a request takes while it is read is
     * bounded by the limit, not by the body size.
     */
    private static final class NumberCount {

        private static final Object KEY = NumberCount.class;

        private long count;

        static long of(DeserializationContext context) {
            return context.getAttribute(KEY) instanceof NumberCount numbers ? numbers.count : 0;
        }

        static void require(JsonParser parser, long count, long maxNumbers) {
            if (count > maxNumbers) {
                throw new InvalidJsonValueException(
                        parser,
                        ProblemType.LIMIT_EXCEEDED,
                        "takes the request past " + maxNumbers
                                + " numbers, the limit on the numbers in one request (backprop.limits.compute.max-numbers)");
            }
        }

        static void add(DeserializationContext context, JsonParser parser, int size, long maxNumbers) {
            NumberCount numbers =
                    context.getAttribute(KEY) instanceof NumberCount existing ? existing : new NumberCount();
            require(parser, numbers.count + size, maxNumbers);
            numbers.count += size;
            context.setAttribute(KEY, numbers);
        }
    }

    private static double finiteNumber(JsonParser parser) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            double value = parser.getDoubleValue();
            if (!Double.isFinite(value)) {
                throw new InvalidJsonValueException(
                        parser,
                        ProblemType.NON_FINITE_NUMBER,
                        "is " + parser.getString() + ", which overflows a double: every number must be finite");
            }
            return value;
        }
        if (token == JsonToken.VALUE_STRING) {
            String text = parser.getString();
            boolean nonFinite = text.equalsIgnoreCase("NaN") || text.matches("[+-]?(?i)inf(inity)?");
            throw new InvalidJsonValueException(
                    parser,
                    nonFinite ? ProblemType.NON_FINITE_NUMBER : ProblemType.WRONG_TYPE,
                    "is the string " + quote(text) + ", but must be a JSON number"
                            + (nonFinite ? " and finite" : " (without quotes)"));
        }
        throw wrongType(parser, "must be a number, but is " + describe(token));
    }

    private static InvalidJsonValueException wrongType(JsonParser parser, String message) {
        return new InvalidJsonValueException(parser, ProblemType.WRONG_TYPE, message);
    }

    /** Prepends an index to the path of the exception, as Jackson does for every enclosing array. */
    private static <E extends JacksonException> E at(E exception, int index) {
        exception.prependPath(MatrixJson.class, index);
        return exception;
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "missing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.name();
        };
    }

    private static String quote(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return '"' + shown + '"';
    }
}
