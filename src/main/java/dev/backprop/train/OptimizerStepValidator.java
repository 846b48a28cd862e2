package dev.backprop.train;

import dev.backprop.nn.Optimizer;
import dev.backprop.nn.OptimizerBuffer;
import dev.backprop.web.ApiException;
import dev.backprop.web.ApiException.TypedFieldError;
import dev.backprop.web.JsonPointers;
import dev.backprop.web.MatrixOrVector;
import dev.backprop.web.ProblemType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Checks an /optimizer-step request once, at the edge: the optimizer, then that the gradients and
 * the state name exactly the parameters, then kinds and shapes. Every error names its JSON
 * pointer, what was sent and what is needed; all errors of a stage are reported together.
 */
final class OptimizerStepValidator {

    private OptimizerStepValidator() {}

    /**
     * One parameter, checked.
     *
     * @param name its name in the request
     * @param value θ as sent
     * @param gradient ∂L/∂θ, row-major
     * @param buffers its buffers from the request's state, or null for a fresh state
     */
    record Parameter(String name, MatrixOrVector value, double[] gradient, Map<OptimizerBuffer, double[]> buffers) {}

    /**
     * A request ready to step.
     *
     * @param step the state's t, or null for a fresh state
     */
    record PreparedStep(Optimizer optimizer, Long step, List<Parameter> parameters) {

        long numbers() {
            return parameters.stream().mapToLong(p -> p.value().size()).sum();
        }
    }

    static PreparedStep prepare(OptimizerStepRequest request) {
        List<TypedFieldError> errors = new ArrayList<>();
        Optimizer optimizer = OptimizerOptions.toOptimizer(request.optimizer(), "/optimizer", errors);
        if (request.optimizer() != null
                && Boolean.FALSE.equals(request.optimizer().updateBiases())) {
            errors.add(new TypedFieldError(
                    ProblemType.INVALID_VALUE,
                    "/optimizer/updateBiases",
                    "/optimizer/updateBiases is false, but /optimizer-step has no biases to keep fixed: it updates "
                            + "every parameter it is sent, so leave out the ones to keep (or send true, the default)"));
        }
        Map<String, MatrixOrVector> parameters = request.parameters();
        if (parameters == null) {
            errors.add(missing(
                    "/parameters", "an object of named matrices or vectors, e.g. {\"w\": [[1, 2]], \"b\": [0.5]}"));
        } else if (parameters.isEmpty()) {
            errors.add(new TypedFieldError(
                    ProblemType.INVALID_VALUE,
                    "/parameters",
                    "/parameters is empty: send at least one parameter, e.g. {\"w\": [[1, 2]]}"));
        } else {
            parameters.forEach((name, value) -> requireValue(value, JsonPointers.join("parameters", name), errors));
        }
        if (request.gradients() == null) {
            errors.add(missing("/gradients", "the gradient of each parameter, by the same names"));
        }
        OptimizerState state = request.state();
        if (state != null) {
            if (state.step() == null) {
                errors.add(missing("/state/step", "an integer ≥ 0, the steps taken so far"));
            } else if (state.step() < 0) {
                errors.add(new TypedFieldError(
                        ProblemType.INVALID_VALUE,
                        "/state/step",
                        "/state/step is " + state.step() + ", but the steps taken are at least 0"));
            } else if (state.step() > TrainService.MAX_STEP - 1) {
                // as /train: the answer's t + 1 must stay where a double counts every step
                errors.add(new TypedFieldError(
                        ProblemType.INVALID_VALUE,
                        "/state/step",
                        "/state/step is " + state.step() + ", but the step count must stay at most 2^53 = "
                                + TrainService.MAX_STEP + " after the step, where a double still counts exactly"));
            }
            if (state.parameters() == null) {
                errors.add(missing("/state/parameters", "the buffers of each parameter, by the names of /parameters"));
            }
        }
        throwIfAny(errors);

        sameNames(
                parameters,
                request.gradients(),
                "/gradients",
                name -> "the gradient of /parameters" + JsonPointers.join(name) + ", "
                        + parameters.get(name).describe(),
                errors);
        if (state != null && optimizer != null) {
            sameNames(
                    parameters,
                    state.parameters(),
                    "/state/parameters",
                    name -> "the buffers of /parameters" + JsonPointers.join(name) + ": " + kept(optimizer),
                    errors);
        }
        throwIfAny(errors);

        List<Parameter> checked = new ArrayList<>(parameters.size());
        for (Map.Entry<String, MatrixOrVector> entry : parameters.entrySet()) {
            String name = entry.getKey();
            MatrixOrVector value = entry.getValue();
            String parameterPointer = JsonPointers.join("parameters", name);
            MatrixOrVector gradient = request.gradients().get(name);
            requireValue(gradient, JsonPointers.join("gradients", name), errors);
            if (gradient != null) {
                sameShape(gradient, value, JsonPointers.join("gradients", name), parameterPointer, errors);
            }
            Map<OptimizerBuffer, double[]> buffers = state == null
                    ? null
                    : buffers(optimizer, name, value, state.parameters().get(name), errors);
            checked.add(new Parameter(name, value, gradient == null ? null : gradient.data(), buffers));
        }
        throwIfAny(errors);
        return new PreparedStep(optimizer, state == null ? null : state.step(), checked);
    }

