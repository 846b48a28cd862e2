package dev.backprop.bench;

import dev.backprop.backprop.PreparedRequest;
import dev.backprop.backprop.RequestValidator;
import dev.backprop.nn.Backprop;
import dev.backprop.nn.BackpropResult;
import dev.backprop.nn.MatrixProducts;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine alone: {@link Backprop#backprop} (forward pass, loss, backward pass) on a request
 * already validated and converted to the engine's orientation, as PyTorch's forward and
 * {@code loss.backward()} are timed in {@code scripts/bench/torch_baseline.py}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public class EngineBenchmark {

    @Param({"w1", "w2", "w3"})
    public String workload;

    /** {@code default}: what the service uses ({@link Backprop#products()}); {@code ejml}: pure Java. */
    @Param({"default"})
    public String products;

    private PreparedRequest prepared;
    private MatrixProducts matrixProducts;

    @Setup
    public void prepare() {
        prepared = RequestValidator.prepare(Workloads.request(workload), true);
        matrixProducts = products.equals("ejml") ? MatrixProducts.pureJava() : Backprop.products();
        System.out.println("matrix products: " + matrixProducts.name());
    }

    @Benchmark
    public BackpropResult backprop() {
        return Backprop.backprop(
                prepared.network(), prepared.x(), prepared.target(), prepared.regularization(), matrixProducts);
    }
}
