package dev.backprop.problems;

import dev.backprop.backprop.BackpropRequest;
import dev.backprop.backprop.BackpropService;
import dev.backprop.backprop.LayerRequest;
import dev.backprop.backprop.Layout;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Backprop;
import dev.backprop.nn.Layer;
import dev.backprop.nn.LayerForward;
import dev.backprop.nn.Loss;
import dev.backprop.nn.MatrixProducts;
import dev.backprop.nn.Network;
import dev.backprop.train.OptimizerRequest;
import dev.backprop.train.TrainRequest;
import dev.backprop.train.TrainService;
import dev.backprop.web.ApiException;
import dev.backprop.web.ApiException.TypedFieldError;
import dev.backprop.web.JsonPointers;
import dev.backprop.web.ProblemType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.springframework.stereotype.Service;

/**
 * Makes reproducible problems with small integers. The algorithm is part of the API: the same
 * request gives the same problem on every run, machine and 1.x version.
 *
 * <ol>
 *   <li>The stream: {@code new java.util.SplittableRandom(seed)} (SplitMix64: seed + k·γ with
 *       γ = 0x9e3779b97f4a7c15, then the published mix), read only through {@code nextLong()}.
 *   <li>An integer in [lo, hi]: lo + bounded(hi − lo + 1), where bounded(n) takes
 *       u = nextLong() &gt;&gt;&gt; 1 and answers u mod n, drawing again while
 *       u − (u mod n) + n − 1 overflows a long (so every residue is equally likely).
 *   <li>The order of the draws, independent of the layout: for k = 1..L, W_k as D_k×D_{k-1} row
 *       by row, then b_k if there are biases; then x as N×D_0 sample by sample; then y as
 *       N×D_L sample by sample: integers in the range for the squared-error losses, one class
 *       in [0, D_L − 1] per sample (a one-hot row) for cross-entropy and multiclass-hinge, 0 or 1
 *       for binary cross-entropy, 2·(0 or 1) − 1 for hinge. Cross-entropy and multiclass-hinge
 *       need D_L ≥ 2 (their default sizes are 2, 3, 2).
 *   <li>{@code reduction}, {@code lossInput} and {@code regularization} are copied into the
 *       problem and draw nothing. With {@code optimizer}, the problem is a /train request of
 *       {@code steps} 1 (learning rate {@value #DEFAULT_LEARNING_RATE} when absent), the
 *       solution its /train answer.
 *   <li>With avoidTies, a draw with a ReLU or leaky-ReLU input exactly 0 is thrown away and the
 *       next one is taken from the same stream, at most {@value #MAX_ATTEMPTS} times.
 *   <li>The matrices are then oriented as the layout says; the solution is the /backprop answer.
 * </ol>
 */
@Service
public class ProblemGenerator {

    static final int MAX_ATTEMPTS = 1000;
    static final int MAX_UNITS = 16;
    static final int MAX_LAYERS = 8;
    static final int MAX_SAMPLES = 64;
    static final int MAX_ABS_VALUE = 100;

    /** The learning rate of a /train problem whose request leaves it out: a power of 2 keeps the answers short. */
    static final double DEFAULT_LEARNING_RATE = 0.5;

    private final BackpropService backprop;
    private final TrainService train;
    private final MatrixProducts products;

    public ProblemGenerator(BackpropService backprop, TrainService train, MatrixProducts products) {
        this.backprop = backprop;
        this.train = train;
        this.products = products;
    }