    /** The buffers of one parameter: exactly those the optimizer keeps, each shaped like the parameter. */
    private static Map<OptimizerBuffer, double[]> buffers(
            Optimizer optimizer,
            String name,
            MatrixOrVector parameter,
            Map<String, MatrixOrVector> sent,
            List<TypedFieldError> errors) {
        String at = JsonPointers.join("state", "parameters", name);
        if (sent == null) {
            errors.add(new TypedFieldError(
                    ProblemType.WRONG_TYPE,
                    at,
                    at + " is null, but must be an object of the buffers " + kept(optimizer)));
            return null;
        }
        List<OptimizerBuffer> needed = optimizer.buffers();
        for (String buffer : sent.keySet()) {
            OptimizerBuffer known = OptimizerBuffer.fromApiName(buffer);
            if (known == null || !needed.contains(known)) {
                String pointer = JsonPointers.join("state", "parameters", name, buffer);
                String why = known == null ? "is not a buffer of any optimizer" : "is kept only by " + known.keptBy();
                errors.add(new TypedFieldError(
                        ProblemType.UNKNOWN_PROPERTY,
                        pointer,
                        pointer + " " + why + "; " + optimizer.apiName() + " with these options keeps "
                                + kept(optimizer) + " for each parameter"));
            }
        }
        Map<OptimizerBuffer, double[]> buffers = new EnumMap<>(OptimizerBuffer.class);
        for (OptimizerBuffer buffer : needed) {
            String pointer = at + "/" + buffer.apiName();
            MatrixOrVector value = sent.get(buffer.apiName());
            if (!sent.containsKey(buffer.apiName())) {
                errors.add(missing(
                        pointer,
                        parameter.describe() + " like /parameters" + JsonPointers.join(name) + ": "
                                + optimizer.apiName() + " with these options keeps " + kept(optimizer)
                                + " for each parameter"));
            } else if (requireValue(value, pointer, errors)
                    && sameShape(value, parameter, pointer, JsonPointers.join("parameters", name), errors)) {
                buffers.put(buffer, value.data());
            }
        }
        return buffers;
    }

    /** Requires that {@code other} names exactly the parameters: missing names first, then extra ones. */
    private static void sameNames(
            Map<String, MatrixOrVector> parameters,
            Map<String, ?> other,
            String at,
            Function<String, String> expected,
            List<TypedFieldError> errors) {
        String names = String.join(", ", parameters.keySet());
        for (String name : parameters.keySet()) {
            if (!other.containsKey(name)) {
                errors.add(missing(at + JsonPointers.join(name), expected.apply(name)));
            }
        }
        for (String name : other.keySet()) {
            if (!parameters.containsKey(name)) {
                String pointer = at + JsonPointers.join(name);
                errors.add(new TypedFieldError(
                        ProblemType.UNKNOWN_PROPERTY,
                        pointer,
                        pointer + " names no parameter: " + at + " must have exactly the names of /parameters, "
                                + names));
            }
        }
    }

    private static boolean sameShape(
            MatrixOrVector value,
            MatrixOrVector parameter,
            String pointer,
            String parameterPointer,
            List<TypedFieldError> errors) {
        if (value.sameShapeAs(parameter)) {
            return true;
        }
        errors.add(new TypedFieldError(
                ProblemType.SHAPE_MISMATCH,
                pointer,
                pointer + " is " + value.describe() + ", but it must be " + parameter.describe()
                        + ", the kind and shape of " + parameterPointer));
        return false;
    }

    private static boolean requireValue(MatrixOrVector value, String pointer, List<TypedFieldError> errors) {
        if (value == null) {
            errors.add(new TypedFieldError(
                    ProblemType.WRONG_TYPE, pointer, pointer + " is null, but must be a matrix or a vector"));
            return false;
        }
        return true;
    }

    private static String kept(Optimizer optimizer) {
        List<OptimizerBuffer> buffers = optimizer.buffers();
        if (buffers.isEmpty()) {
            return "no buffers ({})";
        }
        return String.join(", ", buffers.stream().map(OptimizerBuffer::apiName).toList());
    }

    private static TypedFieldError missing(String pointer, String expected) {
        return new TypedFieldError(ProblemType.MISSING_PROPERTY, pointer, pointer + " is required: " + expected);
    }

    private static void throwIfAny(List<TypedFieldError> errors) {
        if (!errors.isEmpty()) {
            throw ApiException.of(errors);
        }
    }
}
