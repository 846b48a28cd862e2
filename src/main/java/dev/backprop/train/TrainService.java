package dev.backprop.train;

import dev.backprop.backprop.BackpropService;
import dev.backprop.backprop.Layout;
import dev.backprop.backprop.PreparedRequest;
import dev.backprop.backprop.Quantity;
import dev.backprop.backprop.RequestValidator;
import dev.backprop.limits.ComputeGate;
import dev.backprop.limits.ComputeLimits;
import dev.backprop.limits.LimitsProperties;
import dev.backprop.nn.Backprop;
import dev.backprop.nn.BatchNorm;
import dev.backprop.nn.Layer;
import dev.backprop.nn.MatrixProducts;
import dev.backprop.nn.Network;
import dev.backprop.nn.Optimizer;
import dev.backprop.nn.OptimizerBuffer;
import dev.backprop.nn.ParameterState;
import dev.backprop.nn.Target;
import dev.backprop.nn.Training;
import dev.backprop.nn.Training.LayerStates;
import dev.backprop.web.ApiException;
import dev.backprop.web.ApiException.TypedFieldError;
import dev.backprop.web.JsonPointers;
import dev.backprop.web.ProblemType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.ejml.data.DMatrixRMaj;
import org.springframework.stereotype.Service;

/**
 * Gradient descent on a request's minibatch, as torch.optim steps it: checks the request, its
 * state and its whole cost (every step) before any work, runs once a worker is free, and answers
 * the parameters and the state in the request's layout. Stateless and thread-safe.
 */
@Service
public class TrainService {

    /** The largest step count a state may reach: 2^53, below which a double counts every step. */
    static final long MAX_STEP = 1L << 53;

    private final ComputeLimits limits;
    private final ComputeGate gate;
    private final int maxSteps;
    private final MatrixProducts products;

    public TrainService(ComputeLimits limits, ComputeGate gate, LimitsProperties properties, MatrixProducts products) {
        this.limits = limits;
        this.gate = gate;
        this.maxSteps = properties.compute().maxSteps();
        this.products = products;
    }

