package dev.backprop.nn;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * The forward and backward pass of a {@link Network} on a minibatch, in the sample-first
 * orientation: x, y, s_k, z_k and δ_k are N×D, W_k is D_{k-1}×D_k.
 *
 * <p>Stateless: every public call allocates its own matrices and changes none of its arguments,
 * so one instance may serve any number of threads. A training loop instead makes one pass's
 * matrices once ({@link #newForward}, {@link #newGradients}) and has every step's pass write into
 * them. Every call that multiplies matrices is given the {@link MatrixProducts} to do it with:
 * the application's one choice (a Spring bean outside this package), or {@link
 * MatrixProducts#pureJava()}.
 */
public final class Backprop {

    private Backprop() {}

    /**
     * The forward pass: for k = 1..L, s_k = z_{k-1}·W_k + b_k, u_k = BN_k(s_k) (or s_k),
     * z_k = f_k(u_k) ⊙ mask_k / q_k (or f_k(u_k)), with z_0 = x.
     *
     * @param network the layers
     * @param x the inputs, N×D_0
     * @param products computes the matrix products
     */
    public static ForwardResult forward(Network network, DMatrixRMaj x, MatrixProducts products) {
        ForwardResult into = newForward(network, x.numRows);
        forward(network, x, into, products);
        return into;
    }

    /** The matrices of a forward pass of N samples through this network, for {@link #forward(Network, DMatrixRMaj, ForwardResult, MatrixProducts)}. */
    static ForwardResult newForward(Network network, int N) {
        List<LayerForward> layers = new ArrayList<>(network.depth());
        for (Layer layer : network.layers()) {
            layers.add(LayerForward.newFor(layer, N));
        }
        return new ForwardResult(layers);
    }

    /**
     * The forward pass written into the matrices of {@code into}, made by {@link #newForward} for
     * this network and the N of x. Changes nothing else.
     */
    static void forward(Network network, DMatrixRMaj x, ForwardResult into, MatrixProducts products) {
        requireColumns("x", x, network.inputs());
        DMatrixRMaj z = x;
        for (int k = 0; k < network.depth(); k++) {
            LayerForward current = into.layers().get(k);
            forward(network.layers().get(k), z, current, products);
            z = current.z();
        }
    }

    /**
     * One layer forward.
     *
     * @param layer the layer k
     * @param zPrevious z_{k-1}, N×D_{k-1}
     * @param products computes s_k's product
     */
    public static LayerForward forward(Layer layer, DMatrixRMaj zPrevious, MatrixProducts products) {
        LayerForward into = LayerForward.newFor(layer, zPrevious.numRows);
        forward(layer, zPrevious, into, products);
        return into;
    }

    private static void forward(Layer layer, DMatrixRMaj zPrevious, LayerForward into, MatrixProducts products) {
        DMatrixRMaj s = into.s();
        // s_k = z_{k-1} · W_k
        products.mult(zPrevious, layer.W(), s);
        if (layer.hasBias()) {
            // s_k += b_k, for every sample
            addToEveryRow(s, layer.b());
        }
        if (layer.batchNorm() != null) {
            // u_k = γ ⊙ (s_k − μ)/√(σ² + ε) + β, or s_k
            layer.batchNorm().forward(s, into.batchNorm());
        }
        // z_k = f_k(u_k)
        layer.f().forward(into.u(), into.a());
        if (layer.dropout() != null) {
            // z_k = f_k(u_k) ⊙ mask_k / q_k
            layer.dropout().apply(into.a(), into.z());
        }
    }

    /**
     * The forward pass, the loss and the backward pass, with release 1's conventions: the loss's
     * default reduction on logits, no regularization.
     */
    public static BackpropResult backprop(
            Network network, DMatrixRMaj x, DMatrixRMaj y, Loss loss, MatrixProducts products) {
        return backprop(network, x, new Target.Labels(y, LossFunction.of(loss)), Regularization.NONE, products);
    }

    /**
     * The forward pass, the loss and the backward pass: for k = L..1, δ_k = ∂L/∂s_k,
     * ∂L/∂W_k = z_{k-1}ᵀ·δ_k + ∂R/∂W_k and ∂L/∂b_k = Σ_n δ_k (+ ∂R/∂b_k), down to ∂L/∂x.
     *
     * @param network the layers
     * @param x the inputs, N×D_0
     * @param target the targets and the loss, or a given ∂L/∂y_out
     * @param regularization the penalty on the weights added to the loss
     * @param products computes the matrix products
     */
    public static BackpropResult backprop(
            Network network, DMatrixRMaj x, Target target, Regularization regularization, MatrixProducts products) {
        return backprop(network, x, forward(network, x, products), target, regularization, true, products);
    }

    /** {@link #backprop(Network, DMatrixRMaj, Target, Regularization, MatrixProducts)} from the forward pass of x already taken. */
    public static BackpropResult backprop(
            Network network,
            DMatrixRMaj x,
            ForwardResult forward,
            Target target,
            Regularization regularization,
            MatrixProducts products) {
        return backprop(network, x, forward, target, regularization, true, products);
    }

    /**
     * What an optimizer's step needs, from the forward pass of x already taken: L (the loss + R),
     * and the backward pass written into the matrices of {@code into}, made by {@link
     * #newGradients} around this forward pass (∂L/∂y_out into the last layer's
     * activationGradient), without the last product, ∂L/∂x. Changes nothing else.
     */
    static double parameterGradients(
            Network network,
            DMatrixRMaj x,
            ForwardResult forward,
            Target.Labels target,
            Regularization regularization,
            List<LayerGradients> into,
            MatrixProducts products) {
        DMatrixRMaj yOut = forward.output();
        requireShape("y", target.y(), x.numRows, network.outputs());
        DMatrixRMaj dLdyOut = into.get(into.size() - 1).activationGradient();
        // L = the loss + c2·Σ‖W_k‖² + c1·Σ|W_k|, with ∂L/∂y_out's matrix to write over
        double L = target.loss().value(yOut, target.y(), dLdyOut) + regularization.value(network.layers());
        // ∂L/∂y_out, paired with the loss
        target.loss().gradient(yOut, target.y(), dLdyOut);
        backward(network, x, forward, ActivationBackward.EXACT, regularization, into, null, products);
        return L;
    }

    private static BackpropResult backprop(
            Network network,
            DMatrixRMaj x,
            ForwardResult forward,
            Target target,
            Regularization regularization,
            boolean withInputGradient,
            MatrixProducts products) {
        DMatrixRMaj yOut = forward.output();
        double dataLoss;
        DMatrixRMaj dLdyOut;
        if (target instanceof Target.Labels labels) {
            requireShape("y", labels.y(), x.numRows, network.outputs());
            dataLoss = labels.loss().value(yOut, labels.y());
            dLdyOut = new DMatrixRMaj(yOut.numRows, yOut.numCols);
            // ∂L/∂y_out, paired with the loss
            labels.loss().gradient(yOut, labels.y(), dLdyOut);
        } else {
            DMatrixRMaj given = ((Target.UpstreamGradient) target).dLdyOut();
            requireShape("the output gradient", given, x.numRows, network.outputs());
            dataLoss = Double.NaN;
            dLdyOut = given;
        }
        // R = c2·Σ‖W_k‖² + c1·Σ|W_k|
        double R = regularization.value(network.layers());
        Backward backward = backward(
                network, x, forward, dLdyOut, ActivationBackward.EXACT, regularization, withInputGradient, products);
        return new BackpropResult(
                target instanceof Target.Labels,
                dataLoss,
                R,
                yOut,
                dLdyOut,
                backward.inputGradient(),
                backward.layers());
    }

    /**
     * L = the loss of the forward pass + R, without the backward pass (finite differences).
     *
     * @param target targets and a loss; for a given ∂L/∂y_out, L = Σ ∂L/∂y_out ⊙ y_out
     */
    public static double loss(
            Network network, DMatrixRMaj x, Target target, Regularization regularization, MatrixProducts products) {
        return loss(network, forward(network, x, products), target, regularization);
    }

    /** {@link #loss(Network, DMatrixRMaj, Target, Regularization, MatrixProducts)} of a forward pass already taken. */
    public static double loss(Network network, ForwardResult forward, Target target, Regularization regularization) {
        DMatrixRMaj yOut = forward.output();
        double data;
        if (target instanceof Target.Labels labels) {
            data = labels.loss().value(yOut, labels.y());
        } else {
            // L = Σ ∂L/∂y_out ⊙ y_out, whose gradient is the given one
            DMatrixRMaj given = ((Target.UpstreamGradient) target).dLdyOut();
            data = 0;
            for (int i = 0; i < yOut.getNumElements(); i++) {
                data += given.data[i] * yOut.data[i];
            }
        }
        return data + regularization.value(network.layers());
    }

    /**
     * The backward pass from a given ∂L/∂y_out, with the step δ = ∂L/∂z_k ⊙ f′(u_k) supplied by
     * the caller: {@link ActivationBackward#EXACT} is the true one, and a grader may pass one
     * that makes a student's mistake, to see what that mistake produces downstream.
     *
     * @param network the layers
     * @param x the inputs, N×D_0
     * @param forward the forward pass of {@code x}
     * @param dLdyOut ∂L/∂y_out, N×D_L
     * @param activationBackward computes ∂L/∂u_k from ∂L/∂f(u_k)
     * @param regularization whose gradient is added to ∂L/∂W_k (and ∂L/∂b_k)
     * @param products computes the matrix products
     * @return δ_k, ∂L/∂W_k and ∂L/∂b_k for k = 1..L, and ∂L/∂x
     */
    public static Backward backward(
            Network network,
            DMatrixRMaj x,
            ForwardResult forward,
            DMatrixRMaj dLdyOut,
            ActivationBackward activationBackward,
            Regularization regularization,
            MatrixProducts products) {
        return backward(network, x, forward, dLdyOut, activationBackward, regularization, true, products);
    }

    /**
     * The backward pass's results.
     *
     * @param layers the gradients of layer 1 to layer L
     * @param inputGradient ∂L/∂x, N×D_0
     */
    public record Backward(List<LayerGradients> layers, DMatrixRMaj inputGradient) {}

    private static Backward backward(
            Network network,
            DMatrixRMaj x,
            ForwardResult forward,
            DMatrixRMaj dLdyOut,
            ActivationBackward activationBackward,
            Regularization regularization,
            boolean withInputGradient,
            MatrixProducts products) {
        List<LayerGradients> layers = newGradients(network, forward, dLdyOut);
        DMatrixRMaj inputGradient = withInputGradient ? new DMatrixRMaj(x.numRows, x.numCols) : null;
        backward(network, x, forward, activationBackward, regularization, layers, inputGradient, products);
        return new Backward(layers, inputGradient);
    }

    /**
     * The matrices of a backward pass through this network around its forward pass, for {@link
     * #parameterGradients}: the last layer's activationGradient is {@code dLdyOut}, and each other
     * layer's the matrix the layer above writes δ_{k+1}·W_{k+1}ᵀ into.
     */
    static List<LayerGradients> newGradients(Network network, ForwardResult forward, DMatrixRMaj dLdyOut) {
        int depth = network.depth();
        LayerGradients[] layers = new LayerGradients[depth];
        DMatrixRMaj g = dLdyOut;
        for (int k = depth - 1; k >= 0; k--) {
            Layer layer = network.layers().get(k);
            layers[k] = LayerGradients.newFor(layer, forward.layers().get(k), g);
            g = k > 0 ? new DMatrixRMaj(g.numRows, layer.inputs()) : null;
        }
        return List.of(layers);
    }

    /**
     * The backward pass from the ∂L/∂y_out in the last layer's activationGradient, written into
     * the matrices of {@code into} (made by {@link #newGradients}) and into {@code inputGradient}
     * (∂L/∂x, N×D_0; {@code null}: not computed). Changes nothing else.
     */
    private static void backward(
            Network network,
            DMatrixRMaj x,
            ForwardResult forward,
            ActivationBackward activationBackward,
            Regularization regularization,
            List<LayerGradients> into,
            DMatrixRMaj inputGradient,
            MatrixProducts products) {
        for (int k = network.depth() - 1; k >= 0; k--) {
            Layer layer = network.layers().get(k);
            LayerGradients gradients = into.get(k);
            LayerForward current = forward.layers().get(k);
            DMatrixRMaj zPrevious = k == 0 ? x : forward.layers().get(k - 1).z();
            // g = ∂L/∂z_k, written by the layer above (∂L/∂z_L = ∂L/∂y_out)
            DMatrixRMaj g = gradients.activationGradient();
            DMatrixRMaj du = gradients.outputDelta();
            DMatrixRMaj dA = g;
            if (layer.dropout() != null) {
                // ∂L/∂f(u_k) = ∂L/∂z_k ⊙ mask_k / q_k, in the matrix of ∂L/∂u_k, which overwrites it
                dA = du;
                layer.dropout().apply(g, dA);
            }
            // ∂L/∂u_k = ∂L/∂f(u_k) ⊙ f′(u_k)  (softmax: the Jacobian of f applied to it)
            activationBackward.delta(k, layer.f(), current.u(), current.a(), dA, du);
            if (layer.batchNorm() != null) {
                // δ_k = ∂L/∂s_k through the normalization, with ∂L/∂γ and ∂L/∂β
                layer.batchNorm().backward(current.batchNorm(), du, gradients.batchNorm());
            }
            DMatrixRMaj delta = gradients.delta();
            // ∂L/∂W_k = z_{k-1}ᵀ · δ_k + 2·c2·W_k + c1·sign(W_k)
            products.multTransA(zPrevious, delta, gradients.dW());
            regularization.addGradient(layer.W(), gradients.dW());
            if (layer.hasBias()) {
                // ∂L/∂b_k = Σ_n δ_k (+ the penalty's gradient when it covers the biases)
                ThinProducts.columnSums(delta, gradients.db());
                if (regularization.appliesToBias()) {
                    regularization.addGradient(layer.b(), gradients.db());
                }
            }
            // ∂L/∂z_{k-1} = δ_k · W_kᵀ (∂L/∂x for k = 1)
            DMatrixRMaj gPrevious = k > 0 ? into.get(k - 1).activationGradient() : inputGradient;
            if (gPrevious != null) {
                products.multTransB(delta, layer.W(), gPrevious);
            }
        }
    }

    /** ∂L/∂W_k = z_{k-1}ᵀ · δ_k, D_{k-1}×D_k. */
    public static DMatrixRMaj weightGradient(DMatrixRMaj zPrevious, DMatrixRMaj delta, MatrixProducts products) {
        DMatrixRMaj dW = new DMatrixRMaj(zPrevious.numCols, delta.numCols);
        products.multTransA(zPrevious, delta, dW);
        return dW;
    }

    /** ∂L/∂b_k = Σ_n δ_k, 1×D_k. */
    public static DMatrixRMaj biasGradient(DMatrixRMaj delta) {
        DMatrixRMaj db = new DMatrixRMaj(1, delta.numCols);
        ThinProducts.columnSums(delta, db);
        return db;
    }

    /** ∂L/∂z_{k-1} = δ_k · W_kᵀ, N×D_{k-1}. */
    public static DMatrixRMaj inputGradient(DMatrixRMaj delta, DMatrixRMaj W, MatrixProducts products) {
        DMatrixRMaj g = new DMatrixRMaj(delta.numRows, W.numRows);
        products.multTransB(delta, W, g);
        return g;
    }

    private static void addToEveryRow(DMatrixRMaj s, DMatrixRMaj b) {
        int D = s.numCols;
        if (D <= ThinProducts.MAX_COLUMNS) {
            // down each column: rows of a few numbers would cost more in loop overhead than in additions
            for (int j = 0; j < D; j++) {
                double bj = b.data[j];
                for (int e = j; e < s.numRows * D; e += D) {
                    s.data[e] += bj;
                }
            }
            return;
        }
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