    public ProblemResponse generate(ProblemRequest request) {
        Settings settings = Settings.of(request);
        SplittableRandom random = new SplittableRandom(settings.seed());
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            BackpropRequest problem = draw(settings, random);
            if (!settings.avoidTies() || !hasTie(problem, settings)) {
                if (request.optimizer() == null) {
                    return new ProblemResponse(problem, backprop.backprop(problem));
                }
                TrainRequest step = trainProblem(problem, request.optimizer());
                return new ProblemResponse(step, train.train(step));
            }
        }
        throw ApiException.at(
                ProblemType.LIMIT_EXCEEDED,
                "/avoidTies",
                "No draw of " + MAX_ATTEMPTS
                        + " was free of ReLU inputs exactly 0 with these settings: widen /valueRange or set /avoidTies to false");
    }

    /** The problem as one step of the optimizer, its learning rate 0.5 when the request leaves it out. */
    private static TrainRequest trainProblem(BackpropRequest problem, OptimizerRequest o) {
        OptimizerRequest optimizer = o.learningRate() != null
                ? o
                : new OptimizerRequest(
                        o.name(),
                        DEFAULT_LEARNING_RATE,
                        o.momentum(),
                        o.dampening(),
                        o.nesterov(),
                        o.weightDecay(),
                        o.betas(),
                        o.epsilon(),
                        o.amsgrad(),
                        o.alpha(),
                        o.centered(),
                        o.lrDecay(),
                        o.initialAccumulatorValue(),
                        o.updateBiases());
        return new TrainRequest(
                problem.layout(),
                problem.layers(),
                problem.x(),
                problem.y(),
                problem.loss(),
                problem.reduction(),
                problem.lossInput(),
                problem.regularization(),
                optimizer,
                1,
                null);
    }

    /** One draw of the whole problem, in the documented order. */
    private static BackpropRequest draw(Settings settings, SplittableRandom random) {
        int[] D = settings.layerSizes();
        int N = settings.batchSize();
        Layout layout = settings.layout();
        List<LayerRequest> layers = new ArrayList<>();
        for (int k = 1; k < D.length; k++) {
            // W_k drawn as D_k×D_{k-1}, the torch layout's shape, then oriented as the request's layout
            DMatrixRMaj unitsByInputs = integers(random, D[k], D[k - 1], settings.low(), settings.high());
            DMatrixRMaj W = layout.weightsOut(Layout.TORCH.weightsIn(unitsByInputs));
            double[] b = settings.bias() ? integers(random, 1, D[k], settings.low(), settings.high()).data : null;
            layers.add(new LayerRequest(W, b, settings.activations().get(k - 1).apiName()));
        }
        DMatrixRMaj x = integers(random, N, D[0], settings.low(), settings.high());
        DMatrixRMaj y = targets(random, settings, N, D[D.length - 1]);
        return new BackpropRequest(
                layout.apiName(),
                layers,
                layout.samplesOut(x),
                layout.samplesOut(y),
                settings.loss().apiName(),
                settings.request().reduction(),
                settings.request().lossInput(),
                settings.request().regularization(),
                null);
    }

    private static DMatrixRMaj targets(SplittableRandom random, Settings settings, int N, int units) {
        return switch (settings.loss()) {
            case CROSS_ENTROPY, MULTICLASS_HINGE -> {
                DMatrixRMaj y = new DMatrixRMaj(N, units);
                for (int n = 0; n < N; n++) {
                    y.set(n, (int) bounded(random, units), 1);
                }
                yield y;
            }
            case BINARY_CROSS_ENTROPY -> integers(random, N, units, 0, 1);
            case HINGE -> {
                // −1 or +1: 2·(an integer in [0, 1]) − 1
                DMatrixRMaj y = integers(random, N, units, 0, 1);
                for (int i = 0; i < y.getNumElements(); i++) {
                    y.data[i] = 2 * y.data[i] - 1;
                }
                yield y;
            }
            default -> integers(random, N, units, settings.low(), settings.high());
        };
    }

    /** A rows×columns matrix of integers in [low, high], drawn row by row. */
    private static DMatrixRMaj integers(SplittableRandom random, int rows, int columns, int low, int high) {
        DMatrixRMaj matrix = new DMatrixRMaj(rows, columns);
        for (int i = 0; i < matrix.getNumElements(); i++) {
            matrix.data[i] = low + bounded(random, (long) high - low + 1);
        }
        return matrix;
    }

    /** An integer in [0, n), every value equally likely: rejection on the top of the 63-bit range. */
    static long bounded(SplittableRandom random, long n) {
        while (true) {
            long u = random.nextLong() >>> 1;
            long r = u % n;
            if (u - r + (n - 1) >= 0) {
                return r;
            }
        }
    }

    /** Whether a ReLU or leaky-ReLU input is exactly 0 somewhere in the forward pass. */
    private boolean hasTie(BackpropRequest problem, Settings settings) {
        Layout layout = settings.layout();
        List<Layer> layers = new ArrayList<>();
        for (LayerRequest layer : problem.layers()) {
            DMatrixRMaj b = layer.bias() == null ? null : DMatrixRMaj.wrap(1, layer.bias().length, layer.bias());
            layers.add(new Layer(layout.weightsIn(layer.weights()), b, Activation.fromApiName(layer.activation())));
        }
        List<LayerForward> forward = Backprop.forward(new Network(layers), layout.samplesIn(problem.x()), products)
                .layers();
        for (int k = 0; k < layers.size(); k++) {
            if (layers.get(k).f().kinkTies(forward.get(k).u()).length > 0) {
                return true;
            }
        }
        return false;
    }

    /** A request with its defaults filled in, checked. */
    record Settings(
            long seed,
            int[] layerSizes,
            int batchSize,
            Layout layout,
            List<Activation> activations,
            Loss loss,
            boolean bias,
            int low,
            int high,
            boolean avoidTies,
            ProblemRequest request) {

        static Settings of(ProblemRequest request) {
            List<TypedFieldError> errors = new ArrayList<>();
            Loss requested = request.loss() == null ? Loss.HALF_SSE : Loss.fromApiName(request.loss());
            // one class per sample needs two classes at least
            boolean classes = requested == Loss.CROSS_ENTROPY || requested == Loss.MULTICLASS_HINGE;
            if (request.seed() == null) {
                errors.add(new TypedFieldError(ProblemType.MISSING_PROPERTY, "/seed", "/seed is required: an integer"));
            }
            List<Integer> sizes =
                    request.layerSizes() != null ? request.layerSizes() : classes ? List.of(2, 3, 2) : List.of(2, 3, 1);
            if (classes && sizes.size() >= 2 && Integer.valueOf(1).equals(sizes.get(sizes.size() - 1))) {
                errors.add(invalid(
                        JsonPointers.join("layerSizes", sizes.size() - 1),
                        JsonPointers.join("layerSizes", sizes.size() - 1) + " is 1, but " + requested.apiName()
                                + " picks one of D_L classes per sample: at least 2 output units"));
            }
            if (sizes.size() < 2 || sizes.size() > MAX_LAYERS + 1) {
                errors.add(invalid(
                        "/layerSizes",
                        "/layerSizes has " + sizes.size() + " entries, but it lists D_0, …, D_L: between 2 and "
                                + (MAX_LAYERS + 1) + " sizes"));
            }
            for (int i = 0; i < sizes.size(); i++) {
                Integer size = sizes.get(i);
                if (size == null || size < 1 || size > MAX_UNITS) {
                    errors.add(invalid(
                            JsonPointers.join("layerSizes", i),
                            JsonPointers.join("layerSizes", i) + " is " + size
                                    + ", but a layer size is an integer from 1 to " + MAX_UNITS));
                }
            }
            int N = request.batchSize() == null ? 4 : request.batchSize();
            if (N < 1 || N > MAX_SAMPLES) {
                errors.add(invalid("/batchSize", "/batchSize is " + N + ", but it must be from 1 to " + MAX_SAMPLES));
            }
            Layout layout = Layout.DIMENSION_FIRST;
            if (request.layout() != null) {
                layout = Layout.fromApiName(request.layout());
                if (layout == null) {
                    errors.add(unknown(
                            "/layout",
                            request.layout(),
                            "layout",
                            Arrays.stream(Layout.values()).map(Layout::apiName).toList()));
                }
            }
            Loss loss = Loss.HALF_SSE;
            if (request.loss() != null) {
                loss = Loss.fromApiName(request.loss());
                if (loss == null) {
                    errors.add(unknown(
                            "/loss",
                            request.loss(),
                            "loss",
                            Arrays.stream(Loss.values()).map(Loss::apiName).toList()));
                }
            }
            List<Activation> activations = new ArrayList<>();
            int depth = sizes.size() - 1;
            if (request.activations() == null) {
                for (int k = 0; k < depth; k++) {
                    activations.add(k == depth - 1 ? Activation.IDENTITY : Activation.RELU);
                }
            } else {
                if (request.activations().size() != depth) {
                    errors.add(invalid(
                            "/activations",
                            "/activations has " + request.activations().size() + " names, but /layerSizes makes "
                                    + depth + " layer(s): one activation per layer"));
                }
                for (int k = 0; k < request.activations().size(); k++) {
                    String name = request.activations().get(k);
                    Activation activation = Activation.fromApiName(name);
                    if (activation == null) {
                        errors.add(unknown(
                                JsonPointers.join("activations", k),
                                name,
                                "activation",
                                Arrays.stream(Activation.values())
                                        .map(Activation::apiName)
                                        .toList()));
                    }
                    activations.add(activation);
                }
            }
            List<Integer> range = request.valueRange() == null ? List.of(-3, 3) : request.valueRange();
            int low = 0;
            int high = 0;
            if (range.size() != 2 || range.stream().anyMatch(java.util.Objects::isNull)) {
                errors.add(invalid("/valueRange", "/valueRange must be two integers [lo, hi]"));
            } else {
                low = range.get(0);
                high = range.get(1);
                if (low > high || Math.abs(low) > MAX_ABS_VALUE || Math.abs(high) > MAX_ABS_VALUE) {
                    errors.add(invalid(
                            "/valueRange",
                            "/valueRange is [" + low + ", " + high
                                    + "], but it must be [lo, hi] with lo ≤ hi, both within ±" + MAX_ABS_VALUE));
                }
            }
            if (!errors.isEmpty()) {
                throw ApiException.of(errors);
            }
            return new Settings(
                    request.seed(),
                    sizes.stream().mapToInt(Integer::intValue).toArray(),
                    N,
                    layout,
                    activations,
                    loss,
                    Boolean.TRUE.equals(request.bias()),
                    low,
                    high,
                    !Boolean.FALSE.equals(request.avoidTies()),
                    request);
        }

        private static TypedFieldError invalid(String pointer, String detail) {
            return new TypedFieldError(ProblemType.INVALID_VALUE, pointer, detail);
        }

        private static TypedFieldError unknown(String pointer, String name, String what, List<String> valid) {
            return new TypedFieldError(
                    ProblemType.UNKNOWN_NAME,
                    pointer,
                    pointer + " is \"" + name + "\", which is not a known " + what + "; the valid names are "
                            + String.join(", ", valid));
        }
    }
}
