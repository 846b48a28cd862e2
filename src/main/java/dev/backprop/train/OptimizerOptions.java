package dev.backprop.train;

import dev.backprop.nn.Adagrad;
import dev.backprop.nn.Adam;
import dev.backprop.nn.AdamW;
import dev.backprop.nn.InvalidHyperparameterException;
import dev.backprop.nn.Optimizer;
import dev.backprop.nn.RmsProp;
import dev.backprop.nn.Sgd;
import dev.backprop.web.ApiException;
import dev.backprop.web.ApiException.TypedFieldError;
import dev.backprop.web.ProblemType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one table of which options each optimizer takes, and the conversion of an
 * {@link OptimizerRequest} to the engine's {@link Optimizer}, with torch's default for every
 * option left out. The ranges are the engine's ({@link InvalidHyperparameterException}, torch's
 * ValueErrors); this class only names the JSON pointer and writes the detail. For any request
 * that has an {@code optimizer}: /optimizer-step, /train.
 */
public final class OptimizerOptions {

    /** Each optimizer with the options it takes besides {@code learningRate}, in torch's argument order. */
    enum Kind {
        SGD(
                Sgd.NAME,
                List.of("momentum", "dampening", "weightDecay", "nesterov"),
                request -> new Sgd(
                        request.learningRate(),
                        or(request.momentum(), Sgd.DEFAULT_MOMENTUM),
                        or(request.dampening(), Sgd.DEFAULT_DAMPENING),
                        or(request.nesterov(), Sgd.DEFAULT_NESTEROV),
                        or(request.weightDecay(), Sgd.DEFAULT_WEIGHT_DECAY))),
        ADAM(
                Adam.NAME,
                List.of("betas", "epsilon", "weightDecay", "amsgrad"),
                request -> new Adam(
                        request.learningRate(),
                        beta(request, 0),
                        beta(request, 1),
                        or(request.epsilon(), Adam.DEFAULT_EPSILON),
                        or(request.weightDecay(), Adam.DEFAULT_WEIGHT_DECAY),
                        or(request.amsgrad(), Adam.DEFAULT_AMSGRAD))),
        ADAMW(
                AdamW.NAME,
                List.of("betas", "epsilon", "weightDecay", "amsgrad"),
                request -> new AdamW(
                        request.learningRate(),
                        beta(request, 0),
                        beta(request, 1),
                        or(request.epsilon(), Adam.DEFAULT_EPSILON),
                        or(request.weightDecay(), AdamW.DEFAULT_WEIGHT_DECAY),
                        or(request.amsgrad(), Adam.DEFAULT_AMSGRAD))),
        RMSPROP(
                RmsProp.NAME,
                List.of("alpha", "epsilon", "weightDecay", "momentum", "centered"),
                request -> new RmsProp(
                        request.learningRate(),
                        or(request.alpha(), RmsProp.DEFAULT_ALPHA),
                        or(request.epsilon(), RmsProp.DEFAULT_EPSILON),
                        or(request.weightDecay(), RmsProp.DEFAULT_WEIGHT_DECAY),
                        or(request.momentum(), RmsProp.DEFAULT_MOMENTUM),
                        or(request.centered(), RmsProp.DEFAULT_CENTERED))),
        ADAGRAD(
                Adagrad.NAME,
                List.of("lrDecay", "weightDecay", "initialAccumulatorValue", "epsilon"),
                request -> new Adagrad(
                        request.learningRate(),
                        or(request.lrDecay(), Adagrad.DEFAULT_LR_DECAY),
                        or(request.weightDecay(), Adagrad.DEFAULT_WEIGHT_DECAY),
                        or(request.initialAccumulatorValue(), Adagrad.DEFAULT_INITIAL_ACCUMULATOR_VALUE),
                        or(request.epsilon(), Adagrad.DEFAULT_EPSILON)));

        final String apiName;
        final List<String> options;
        final Function<OptimizerRequest, Optimizer> build;

        Kind(String apiName, List<String> options, Function<OptimizerRequest, Optimizer> build) {
            this.apiName = apiName;
            this.options = options;
            this.build = build;
        }

        static Kind of(String name) {
            return Arrays.stream(values())
                    .filter(kind -> kind.apiName.equals(name))
                    .findFirst()
                    .orElse(null);
        }
    }

