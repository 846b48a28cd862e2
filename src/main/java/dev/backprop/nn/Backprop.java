package dev.backprop.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The forward and backward pass of a {@link Network} on a minibatch, in the sample-first
 * orientation: x, y, s_k, z_k and δ_k are N×D, W_k is D_{k-1}×D_k.
 *
 * <p>Stateless: every call allocates its own matrices and changes none of its arguments, so one
 * instance may serve any number of threads. The matrix products are {@link #products()}'s.
 */
public final class Backprop {

    private Backprop() {}

    /**
     * The matrix products every pass uses: the first {@link MatrixProducts} registered under
     * {@code META-INF/services} (a BLAS), else, or when it fails to load, {@link
     * MatrixProducts#pureJava()}. Chosen once, on first use.
     */
    public static MatrixProducts products() {
        return Products.CHOSEN;
    }

    /** Holder, so that the service lookup runs on first use. */
    private static final class Products {
        static final MatrixProducts CHOSEN = load();

        private static MatrixProducts load() {
            try {
                return ServiceLoader.load(MatrixProducts.class, MatrixProducts.class.getClassLoader())
                        .findFirst()
                        .orElse(MatrixProducts.pureJava());
            } catch (ServiceConfigurationError | LinkageError e) {
                return MatrixProducts.pureJava();
            }
        }
    }

    /**
     * The forward pass: for k = 1..L, s_k = z_{k-1}·W_k + b_k and z_k = f_k(s_k), with z_0 = x.
     *
     * @param network the layers
     * @param x the inputs, N×D_0
     */
    public static ForwardResult forward(Network network, DMatrixRMaj x) {
        return forward(network, x, products());
    }

    /** {@link #forward(Network, DMatrixRMaj)} with these matrix products. */
    public static ForwardResult forward(Network network, DMatrixRMaj x, MatrixProducts products) {
        requireColumns("x", x, network.inputs());
        List<LayerForward> layers = new ArrayList<>(network.depth());
        DMatrixRMaj z = x;
        for (Layer layer : network.layers()) {
            DMatrixRMaj s = new DMatrixRMaj(x.numRows, layer.units());
            // s_k = z_{k-1} · W_k
            products.mult(z, layer.W(), s);
            if (layer.hasBias()) {
                // s_k += b_k, for every sample
                addToEveryRow(s, layer.b());
            }
            z = new DMatrixRMaj(s.numRows, s.numCols);
            // z_k = f_k(s_k)
            layer.f().forward(s, z);
            layers.add(new LayerForward(s, z));
        }
        return new ForwardResult(layers);
    }

    /**
     * The forward pass, the loss and the backward pass: for k = L..1,
     * δ_k = ∂L/∂s_k, ∂L/∂W_k = z_{k-1}ᵀ·δ_k and ∂L/∂b_k = Σ_n δ_k.
     *
     * @param network the layers
     * @param x the inputs, N×D_0
     * @param y the targets, N×D_L
     * @param loss the loss L(y_out, y)
     */
    public static BackpropResult backprop(Network network, DMatrixRMaj x, DMatrixRMaj y, Loss loss) {
        return backprop(network, x, y, loss, products());
    }

    /** {@link #backprop(Network, DMatrixRMaj, DMatrixRMaj, Loss)} with these matrix products. */
    public static BackpropResult backprop(Network network, DMatrixRMaj x, DMatrixRMaj y, Loss loss, MatrixProducts products) {
        requireShape("y", y, x.numRows, network.outputs());
        ForwardResult forward = forward(network, x, products);
        DMatrixRMaj yOut = forward.output();

        double L = loss.value(yOut, y);
        DMatrixRMaj dLdyOut = new DMatrixRMaj(yOut.numRows, yOut.numCols);
        // ∂L/∂y_out, paired with the loss
        loss.gradient(yOut, y, dLdyOut);

        int depth = network.depth();
        LayerGradients[] gradients = new LayerGradients[depth];
        // g = ∂L/∂z_k, starting from ∂L/∂z_L = ∂L/∂y_out
        DMatrixRMaj g = dLdyOut;
        for (int k = depth - 1; k >= 0; k--) {
            Layer layer = network.layers().get(k);
            LayerForward current = forward.layers().get(k);
            DMatrixRMaj zPrevious = k == 0 ? x : forward.layers().get(k - 1).z();

            DMatrixRMaj delta = new DMatrixRMaj(current.s().numRows, current.s().numCols);
            // δ_k = g ⊙ f′(s_k)  (softmax: the Jacobian of f applied to g)
            layer.f().backward(current.s(), current.z(), g, delta);

            DMatrixRMaj dW = new DMatrixRMaj(layer.inputs(), layer.units());
            // ∂L/∂W_k = z_{k-1}ᵀ · δ_k
            products.multTransA(zPrevious, delta, dW);

            DMatrixRMaj db = null;
            if (layer.hasBias()) {
                db = new DMatrixRMaj(1, layer.units());
                // ∂L/∂b_k = Σ_n δ_k
                CommonOps_DDRM.sumCols(delta, db);
            }
            gradients[k] = new LayerGradients(current.s(), current.z(), delta, dW, db);

            if (k > 0) {
                g = new DMatrixRMaj(delta.numRows, layer.inputs());
                // ∂L/∂z_{k-1} = δ_k · W_kᵀ
                products.multTransB(delta, layer.W(), g);
            }
        }
        return new BackpropResult(L, yOut, dLdyOut, List.of(gradients));
    }

    private static void addToEveryRow(DMatrixRMaj s, DMatrixRMaj b) {
        int D = s.numCols;
        for (int row = 0; row < s.numRows; row++) {
            int start = row * D;
            for (int j = 0; j < D; j++) {
                s.data[start + j] += b.data[j];
            }
        }
    }

    private static void requireColumns(String name, DMatrixRMaj matrix, int columns) {
        if (matrix.numCols != columns) {
            throw new IllegalArgumentException(name + " is " + matrix.numRows + "×" + matrix.numCols
                    + " but the network has " + columns + " inputs, so it must be N×" + columns);
        }
    }

    private static void requireShape(String name, DMatrixRMaj matrix, int rows, int columns) {
        if (matrix.numRows != rows || matrix.numCols != columns) {
            throw new IllegalArgumentException(name + " is " + matrix.numRows + "×" + matrix.numCols
                    + " but must be " + rows + "×" + columns);
        }
    }
}
