package dev.backprop.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Matrices and vectors of every size read back exactly, the numbers in order: those that fit the
 * first segment of the reading buffer, those that fill a segment exactly, and those that span
 * many segments (past 2^17 numbers, where the segments stop doubling).
 */
class MatrixJsonReadingTests {

    private static final JsonMapper JSON = JsonMapper.builder()
            .addModule(new SimpleModule()
                    .addDeserializer(DMatrixRMaj.class, new MatrixJson.MatrixDeserializer())
                    .addSerializer(DMatrixRMaj.class, new MatrixJson.MatrixSerializer())
                    .addDeserializer(double[].class, new MatrixJson.VectorDeserializer()))
            .build();

    record Holder(DMatrixRMaj matrix, double[] vector) {}

    @Test
    void everySizeReadsBackExactly() {
        Random random = new Random(20261206);
        int[][] shapes = {{1, 1}, {1, 16}, {1, 17}, {4, 4}, {3, 11}, {48, 1}, {1, 131_056}, {1, 131_057}, {400, 700}};
        int[] lengths = {1, 8, 9, 24, 131_064, 131_065, 250_000};
        for (int s = 0; s < shapes.length; s++) {
            DMatrixRMaj matrix = new DMatrixRMaj(shapes[s][0], shapes[s][1]);
            for (int i = 0; i < matrix.data.length; i++) {
                matrix.data[i] = random.nextInt(4) == 0 ? random.nextInt(100) - 50 : random.nextGaussian();
            }
            double[] vector = new double[lengths[s % lengths.length]];
            for (int i = 0; i < vector.length; i++) {
                vector[i] = random.nextDouble() - 0.5;
            }
            Holder read = JSON.readValue(JSON.writeValueAsBytes(new Holder(matrix, vector)), Holder.class);
            assertThat(read.matrix().numRows).isEqualTo(matrix.numRows);
            assertThat(read.matrix().numCols).isEqualTo(matrix.numCols);
            assertThat(read.matrix().data)
                    .as("%d×%d", matrix.numRows, matrix.numCols)
                    .isEqualTo(matrix.data);
            assertThat(read.vector()).as("%d numbers", vector.length).isEqualTo(vector);
        }
    }
}