    private static final String NAMES = String.join(", ", Optimizer.NAMES);

    private OptimizerOptions() {}

    /**
     * The engine's optimizer for a request's {@code optimizer}.
     *
     * @param at the pointer of the optimizer object in the request, e.g. {@code /optimizer}
     * @throws ApiException with every problem found
     */
    public static Optimizer toOptimizer(OptimizerRequest request, String at) {
        List<TypedFieldError> errors = new ArrayList<>();
        Optimizer optimizer = toOptimizer(request, at, errors);
        if (!errors.isEmpty()) {
            throw ApiException.of(errors);
        }
        return optimizer;
    }

    /**
     * The engine's optimizer, or null with the problems added to {@code errors}, for a caller
     * that collects the errors of a whole request before it answers.
     */
    public static Optimizer toOptimizer(OptimizerRequest request, String at, List<TypedFieldError> errors) {
        if (request == null) {
            errors.add(missing(
                    at, "an object with name and learningRate, e.g. {\"name\": \"sgd\", \"learningRate\": 0.1}"));
            return null;
        }
        int before = errors.size();
        Kind kind = null;
        if (request.name() == null) {
            errors.add(missing(at + "/name", "one of " + NAMES));
        } else {
            kind = Kind.of(request.name());
            if (kind == null) {
                String name = request.name();
                String shown = name.length() > 40 ? name.substring(0, 40) + "…" : name;
                errors.add(new TypedFieldError(
                        ProblemType.UNKNOWN_NAME,
                        at + "/name",
                        at + "/name is \"" + shown + "\", which is not a known optimizer; the valid names are "
                                + NAMES));
            }
        }
        if (request.learningRate() == null) {
            errors.add(missing(at + "/learningRate", "a finite number ≥ 0, the step size η (torch's lr)"));
        }
        if (kind != null) {
            for (Map.Entry<String, Object> option : request.options().entrySet()) {
                if (option.getValue() != null && !kind.options.contains(option.getKey())) {
                    errors.add(foreignOption(at, kind, option.getKey()));
                }
            }
            if (request.betas() != null && kind.options.contains("betas") && request.betas().length != 2) {
                errors.add(new TypedFieldError(
                        ProblemType.INVALID_VALUE,
                        at + "/betas",
                        at + "/betas has " + request.betas().length + " numbers, but it must have 2: [β_1, β_2], "
                                + "each in [0, 1)"));
            }
        }
        if (errors.size() > before) {
            return null;
        }
        try {
            return kind.build.apply(request);
        } catch (InvalidHyperparameterException e) {
            String pointer = at + "/" + pointerOf(e.option());
            errors.add(new TypedFieldError(
                    ProblemType.INVALID_VALUE, pointer, pointer + " is " + e.value() + ", but " + e.requirement()));
            return null;
        }
    }

    private static TypedFieldError foreignOption(String at, Kind kind, String option) {
        List<String> owners = Arrays.stream(Kind.values())
                .filter(other -> other.options.contains(option))
                .map(other -> other.apiName)
                .toList();
        return new TypedFieldError(
                ProblemType.UNKNOWN_PROPERTY,
                at + "/" + option,
                at + "/" + option + " is not an option of " + kind.apiName + " (it is one of "
                        + String.join(", ", owners) + "); " + kind.apiName + " takes learningRate, "
                        + String.join(", ", kind.options));
    }

    /** The pointer segment of an engine option: Adam's β_1, β_2 are sent as {@code betas}. */
    private static String pointerOf(String option) {
        return switch (option) {
            case "beta1" -> "betas/0";
            case "beta2" -> "betas/1";
            default -> option;
        };
    }

    private static double beta(OptimizerRequest request, int index) {
        if (request.betas() == null) {
            return index == 0 ? Adam.DEFAULT_BETA1 : Adam.DEFAULT_BETA2;
        }
        return request.betas()[index];
    }

    private static double or(Double value, double otherwise) {
        return value == null ? otherwise : value;
    }

    private static boolean or(Boolean value, boolean otherwise) {
        return value == null ? otherwise : value;
    }

    private static TypedFieldError missing(String pointer, String expected) {
        return new TypedFieldError(ProblemType.MISSING_PROPERTY, pointer, pointer + " is required: " + expected);
    }
}
