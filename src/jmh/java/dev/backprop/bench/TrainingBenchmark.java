package dev.backprop.bench;

import dev.backprop.backprop.BackpropRequest;
import dev.backprop.backprop.PreparedRequest;
import dev.backprop.backprop.RequestValidator;
import dev.backprop.nn.Optimizer;
import dev.backprop.nn.MatrixProducts;
import dev.backprop.nn.Target;
import dev.backprop.nn.Training;
import dev.backprop.train.OptimizerOptions;
import dev.backprop.train.TrainRequest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's part of {@code POST /api/v1/train}: {@link Training#train} on the request of
 * {@code scripts/bench-train.sh} (the planar notebook's 2-4-1 tanh-sigmoid network, N = 400, SGD,
 * {@value #STEPS} steps), already validated and in the engine's orientation. The score is per
 * step; with {@code -prof gc}, {@code gc.alloc.rate.norm} is the bytes one step allocates (the
 * run's own copies of the parameters and states, spread over its steps, included).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@OperationsPerInvocation(TrainingBenchmark.STEPS)
@Fork(1)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class TrainingBenchmark {

    /** The steps of one run, as the HTTP benchmark takes them. */
    static final int STEPS = 10_000;

    private PreparedRequest prepared;
    private Optimizer optimizer;
    private List<Training.LayerStates> states;

    @Setup
    public void prepare() {
        TrainRequest request = Workloads.mapper().readValue(Workloads.body("train"), TrainRequest.class);
        // the /backprop problem of each step (TrainRequest.problem(), which is the train package's)
        prepared = RequestValidator.prepare(
                new BackpropRequest(
                        request.layout(),
                        request.layers(),
                        request.x(),
                        request.y(),
                        request.loss(),
                        request.reduction(),
                        request.lossInput(),
                        request.regularization(),
                        null),
                true);
        optimizer = OptimizerOptions.toOptimizer(request.optimizer(), "/optimizer");
        states = Training.initialStates(prepared.network(), optimizer, true);
    }

    @Benchmark
    public Training.Result train() {
        return Training.train(
                prepared.network(),
                prepared.x(),
                (Target.Labels) prepared.target(),
                prepared.regularization(),
                optimizer,
                STEPS,
                states,
                // the service's products too for this network: every product is below the BLAS threshold
                MatrixProducts.pureJava());
    }
}
