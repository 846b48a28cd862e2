package dev.backprop.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.ejml.data.DMatrixRMaj;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Matrices written into a byte stream (the numbers appended straight into the generator's
 * buffer) come out exactly as one writeNumber per number writes them (what a String, a token
 * tree or a pretty printer gets), whatever the shape and wherever the generator's buffer fills up.
 */
class MatrixJsonWritingTests {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .addModule(new SimpleModule()
                    .addSerializer(DMatrixRMaj.class, new MatrixJson.MatrixSerializer())
                    .addSerializer(MatrixOrVector.class, new MatrixJson.MatrixOrVectorSerializer()))
            .build();

    record Holder(String name, DMatrixRMaj matrix, MatrixOrVector vector, double after) {}

    /** Shapes from 1×1 to rows longer than the generator's 8000-byte buffer, numbers of every kind. */
    @Provide
    Arbitrary<Holder> holders() {
        Arbitrary<Integer> rows = Arbitraries.integers().between(1, 40);
        Arbitrary<Integer> columns = Arbitraries.oneOf(
                Arbitraries.integers().between(1, 12), Arbitraries.integers().between(300, 1200));
        Arbitrary<Long> seeds = Arbitraries.longs();
        return Combinators.combine(rows, columns, seeds).as((r, c, seed) -> {
            Random random = new Random(seed);
            DMatrixRMaj matrix = new DMatrixRMaj(r, c);
            for (int i = 0; i < matrix.data.length; i++) {
                matrix.data[i] = number(random);
            }
            double[] vector = new double[1 + random.nextInt(2 * c)];
            for (int i = 0; i < vector.length; i++) {
                vector[i] = number(random);
            }
            return new Holder("h", matrix, MatrixOrVector.vector(vector), number(random));
        });
    }

    private static double number(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> random.nextDouble();
            case 1 -> random.nextGaussian() * 1e-300;
            case 2 -> Double.longBitsToDouble(random.nextLong());
            case 3 -> random.nextInt(100) - 50;
            case 4 -> random.nextBoolean() ? -0.0 : 0.0;
            default -> random.nextGaussian();
        };
    }

    @Property(tries = 300, seed = "20261205")
    void bytesEqualOneWriteNumberPerNumberAndParseBackToTheSameDoubles(@ForAll("holders") Holder holder) {
        String oneByOne = JSON.writeValueAsString(holder);
        byte[] bytes = JSON.writeValueAsBytes(holder);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        JSON.writeValue(stream, holder);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(oneByOne);
        assertThat(stream.toString(StandardCharsets.UTF_8)).isEqualTo(oneByOne);
        JsonNode tree = JSON.readTree(bytes);
        double[] data = holder.matrix().data;
        for (int i = 0; i < data.length; i++) {
            JsonNode number =
                    tree.get("matrix").get(i / holder.matrix().numCols).get(i % holder.matrix().numCols);
            if (Double.isFinite(data[i])) {
                // −0.0 is written as 0.0, the same number
                assertThat(number.doubleValue()).isEqualTo(data[i] == 0 ? 0.0 : data[i]);
            } else {
                assertThat(number.stringValue()).isEqualTo(Double.toString(data[i]));
            }
        }
    }

    @Example
    void aTokenTreeAndAPrettyPrinterGetNumbersNotRawText() {
        DMatrixRMaj matrix = new DMatrixRMaj(new double[][] {{1.5, -0.0}, {1e-7, 3}});
        JsonNode tree = JSON.valueToTree(new Holder("h", matrix, MatrixOrVector.vector(new double[] {2}), 1));

        assertThat(tree.get("matrix").get(1).get(0).isDouble()).isTrue();
        assertThat(tree.get("matrix").toString()).isEqualTo("[[1.5,0.0],[1.0E-7,3.0]]");
        assertThat(JSON.writer()
                        .with(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(matrix)
                        .replaceAll("\\s", ""))
                .isEqualTo("[[1.5,0.0],[1.0E-7,3.0]]");
    }
}
