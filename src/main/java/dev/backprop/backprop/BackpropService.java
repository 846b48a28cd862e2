package dev.backprop.backprop;

import dev.backprop.limits.ComputeGate;
import dev.backprop.limits.ComputeLimits;
import dev.backprop.nn.Backprop;
import dev.backprop.nn.BackpropResult;
import dev.backprop.nn.BatchNormForward;
import dev.backprop.nn.ForwardResult;
import dev.backprop.nn.LayerForward;
import dev.backprop.nn.LayerGradients;
import dev.backprop.nn.Loss;
import dev.backprop.nn.MatrixProducts;
import dev.backprop.web.ApiException;
import dev.backprop.web.JsonPointers;
import dev.backprop.web.ProblemType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * The forward and backward pass of a request: checks it and its size, runs the engine once a
 * worker is free, and answers in the request's layout. Stateless and thread-safe. Every feature
 * that computes through {@link #solve} is held to the same compute limits and the same gate.
 *
 * <p>The engine's time is the timer {@value #ENGINE_TIMER}, tagged {@code endpoint}: it shows how
 * much of a request's latency is arithmetic, as opposed to parsing, validation and layout
 * conversion.
 */
@Service
public class BackpropService {

    static final String ENGINE_TIMER = "backprop.engine";

    private final ComputeLimits limits;
    private final ComputeGate gate;
    private final MatrixProducts products;
    private final Engine engine;
    private final Timer backpropTimer;
    private final Timer forwardTimer;

    /** The application's service, timed into its meter registry when it has one. */
    @Autowired
    public BackpropService(
            ObjectProvider<MeterRegistry> registry, ComputeLimits limits, ComputeGate gate, MatrixProducts products) {
        this(registry.getIfAvailable(CompositeMeterRegistry::new), limits, gate, products);
    }

    /**
     * A service timed into this registry, held to these limits, admitted through this gate and
     * computing with these matrix products.
     */
    public BackpropService(MeterRegistry registry, ComputeLimits limits, ComputeGate gate, MatrixProducts products) {
        this.limits = limits;
        this.gate = gate;
        this.products = products;
        this.engine = new Engine(products);
        this.backpropTimer = engineTimer(registry, "backprop");
        this.forwardTimer = engineTimer(registry, "forward");
    }

    private static Timer engineTimer(MeterRegistry registry, String endpoint) {
        return Timer.builder(ENGINE_TIMER)
                .description("Time in the nn engine: the forward pass, and the backward pass for /backprop")
                .tag("endpoint", endpoint)
                .register(registry);
    }

    /** The forward pass, the loss and every gradient. */
    public BackpropResponse backprop(BackpropRequest request) {
        return solve(request).response();
    }

    /**
     * The request checked, its engine result and its response: for the features that compare
     * against the answer or go on computing from it (grading, gradient check, explain).
     *
     * @throws dev.backprop.web.ApiException when the request is invalid or its result not finite
     */
    public Solved solve(BackpropRequest request) {
        PreparedRequest prepared = RequestValidator.prepare(request, true);
        limits.check(prepared.network(), prepared.x().numRows, true, ComputeLimits.Pass.BACKPROP);
        return gate.run(() -> {
            BackpropResult result = backpropTimer.record(() -> backprop(prepared));
            return new Solved(prepared, result, toResponse(prepared, result), engine);
        });
    }

    /**
     * Solves the request and goes on computing from its answer (grading's counterfactuals) inside
     * the same admission through the gate, the whole counted as {@code passes} times the request's
     * /backprop in the compute limits: past them, a 422 before any work.
     *
     * @param passes how many /backprop passes of this problem the whole computation may cost, at least 1
     * @param then the computation that follows, given the solved request
     * @throws dev.backprop.web.ApiException when the request is invalid, too large, or its result not finite
     */
    public <T> T solveAndThen(BackpropRequest request, int passes, java.util.function.Function<Solved, T> then) {
        PreparedRequest prepared = RequestValidator.prepare(request, true);
        ComputeLimits.Cost one =
                limits.check(prepared.network(), prepared.x().numRows, true, ComputeLimits.Pass.BACKPROP);
        limits.check(new ComputeLimits.Cost(one.numbers(), one.multiplyAdds() * passes));
        return gate.run(() -> {
            BackpropResult result = backpropTimer.record(() -> backprop(prepared));
            return then.apply(new Solved(prepared, result, toResponse(prepared, result), engine));
        });
    }

    /**
     * The engine's forward and backward pass of a checked request, inside the caller's admission
     * through the gate: refuses outputs the loss cannot take.
     */
    private BackpropResult backprop(PreparedRequest prepared) {
        ForwardResult forward = Backprop.forward(prepared.network(), prepared.x(), products);
        requireFiniteForward(forward);
        requireLossDomain(prepared, forward.output());
        return Backprop.backprop(
                prepared.network(), prepared.x(), forward, prepared.target(), prepared.regularization(), products);
    }

    /**
     * A request and its answer, in the engine's orientation and in the layout's.
     *
     * @param prepared the request in the engine's orientation
     * @param result the engine's forward and backward pass
     * @param response the answer in the request's layout
     * @param engine the engine's passes for what the caller computes from the answer, inside its admission
     */
    public record Solved(PreparedRequest prepared, BackpropResult result, BackpropResponse response, Engine engine) {}

    /** The forward pass, and the loss when the request gives y. */
    public ForwardResponse forward(BackpropRequest request) {
        PreparedRequest prepared = RequestValidator.prepare(request, false);
        limits.check(prepared.network(), prepared.x().numRows, prepared.y() != null, ComputeLimits.Pass.FORWARD);
        return gate.run(() -> forward(prepared));
    }

    private ForwardResponse forward(PreparedRequest prepared) {
        ForwardResult result = forwardTimer.record(() -> Backprop.forward(prepared.network(), prepared.x(), products));
        requireFiniteForward(result);
        Layout layout = prepared.layout();
        List<LayerResponse> layers = new ArrayList<>(result.layers().size());
        for (LayerForward layer : result.layers()) {
            layers.add(new LayerResponse(
                    layout.out(Quantity.PRE_ACTIVATION, layer.s()),
                    layout.out(Quantity.ACTIVATION, layer.z()),
                    null,
                    null,
                    null,
                    null,
                    batchNorm(layout, layer, null)));
        }
        Double loss = null;
        Double dataLoss = null;
        Double regularizationLoss = null;
        if (prepared.y() != null) {
            requireLossDomain(prepared, result.output());
            double data = prepared.loss().value(result.output(), prepared.y());
            double penalty = prepared.regularization().value(prepared.network().layers());
            requireFiniteLoss(data + penalty);
            // + 0.0 turns a loss of −0.0 into 0.0, the zero PyTorch prints
            loss = data + penalty + 0.0;
            dataLoss = prepared.regularized() ? data + 0.0 : null;
            regularizationLoss = prepared.regularized() ? penalty + 0.0 : null;
        }
        return new ForwardResponse(
                layout.apiName(),
                loss,
                dataLoss,
                regularizationLoss,
                layers.get(layers.size() - 1).activation(),
                layers,
                Warnings.of(prepared, result.layers()));
    }

    /** Converts the engine's result to the layout, refusing any number that overflowed. */
    private static BackpropResponse toResponse(PreparedRequest prepared, BackpropResult result) {
        Layout layout = prepared.layout();
        if (result.hasDataLoss()) {
            requireFiniteLoss(result.loss());
        } else if (!Double.isFinite(result.regularizationLoss())) {
            throw nonFinite(
                    "/regularization", "The regularization's penalty overflowed a double; scale the weights down");
        }
        if (!allFinite(result.outputGradient())) {
            throw nonFinite("/y", "The gradient of the loss overflowed; scale the targets or the outputs down");
        }
        for (int i = result.layers().size() - 1; i >= 0; i--) {
            LayerGradients layer = result.layers().get(i);
            requireFinite(layer.activationGradient(), i, "gradient ∂L/∂z");
            requireFinite(layer.delta(), i, "delta");
            requireFinite(layer.dW(), i, "weight gradient");
            requireFinite(layer.db(), i, "bias gradient");
            if (layer.batchNorm() != null) {
                requireFinite(layer.outputDelta(), i, "batch norm's ∂L/∂u");
                requireFinite(layer.batchNorm().dGamma(), i, "γ gradient");
                requireFinite(layer.batchNorm().dBeta(), i, "β gradient");
            }
        }
        requireFinite(result.inputGradient(), 0, "input gradient");
        List<LayerResponse> layers = new ArrayList<>(result.layers().size());
        for (LayerGradients layer : result.layers()) {
            layers.add(new LayerResponse(
                    layout.out(Quantity.PRE_ACTIVATION, layer.s()),
                    layout.out(Quantity.ACTIVATION, layer.z()),
                    layout.out(Quantity.DELTA, layer.delta()),
                    layout.out(Quantity.ACTIVATION_GRADIENT, layer.activationGradient()),
                    layout.out(Quantity.WEIGHT_GRADIENT, layer.dW()),
                    layer.db() == null ? null : layer.db().data,
                    batchNorm(layout, layer.forward(), layer)));
        }
        boolean regularized = prepared.regularized();
        List<LayerForward> forward =
                result.layers().stream().map(LayerGradients::forward).toList();
        // + 0.0 turns a loss of −0.0 into 0.0, the zero PyTorch prints
        return new BackpropResponse(
                layout.apiName(),
                result.hasDataLoss() ? result.loss() + 0.0 : null,
                regularized && result.hasDataLoss() ? result.dataLoss() + 0.0 : null,
                regularized ? result.regularizationLoss() + 0.0 : null,
                layers.get(layers.size() - 1).activation(),
                layout.out(Quantity.OUTPUT_GRADIENT, result.outputGradient()),
                layout.out(Quantity.INPUT_GRADIENT, result.inputGradient()),
                layers,
                Warnings.of(prepared, forward));
    }

    /** Batch normalization's terms of a layer in the layout, or {@code null}; {@code gradients} null for /forward. */
    private static BatchNormResponse batchNorm(Layout layout, LayerForward forward, LayerGradients gradients) {
        BatchNormForward terms = forward.batchNorm();
        if (terms == null) {
            return null;
        }
        return new BatchNormResponse(
                terms.mean().data,
                terms.variance().data,
                layout.out(Quantity.BATCH_NORM_NORMALIZED, terms.normalized()),
                layout.out(Quantity.BATCH_NORM_OUTPUT, terms.output()),
                gradients == null ? null : layout.out(Quantity.BATCH_NORM_OUTPUT_DELTA, gradients.outputDelta()),
                gradients == null ? null : gradients.batchNorm().dGamma().data,
                gradients == null ? null : gradients.batchNorm().dBeta().data,
                terms.runningMean() == null ? null : terms.runningMean().data,
                terms.runningVariance() == null ? null : terms.runningVariance().data);
    }

    private static void requireFiniteForward(ForwardResult forward) {
        for (int i = 0; i < forward.layers().size(); i++) {
            LayerForward layer = forward.layers().get(i);
            requireFinite(layer.s(), i, "pre-activation");
            BatchNormForward batchNorm = layer.batchNorm();
            if (batchNorm != null) {
                requireFinite(batchNorm.variance(), i, "batch variance");
                requireFinite(batchNorm.normalized(), i, "normalized pre-activation");
                requireFinite(batchNorm.output(), i, "batch norm's output");
                requireFinite(batchNorm.runningVariance(), i, "running variance");
            }
            requireFinite(layer.z(), i, "activation");
        }
    }

    /** Refuses outputs that a loss on probabilities cannot take (422), naming the layer and the entry. */
    public static void requireLossDomain(PreparedRequest prepared, DMatrixRMaj yOut) {
        if (prepared.y() == null) {
            return;
        }
        int invalid = prepared.loss().firstInvalidOutput(yOut, prepared.y());
        if (invalid < 0) {
            return;
        }
        int L = prepared.network().depth();
        int n = invalid / yOut.numCols;
        int j = invalid % yOut.numCols;
        double p = yOut.data[invalid];
        // the layer in the request; sample and unit in the detail
        String output = JsonPointers.join("layers", L - 1);
        String last = "the output of layer " + (L - 1) + " (/layers/" + (L - 1) + "), sample " + n + ", unit " + j;
        if (prepared.loss().loss() == Loss.BINARY_CROSS_ENTROPY) {
            throw ApiException.at(
                    ProblemType.OUTPUT_OUT_OF_RANGE,
                    output,
                    "binary-cross-entropy on probabilities needs every output in [0, 1], but " + last + " is " + p
                            + ": end the network with a sigmoid, or send lossInput logits");
        }
        throw nonFinite(
                output,
                "cross-entropy on probabilities takes log p where the target is not 0, but " + last + " is " + p
                        + ", whose logarithm is not finite: end the network with a softmax, or send lossInput logits");
    }

    private static void requireFinite(DMatrixRMaj matrix, int layer, String quantity) {
        if (matrix != null && !allFinite(matrix)) {
            throw nonFinite(
                    JsonPointers.join("layers", layer, "weights"),
                    "The " + quantity + " of layer " + layer + " (/layers/" + layer
                            + ") is not finite: the numbers overflowed a double. Scale the weights or the inputs down");
        }
    }

    private static void requireFiniteLoss(double loss) {
        if (!Double.isFinite(loss)) {
            throw nonFinite(
                    "/y", "The loss is not finite: it overflowed a double. Scale the targets or the outputs down");
        }
    }

    private static ApiException nonFinite(String pointer, String detail) {
        return ApiException.at(ProblemType.NON_FINITE_RESULT, pointer, detail);
    }

    private static boolean allFinite(DMatrixRMaj matrix) {
        int count = matrix.getNumElements();
        for (int i = 0; i < count; i++) {
            if (!Double.isFinite(matrix.data[i])) {
                return false;
            }
        }
        return true;
    }
}
