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
 * instance may serve any number of threads. The matrix products are {@link #products()}'s unless
 * a call names others.
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
            LayerForward current = forward(layer, z, products);
            layers.add(current);
            z = current.z();
        }
        return new ForwardResult(layers);
    }

    /**
     * One layer forward: s = z_{k-1}·W + b and z = f(s).
     *
     * @param layer the layer k
     * @param zPrevious z_{k-1}, N×D_{k-1}
     */
    public static LayerForward forward(Layer layer, DMatrixRMaj zPrevious) {
        return forward(layer, zPrevious, products());
    }

    private static LayerForward forward(Layer layer, DMatrixRMaj zPrevious, MatrixProducts products) {
        DMatrixRMaj s = new DMatrixRMaj(zPrevious.numRows, layer.units());
        // s_k = z_{k-1} · W_k
        products.mult(zPrevious, layer.W(), s);
        if (layer.hasBias()) {
            // s_k += b_k, for every sample
            addToEveryRow(s, layer.b());
        }
        DMatrixRMaj z = new DMatrixRMaj(s.numRows, s.numCols);
        // z_k = f_k(s_k)
        layer.f().forward(s, z);
        return new LayerForward(s, z);
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
    public static BackpropResult backprop(
            Network network, DMatrixRMaj x, DMatrixRMaj y, Loss loss, MatrixProducts products) {
        requireShape("y", y, x.numRows, network.outputs());
        ForwardResult forward = forward(network, x, products);
        DMatrixRMaj yOut = forward.output();

        double L = loss.value(yOut, y);
        DMatrixRMaj dLdyOut = new DMatrixRMaj(yOut.numRows, yOut.numCols);
        // ∂L/∂y_out, paired with the loss
        loss.gradient(yOut, y, dLdyOut);
        List<LayerGradients> gradients = backward(network, x, forward, dLdyOut, ActivationBackward.EXACT, products);
        return new BackpropResult(L, yOut, dLdyOut, gradients);
    }

    /**
     * The backward pass from a given ∂L/∂y_out, with the step δ_k = ∂L/∂z_k ⊙ f′(s_k) supplied
     * by the caller: {@link ActivationBackward#EXACT} is the true one, and a grader may pass one
     * that makes a student's mistake, to see what that mistake produces downstream.
     *
     * @param network the layers
     * @param x the inputs, N×D_0
     * @param forward the forward pass of {@code x}
     * @param dLdyOut ∂L/∂y_out, N×D_L
     * @param activationBackward computes δ_k from ∂L/∂z_k
     * @return δ_k, ∂L/∂W_k and ∂L/∂b_k for k = 1..L
     */
    public static List<LayerGradients> backward(
            Network network,
            DMatrixRMaj x,
            ForwardResult forward,
            DMatrixRMaj dLdyOut,
            ActivationBackward activationBackward) {
        return backward(network, x, forward, dLdyOut, activationBackward, products());
    }

    private static List<LayerGradients> backward(
            Network network,
            DMatrixRMaj x,
            ForwardResult forward,
            DMatrixRMaj dLdyOut,
            ActivationBackward activationBackward,
            MatrixProducts products) {
        int depth = network.depth();
        LayerGradients[] gradients = new LayerGradients[depth];
        // g = ∂L/∂z_k, starting from ∂L/∂z_L = ∂L/∂y_out
        DMatrixRMaj g = dLdyOut;
        for (int k = depth - 1; k >= 0; k--) {
            Layer layer = network.layers().get(k);
            LayerForward current = forward.layers().get(k);
            DMatrixRMaj zPrevious = k == 0 ? x : forward.layers().get(k - 1).z();

            // δ_k = g ⊙ f′(s_k)  (softmax: the Jacobian of f applied to g)
            DMatrixRMaj delta = activationBackward.delta(k, layer.f(), current.s(), current.z(), g);
            DMatrixRMaj db = layer.hasBias() ? biasGradient(delta) : null;
            gradients[k] =
                    new LayerGradients(current.s(), current.z(), delta, weightGradient(zPrevious, delta, products), db);

            if (k > 0) {
                g = inputGradient(delta, layer.W(), products);
            }
        }
        return List.of(gradients);
    }

    /** ∂L/∂W_k = z_{k-1}ᵀ · δ_k, D_{k-1}×D_k. */
    public static DMatrixRMaj weightGradient(DMatrixRMaj zPrevious, DMatrixRMaj delta) {
        return weightGradient(zPrevious, delta, products());
    }

    private static DMatrixRMaj weightGradient(DMatrixRMaj zPrevious, DMatrixRMaj delta, MatrixProducts products) {
        DMatrixRMaj dW = new DMatrixRMaj(zPrevious.numCols, delta.numCols);
        products.multTransA(zPrevious, delta, dW);
        return dW;
    }

    /** ∂L/∂b_k = Σ_n δ_k, 1×D_k. */
    public static DMatrixRMaj biasGradient(DMatrixRMaj delta) {
        DMatrixRMaj db = new DMatrixRMaj(1, delta.numCols);
        CommonOps_DDRM.sumCols(delta, db);
        return db;
    }

    /** ∂L/∂z_{k-1} = δ_k · W_kᵀ, N×D_{k-1}. */
    public static DMatrixRMaj inputGradient(DMatrixRMaj delta, DMatrixRMaj W) {
        return inputGradient(delta, W, products());
    }

    private static DMatrixRMaj inputGradient(DMatrixRMaj delta, DMatrixRMaj W, MatrixProducts products) {
        DMatrixRMaj g = new DMatrixRMaj(delta.numRows, W.numRows);
        products.multTransB(delta, W, g);
        return g;
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
            throw new IllegalArgumentException(
                    name + " is " + matrix.numRows + "×" + matrix.numCols + " but must be " + rows + "×" + columns);
        }
    }
}