    /**
     * @throws ApiException 400 when the request is invalid, 422 past the compute limits or when
     *     the loss stops being finite
     */
    public TrainResponse train(TrainRequest request) {
        if (request.y() == null) {
            throw ApiException.at(
                    ProblemType.MISSING_PROPERTY,
                    "/y",
                    "/y is required: a matrix of targets, since every step descends the loss of the output against them");
        }
        PreparedRequest prepared = RequestValidator.prepare(request.problem(), true);
        List<TypedFieldError> errors = new ArrayList<>();
        Optimizer optimizer = OptimizerOptions.toOptimizer(request.optimizer(), "/optimizer", errors);
        int steps = request.steps() == null ? 1 : request.steps();
        if (steps < 1) {
            errors.add(new TypedFieldError(
                    ProblemType.INVALID_VALUE, "/steps", "/steps is " + steps + ", but a run takes at least 1 step"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.of(errors);
        }
        if (steps > maxSteps) {
            throw ApiException.at(
                    ProblemType.LIMIT_EXCEEDED,
                    "/steps",
                    "The request has " + steps + " steps, more than the limit of " + maxSteps
                            + " (backprop.limits.compute.max-steps)");
        }
        // the numbers of one step's pass and the state; the work of every step and the last measuring pass
        ComputeLimits.Cost pass =
                limits.check(prepared.network(), prepared.x().numRows, true, ComputeLimits.Pass.BACKPROP);
        long parameters = parameters(prepared.network());
        long buffers = (long) optimizer.buffers().size() * parameters;
        limits.check(new ComputeLimits.Cost(
                pass.numbers() + 2 * buffers + parameters + steps + 1,
                (steps + 1L) * pass.multiplyAdds() + steps * (parameters + buffers)));
        boolean updateBiases = !Boolean.FALSE.equals(request.optimizer().updateBiases());
        List<LayerStates> states = request.state() == null
                ? Training.initialStates(prepared.network(), optimizer, updateBiases)
                : states(request.state(), prepared, optimizer, updateBiases, steps);
        return gate.run(() -> run(prepared, optimizer, steps, states));
    }

    private TrainResponse run(PreparedRequest prepared, Optimizer optimizer, int steps, List<LayerStates> states) {
        BackpropService.requireLossDomain(
                prepared,
                Backprop.forward(prepared.network(), prepared.x(), products).output());
        Training.Result result;
        try {
            result = Training.train(
                    prepared.network(),
                    prepared.x(),
                    (Target.Labels) prepared.target(),
                    prepared.regularization(),
                    optimizer,
                    steps,
                    states,
                    products);
        } catch (Training.NonFiniteLossException e) {
            throw ApiException.at(
                    ProblemType.NON_FINITE_RESULT,
                    "/steps",
                    e.step() == 0
                            ? "The loss is not finite with the starting parameters, before any step: it overflowed a "
                                    + "double. Scale the weights, the inputs or the targets down"
                            : "The loss is not finite after " + e.step() + " of the " + steps + " steps: the updates "
                                    + "diverged or overflowed a double. Lower the learning rate, or take fewer steps");
        }
        Layout layout = prepared.layout();
        List<TrainResponse.TrainedLayer> layers = new ArrayList<>();
        List<TrainState.LayerState> layerStates = new ArrayList<>();
        long step = 0;
        for (int k = 0; k < result.network().depth(); k++) {
            Layer layer = result.network().layers().get(k);
            LayerStates state = result.states().get(k);
            BatchNorm bn = layer.batchNorm();
            requireFinite(layer.W().data, k, "weights");
            requireFinite(layer.hasBias() ? layer.b().data : null, k, "bias");
            if (bn != null) {
                requireFinite(bn.gamma().data, k, "batch norm's γ");
                requireFinite(bn.beta().data, k, "batch norm's β");
                requireFinite(bn.runningMean() == null ? null : bn.runningMean().data, k, "running mean");
                requireFinite(bn.runningVariance() == null ? null : bn.runningVariance().data, k, "running variance");
            }
            for (ParameterState parameter : new ParameterState[] {state.W(), state.b(), state.gamma(), state.beta()}) {
                if (parameter != null) {
                    for (OptimizerBuffer buffer : parameter.heldBuffers()) {
                        requireFinite(parameter.buffer(buffer), k, "optimizer's " + buffer.apiName());
                    }
                }
            }
            layers.add(new TrainResponse.TrainedLayer(
                    layout.out(Quantity.WEIGHTS, layer.W()),
                    layer.hasBias() ? layer.b().data : null,
                    bn == null
                            ? null
                            : new TrainResponse.TrainedBatchNorm(
                                    bn.gamma().data,
                                    bn.beta().data,
                                    bn.runningMean() == null ? null : bn.runningMean().data,
                                    bn.runningVariance() == null ? null : bn.runningVariance().data)));
            layerStates.add(new TrainState.LayerState(
                    buffers(
                            state.W(),
                            data -> layout.out(
                                    Quantity.WEIGHTS, DMatrixRMaj.wrap(layer.W().numRows, layer.W().numCols, data))),
                    state.b() == null ? null : buffers(state.b(), data -> data),
                    state.gamma() == null
                            ? null
                            : new TrainState.BatchNormState(
                                    buffers(state.gamma(), data -> data), buffers(state.beta(), data -> data))));
            step = state.W().step();
        }
        return new TrainResponse(
                layout.apiName(), steps, result.lossHistory(), layers, new TrainState(step, layerStates));
    }

    /** A state's held buffers by API name, each converted to the shape of its parameter as sent. */
    private static <T> Map<String, T> buffers(ParameterState state, Function<double[], T> shaped) {
        Map<String, T> buffers = new LinkedHashMap<>();
        for (OptimizerBuffer buffer : state.heldBuffers()) {
            buffers.put(buffer.apiName(), shaped.apply(state.buffer(buffer).clone()));
        }
        return buffers;
    }

    private static long parameters(Network network) {
        long count = 0;
        for (Layer layer : network.layers()) {
            count += layer.W().getNumElements()
                    + (layer.hasBias() ? layer.units() : 0)
                    + (layer.batchNorm() == null ? 0 : 2L * layer.units());
        }
        return count;
    }

    /** The states a request sends, checked against the network and the optimizer, in the engine's orientation. */
    private static List<LayerStates> states(
            TrainState sent, PreparedRequest prepared, Optimizer optimizer, boolean updateBiases, int steps) {
        List<TypedFieldError> errors = new ArrayList<>();
        Network network = prepared.network();
        Layout layout = prepared.layout();
        if (sent.step() != null && sent.step() > MAX_STEP - steps) {
            errors.add(new TypedFieldError(
                    ProblemType.INVALID_VALUE,
                    "/state/step",
                    "/state/step is " + sent.step() + ", but the step count must stay at most 2^53 = " + MAX_STEP
                            + " after the " + steps + " steps, where a double still counts exactly"));
        } else if (sent.step() == null || sent.step() < 0) {
            errors.add(new TypedFieldError(
                    sent.step() == null ? ProblemType.MISSING_PROPERTY : ProblemType.INVALID_VALUE,
                    "/state/step",
                    "/state/step " + (sent.step() == null ? "is required" : "is " + sent.step())
                            + ": the steps taken so far, a whole number ≥ 0"));
        }
        if (sent.layers() == null || sent.layers().size() != network.depth()) {
            errors.add(new TypedFieldError(
                    sent.layers() == null ? ProblemType.MISSING_PROPERTY : ProblemType.INVALID_VALUE,
                    "/state/layers",
                    "/state/layers must have " + network.depth() + " entries, one per layer, but "
                            + (sent.layers() == null
                                    ? "is missing"
                                    : "has " + sent.layers().size())));
        }
        if (!errors.isEmpty()) {
            throw ApiException.of(errors);
        }
        long step = sent.step();
        List<LayerStates> states = new ArrayList<>();
        for (int k = 0; k < network.depth(); k++) {
            Layer layer = network.layers().get(k);
            TrainState.LayerState layerState = sent.layers().get(k);
            String at = JsonPointers.join("state", "layers", k);
            if (layerState == null) {
                errors.add(new TypedFieldError(
                        ProblemType.MISSING_PROPERTY, at, at + " is required: the layer's buffers"));
                continue;
            }
            Map<OptimizerBuffer, double[]> weights = new EnumMap<>(OptimizerBuffer.class);
            matrices(layerState.weights(), at + "/weights", optimizer, layer.W(), layout, errors)
                    .forEach(weights::put);
            boolean wantsBias = layer.hasBias() && updateBiases;
            Map<OptimizerBuffer, double[]> bias = part(
                    layerState.bias(),
                    wantsBias,
                    at + "/bias",
                    "the layer's bias is " + (layer.hasBias() ? "fixed (updateBiases false)" : "absent"),
                    optimizer,
                    layer.units(),
                    errors);
            boolean hasBatchNorm = layer.batchNorm() != null;
            TrainState.BatchNormState bn = layerState.batchNorm();
            if (hasBatchNorm != (bn != null)) {
                errors.add(new TypedFieldError(
                        hasBatchNorm ? ProblemType.MISSING_PROPERTY : ProblemType.INVALID_VALUE,
                        at + "/batchNorm",
                        at + "/batchNorm "
                                + (hasBatchNorm
                                        ? "is required: the buffers of γ and β, since layer " + k
                                                + " has batch normalization"
                                        : "is given, but layer " + k + " has no batch normalization")));
            }
            Map<OptimizerBuffer, double[]> gamma = bn == null
                    ? null
                    : part(bn.gamma(), true, at + "/batchNorm/gamma", "", optimizer, layer.units(), errors);
            Map<OptimizerBuffer, double[]> beta = bn == null
                    ? null
                    : part(bn.beta(), true, at + "/batchNorm/beta", "", optimizer, layer.units(), errors);
            if (errors.isEmpty()) {
                states.add(new LayerStates(
                        ParameterState.resume(optimizer, layer.W().getNumElements(), step, weights),
                        wantsBias ? ParameterState.resume(optimizer, layer.units(), step, bias) : null,
                        hasBatchNorm ? ParameterState.resume(optimizer, layer.units(), step, gamma) : null,
                        hasBatchNorm ? ParameterState.resume(optimizer, layer.units(), step, beta) : null));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.of(errors);
        }
        return states;
    }

    /** The buffers of W_k, converted to the engine's orientation. */
    private static Map<OptimizerBuffer, double[]> matrices(
            Map<String, DMatrixRMaj> sent,
            String at,
            Optimizer optimizer,
            DMatrixRMaj W,
            Layout layout,
            List<TypedFieldError> errors) {
        Map<OptimizerBuffer, double[]> buffers = new EnumMap<>(OptimizerBuffer.class);
        if (!sameNames(sent == null ? null : sent.keySet(), at, optimizer, errors)) {
            return buffers;
        }
        DMatrixRMaj shape = layout.out(Quantity.WEIGHTS, W);
        sent.forEach((name, matrix) -> {
            String pointer = at + "/" + name;
            if (matrix == null || matrix.numRows != shape.numRows || matrix.numCols != shape.numCols) {
                errors.add(new TypedFieldError(
                        ProblemType.SHAPE_MISMATCH,
                        pointer,
                        pointer + " is " + (matrix == null ? "null" : matrix.numRows + "×" + matrix.numCols)
                                + ", but a buffer has the shape of its weights as sent, " + shape.numRows + "×"
                                + shape.numCols));
                return;
            }
            buffers.put(
                    OptimizerBuffer.fromApiName(name),
                    layout.in(Quantity.WEIGHTS, matrix).data.clone());
        });
        return buffers;
    }

    /** The buffers of a vector parameter (b, γ or β), or of one the request must not have. */
    private static Map<OptimizerBuffer, double[]> part(
            Map<String, double[]> sent,
            boolean wanted,
            String at,
            String whyNot,
            Optimizer optimizer,
            int units,
            List<TypedFieldError> errors) {
        Map<OptimizerBuffer, double[]> buffers = new EnumMap<>(OptimizerBuffer.class);
        if (!wanted) {
            if (sent != null) {
                errors.add(new TypedFieldError(
                        ProblemType.INVALID_VALUE, at, at + " is given, but " + whyNot + ", so it has no buffers"));
            }
            return buffers;
        }
        if (!sameNames(sent == null ? null : sent.keySet(), at, optimizer, errors)) {
            return buffers;
        }
        sent.forEach((name, vector) -> {
            String pointer = at + "/" + name;
            if (vector == null || vector.length != units) {
                errors.add(new TypedFieldError(
                        ProblemType.SHAPE_MISMATCH,
                        pointer,
                        pointer + " has " + (vector == null ? "no" : vector.length) + " numbers, but a buffer has "
                                + "one per unit, " + units));
                return;
            }
            buffers.put(OptimizerBuffer.fromApiName(name), vector.clone());
        });
        return buffers;
    }

    /** Whether the buffers sent are exactly those the optimizer keeps; else an error at {@code at}. */
    private static boolean sameNames(Set<String> sent, String at, Optimizer optimizer, List<TypedFieldError> errors) {
        Set<String> needed = new TreeSet<>(
                optimizer.buffers().stream().map(OptimizerBuffer::apiName).toList());
        if (sent != null && needed.equals(new TreeSet<>(sent))) {
            return true;
        }
        String kept = needed.isEmpty() ? "none ({})" : String.join(", ", needed);
        errors.add(new TypedFieldError(
                sent == null ? ProblemType.MISSING_PROPERTY : ProblemType.INVALID_VALUE,
                at,
                at + (sent == null ? " is required" : " has the buffers " + new TreeSet<>(sent)) + ", but "
                        + optimizer.apiName() + " with these options keeps " + kept));
        return false;
    }

    private static void requireFinite(double[] values, int layer, String what) {
        if (values == null) {
            return;
        }
        for (double value : values) {
            if (!Double.isFinite(value)) {
                throw ApiException.at(
                        ProblemType.NON_FINITE_RESULT,
                        JsonPointers.join("layers", layer),
                        "The " + what + " of layer " + layer + " (/layers/" + layer + ") is not finite after the last "
                                + "step: the updates overflowed a double. Lower the learning rate, or take fewer steps");
            }
        }
    }
}
