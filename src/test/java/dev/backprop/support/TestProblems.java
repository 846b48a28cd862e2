package dev.backprop.support;

import dev.backprop.backprop.BackpropRequest;
import dev.backprop.backprop.LayerRequest;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** The networks and matrices the tests share: the one place tests build problems. */
public final class TestProblems {

    private TestProblems() {}

    public static DMatrixRMaj matrix(double[]... rows) {
        return new DMatrixRMaj(rows);
    }

    public static LayerRequest layer(DMatrixRMaj weights, double[] bias, String activation) {
        return new LayerRequest(weights, bias, activation);
    }

    /** The API's /backprop example: the seed's network, with a ReLU input exactly 0. */
    public static BackpropRequest seed() {
        return new BackpropRequest(
                "dimension-first",
                List.of(
                        layer(matrix(new double[] {1, -1}, new double[] {0, 2}, new double[] {1, 1}), null, "relu"),
                        layer(matrix(new double[] {1, -2, 1}), new double[] {0.5}, "identity")),
                matrix(new double[] {1, 0, -1, 2}, new double[] {2, 1, 0, -1}),
                matrix(new double[] {1, 0, 0, 1}),
                "half-sse");
    }

    /** A sample-first network of the given activations with small fixed weights, and biases. */
    public static BackpropRequest sampleFirst(String loss, String... activations) {
        int[] sizes = {2, 3, 3, 2, 2};
        List<LayerRequest> layers = new java.util.ArrayList<>();
        for (int k = 0; k < activations.length; k++) {
            int inputs = sizes[k];
            int units = k == activations.length - 1 ? 2 : sizes[k + 1];
            DMatrixRMaj W = new DMatrixRMaj(inputs, units);
            double[] b = new double[units];
            for (int i = 0; i < W.getNumElements(); i++) {
                W.data[i] = ((i * 7 + k * 3) % 5 - 2) * 0.4;
            }
            for (int j = 0; j < units; j++) {
                b[j] = 0.1 * (j - k);
            }
            layers.add(layer(W, b, activations[k]));
        }
        DMatrixRMaj x = matrix(new double[] {1, -0.5}, new double[] {0.3, 2}, new double[] {-1.2, 0.7});
        DMatrixRMaj y = loss.equals("cross-entropy")
                ? matrix(new double[] {1, 0}, new double[] {0, 1}, new double[] {0.5, 0.5})
                : matrix(new double[] {0.5, -1}, new double[] {1, 0}, new double[] {-0.5, 0.25});
        return new BackpropRequest("sample-first", layers, x, y, loss);
    }

    public static DMatrixRMaj transpose(DMatrixRMaj m) {
        return CommonOps_DDRM.transpose(m, null);
    }

    public static DMatrixRMaj scale(double factor, DMatrixRMaj m) {
        DMatrixRMaj result = new DMatrixRMaj(m.numRows, m.numCols);
        CommonOps_DDRM.scale(factor, m, result);
        return result;
    }
}
