package dev.backprop.bench;

import dev.backprop.limits.ComputeGate;
import dev.backprop.limits.ComputeLimits;
import dev.backprop.limits.LimitsProperties;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import dev.backprop.backprop.BackpropRequest;
import dev.backprop.backprop.BackpropResponse;
import dev.backprop.backprop.BackpropService;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * Jackson alone, with the application's JsonMapper: reading a workload's request body and
 * writing its response body, the JSON part of one {@code POST /api/v1/backprop}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public class JacksonBenchmark {

    @Param({"w2"})
    public String workload;

    private JsonMapper mapper;
    private byte[] requestBody;
    private BackpropResponse response;

    @Setup
    public void prepare() {
        mapper = Workloads.mapper();
        requestBody = Workloads.body(workload);
        LimitsProperties limits = LimitsProperties.defaults();
        response = new BackpropService(
                        new CompositeMeterRegistry(),
                        new ComputeLimits(limits),
                        new ComputeGate(limits),
                        MatrixProducts.pureJava())
                .backprop(mapper.readValue(requestBody, BackpropRequest.class));
    }

    @Benchmark
    public BackpropRequest readRequest() {
        return mapper.readValue(requestBody, BackpropRequest.class);
    }

    @Benchmark
    public byte[] writeResponse() {
        return mapper.writeValueAsBytes(response);
    }
}
