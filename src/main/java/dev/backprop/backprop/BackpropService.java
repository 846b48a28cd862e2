package dev.backprop.backprop;

import dev.backprop.limits.ComputeGate;
import dev.backprop.limits.ComputeLimits;
import dev.backprop.nn.Backprop;
import dev.backprop.nn.BackpropResult;
import dev.backprop.nn.ForwardResult;
import dev.backprop.nn.LayerForward;
import dev.backprop.nn.LayerGradients;
import dev.backprop.web.ApiException;
import dev.backprop.web.JsonPointers;
import dev.backprop.web.LimitsProperties;
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

    private static final System.Logger LOG = System.getLogger(BackpropService.class.getName());

    static final String ENGINE_TIMER = "backprop.engine";

    private final ComputeLimits limits;
    private final ComputeGate gate;
    private final Timer backpropTimer;
    private final Timer forwardTimer;

    /** The application's service, timed into its meter registry when it has one. */
    @Autowired
    public BackpropService(ObjectProvider<MeterRegistry> registry, ComputeLimits limits, ComputeGate gate) {
        this(registry.getIfAvailable(CompositeMeterRegistry::new), limits, gate);
    }

    /** A service timed into this registry, held to these limits and admitted through this gate. */
    public BackpropService(MeterRegistry registry, ComputeLimits limits, ComputeGate gate) {
        this.limits = limits;
        this.gate = gate;
        this.backpropTimer = engineTimer(registry, "backprop");
        this.forwardTimer = engineTimer(registry, "forward");
        // choose (and time) the matrix products now, not during the first request
        LOG.log(
                System.Logger.Level.INFO,
                "matrix products: {0}",
                Backprop.products().name());
    }

    /** A service timed into this registry, with the default limits and a gate of its own. */
    public BackpropService(MeterRegistry registry) {
        this(registry, new ComputeLimits(LimitsProperties.defaults()), new ComputeGate(LimitsProperties.defaults()));
    }

    /** A service built by hand (tests, tools): an empty composite registry records nothing. */
    public BackpropService() {
        this(new CompositeMeterRegistry());
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
            BackpropResult result = backpropTimer.record(
                    () -> Backprop.backprop(prepared.network(), prepared.x(), prepared.y(), prepared.loss()));
            List<DMatrixRMaj> s =
                    result.layers().stream().map(LayerGradients::s).toList();
            return new Solved(prepared, result, toResponse(prepared.layout(), result, Warnings.of(prepared, s)));
        });
    }

    /**
     * A request and its answer, in the engine's orientation and in the layout's.
     *
     * @param prepared the request in the engine's orientation
     * @param result the engine's forward and backward pass
     * @param response the answer in the request's layout
     */
    public record Solved(PreparedRequest prepared, BackpropResult result, BackpropResponse response) {}

    /** The forward pass, and the loss when the request gives y. */
    public ForwardResponse forward(BackpropRequest request) {
        PreparedRequest prepared = RequestValidator.prepare(request, false);
        limits.check(prepared.network(), prepared.x().numRows, prepared.y() != null, ComputeLimits.Pass.FORWARD);
        return gate.run(() -> forward(prepared));
    }

    private ForwardResponse forward(PreparedRequest prepared) {
        ForwardResult result = forwardTimer.record(() -> Backprop.forward(prepared.network(), prepared.x()));
        Layout layout = prepared.layout();
        List<LayerResponse> layers = new ArrayList<>(result.layers().size());
        for (int i = 0; i < result.layers().size(); i++) {
            LayerForward layer = result.layers().get(i);
            requireFinite(layer.s(), i, "pre-activation");
            requireFinite(layer.z(), i, "activation");
            layers.add(new LayerResponse(layout.samplesOut(layer.s()), layout.samplesOut(layer.z()), null, null, null));
        }
        Double loss = null;
        if (prepared.y() != null) {
            loss = prepared.loss().value(result.output(), prepared.y()) + 0.0;
            requireFiniteLoss(loss);
        }
        List<DMatrixRMaj> s = result.layers().stream().map(LayerForward::s).toList();
        return new ForwardResponse(
                layout.apiName(), loss, layers.get(layers.size() - 1).activation(), layers, Warnings.of(prepared, s));
    }

    /** Converts the engine's result to the layout, refusing any number that overflowed. */
    private static BackpropResponse toResponse(Layout layout, BackpropResult result, List<Warning> warnings) {
        List<LayerResponse> layers = new ArrayList<>(result.layers().size());
        for (int i = 0; i < result.layers().size(); i++) {
            LayerGradients layer = result.layers().get(i);
            requireFinite(layer.s(), i, "pre-activation");
            requireFinite(layer.z(), i, "activation");
        }
        requireFiniteLoss(result.loss());
        if (!allFinite(result.outputGradient())) {
            throw nonFinite("/y", "The gradient of the loss overflowed; scale the targets or the outputs down");
        }
        for (int i = result.layers().size() - 1; i >= 0; i--) {
            LayerGradients layer = result.layers().get(i);
            requireFinite(layer.delta(), i, "delta");
            requireFinite(layer.dW(), i, "weight gradient");
        }
        for (LayerGradients layer : result.layers()) {
            double[] biasGradient = layer.db() == null ? null : layer.db().data;
            layers.add(new LayerResponse(
                    layout.samplesOut(layer.s()),
                    layout.samplesOut(layer.z()),
                    layer.delta(),
                    layout.weightsOut(layer.dW()),
                    biasGradient));
        }
        // + 0.0 turns a loss of −0.0 into 0.0, the zero PyTorch prints
        return new BackpropResponse(
                layout.apiName(),
                result.loss() + 0.0,
                layers.get(layers.size() - 1).activation(),
                result.outputGradient(),
                layers,
                warnings);
    }

    private static void requireFinite(DMatrixRMaj matrix, int layer, String quantity) {
        if (!allFinite(matrix)) {
            throw nonFinite(
                    JsonPointers.join("layers", layer, "weights"),
                    "The " + quantity + " of layer " + (layer + 1) + " (/layers/" + layer
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
