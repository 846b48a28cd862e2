package dev.backprop.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.backprop.BackpropRequest;
import dev.backprop.backprop.PreparedRequest;
import dev.backprop.backprop.RequestValidator;
import dev.backprop.nn.Backprop;
import dev.backprop.nn.BackpropResult;
import dev.backprop.nn.LayerGradients;
import dev.backprop.nn.MatrixProducts;
import dev.backprop.web.MatrixJson;
import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Every BLAS that loads here computes the three products, and whole backward passes on the golden
 * PyTorch cases, as EJML does, to the tolerance the API promises against PyTorch (1e-9 relative).
 */
class BlasProductsTest {

    private static final double RELATIVE = 1e-9;
    private static final double ABSOLUTE = 1e-12;

    static Stream<BLAS> blases() {
        List<BLAS> blases = new ArrayList<>(List.of(JavaBLAS.getInstance()));
        try {
            blases.add(NativeBLAS.getInstance());
        } catch (RuntimeException | LinkageError e) {
            // no native BLAS on this machine: the Java one is still checked
        }
        return blases.stream();
    }

    @ParameterizedTest
    @MethodSource("blases")
    void productsOfEveryShapeAgreeWithEjml(BLAS blas) {
        MatrixProducts products = new BlasProducts(blas, 0);
        MatrixProducts ejml = MatrixProducts.pureJava();
        Random random = new Random(42);
        int[] sizes = {1, 2, 7, 33, 64};
        for (int m : sizes) {
            for (int n : sizes) {
                for (int k : sizes) {
                    DMatrixRMaj A = random(m, k, random), B = random(k, n, random);
                    assertClose(
                            product(products::mult, A, B, m, n),
                            product(ejml::mult, A, B, m, n),
                            m + "x" + k + "·" + k + "x" + n);
                    DMatrixRMaj At = random(k, m, random);
                    assertClose(
                            product(products::multTransA, At, B, m, n),
                            product(ejml::multTransA, At, B, m, n),
                            "Aᵀ·B " + m + " " + n + " " + k);
                    DMatrixRMaj Bt = random(n, k, random);
                    assertClose(
                            product(products::multTransB, A, Bt, m, n),
                            product(ejml::multTransB, A, Bt, m, n),
                            "A·Bᵀ " + m + " " + n + " " + k);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("blases")
    void goldenPassesAgreeWithEjml(BLAS blas) throws IOException {
        MatrixProducts products = new BlasProducts(blas, 0);
        JsonMapper mapper = JsonMapper.builder()
                .addModule(new SimpleModule()
                        .addDeserializer(DMatrixRMaj.class, new MatrixJson.MatrixDeserializer())
                        .addDeserializer(double[].class, new MatrixJson.VectorDeserializer()))
                .build();
        int cases = 0;
        try (InputStream in = getClass().getResourceAsStream("/golden/backprop-cases.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                JsonNode golden = mapper.readTree(line);
                BackpropRequest request = mapper.treeToValue(golden.get("request"), BackpropRequest.class);
                PreparedRequest p = RequestValidator.prepare(request, true);
                BackpropResult expected = Backprop.backprop(
                        p.network(), p.x(), p.target(), p.regularization(), MatrixProducts.pureJava());
                BackpropResult actual = Backprop.backprop(p.network(), p.x(), p.target(), p.regularization(), products);
                String name = golden.get("name").asString();
                assertThat(actual.loss())
                        .as(name)
                        .isCloseTo(
                                expected.loss(),
                                org.assertj.core.data.Offset.offset(RELATIVE * Math.abs(expected.loss()) + ABSOLUTE));
                for (int k = 0; k < expected.layers().size(); k++) {
                    LayerGradients e = expected.layers().get(k),
                            a = actual.layers().get(k);
                    assertClose(a.s(), e.s(), name + " s" + k);
                    assertClose(a.delta(), e.delta(), name + " delta" + k);
                    assertClose(a.dW(), e.dW(), name + " dW" + k);
                }
                cases++;
            }
        }
        assertThat(cases).isEqualTo(456);
    }

    private interface Product {
        void apply(DMatrixRMaj A, DMatrixRMaj B, DMatrixRMaj C);
    }

    private static DMatrixRMaj product(Product product, DMatrixRMaj A, DMatrixRMaj B, int m, int n) {
        DMatrixRMaj C = new DMatrixRMaj(m, n);
        product.apply(A, B, C);
        return C;
    }

    private static DMatrixRMaj random(int rows, int columns, Random random) {
        DMatrixRMaj matrix = new DMatrixRMaj(rows, columns);
        for (int i = 0; i < matrix.data.length; i++) {
            matrix.data[i] = random.nextGaussian();
        }
        return matrix;
    }

    private static void assertClose(DMatrixRMaj actual, DMatrixRMaj expected, String what) {
        assertThat(actual.numRows).as(what).isEqualTo(expected.numRows);
        assertThat(actual.numCols).as(what).isEqualTo(expected.numCols);
        for (int i = 0; i < expected.getNumElements(); i++) {
            double e = expected.data[i];
            assertThat(Math.abs(actual.data[i] - e))
                    .as(what + " [" + i + "]")
                    .isLessThanOrEqualTo(RELATIVE * Math.abs(e) + ABSOLUTE);
        }
    }
}
