package dev.backprop.train;

import dev.backprop.limits.ComputeGate;
import dev.backprop.limits.ComputeLimits;
import dev.backprop.nn.Optimizer;
import dev.backprop.nn.OptimizerBuffer;
import dev.backprop.nn.ParameterState;
import dev.backprop.train.OptimizerStepValidator.Parameter;
import dev.backprop.train.OptimizerStepValidator.PreparedStep;
import dev.backprop.web.ApiException;
import dev.backprop.web.JsonPointers;
import dev.backprop.web.MatrixOrVector;
import dev.backprop.web.ProblemType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * One optimizer step of given parameters by given gradients, as {@code torch.optim} takes it
 * with {@code p.grad} set: checks the request and its size, steps each parameter once a worker is
 * free, and answers in the kinds and shapes sent. Stateless and thread-safe: every request has its
 * own copies of the parameters and its own {@link ParameterState}s.
 */
@Service
public class OptimizerStepService {

    private final ComputeLimits limits;
    private final ComputeGate gate;

    public OptimizerStepService(ComputeLimits limits, ComputeGate gate) {
        this.limits = limits;
        this.gate = gate;
    }

    /**
     * @throws ApiException 400 when the request is invalid, 422 past the compute limits or when a
     *     number after the step is not finite
     */
    public OptimizerStepResponse step(OptimizerStepRequest request) {
        PreparedStep prepared = OptimizerStepValidator.prepare(request);
        Optimizer optimizer = prepared.optimizer();
        limits.check(ComputeLimits.optimizerStep(
                prepared.numbers(), optimizer.buffers().size(), prepared.step() != null));
        return gate.run(() -> step(prepared));
    }

    private static OptimizerStepResponse step(PreparedStep prepared) {
        Optimizer optimizer = prepared.optimizer();
        Map<String, MatrixOrVector> parameters = new LinkedHashMap<>();
        Map<String, Map<String, MatrixOrVector>> buffers = new LinkedHashMap<>();
        long step = 0;
        for (Parameter parameter : prepared.parameters()) {
            MatrixOrVector sent = parameter.value();
            ParameterState state = parameter.buffers() == null
                    ? ParameterState.initial(optimizer, sent.size())
                    : ParameterState.resume(optimizer, sent.size(), prepared.step(), parameter.buffers());
            double[] theta = sent.data().clone();
            optimizer.step(theta, parameter.gradient(), state);
            String pointer = JsonPointers.join("parameters", parameter.name());
            requireFinite(theta, pointer, parameter.name());
            parameters.put(parameter.name(), sent.withData(theta));
            Map<String, MatrixOrVector> kept = new LinkedHashMap<>();
            for (OptimizerBuffer buffer : state.heldBuffers()) {
                double[] values = state.buffer(buffer);
                requireFinite(values, pointer, "the buffer " + buffer.apiName() + " of " + parameter.name());
                kept.put(buffer.apiName(), sent.withData(values));
            }
            buffers.put(parameter.name(), kept);
            step = state.step();
        }
        return new OptimizerStepResponse(parameters, new OptimizerState(step, buffers));
    }

    private static void requireFinite(double[] values, String pointer, String what) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw ApiException.at(
                        ProblemType.NON_FINITE_RESULT,
                        pointer,
                        "After the step, " + what + " (" + pointer + ") is not finite at entry " + i + " (row-major): "
                                + values[i] + ". The update overflowed a double, or divided by 0 (an epsilon of 0 "
                                + "with a zero gradient); scale the values down or use an epsilon > 0");
            }
        }
    }
}
