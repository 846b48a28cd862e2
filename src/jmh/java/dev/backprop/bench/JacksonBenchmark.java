package dev.backprop.bench;

import dev.backprop.limits.ComputeGate;
import dev.backprop.limits.ComputeLimits;
import dev.backprop.limits.LimitsProperties;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import dev.backprop.backprop.BackpropRequest;
import dev.backprop.backprop.BackpropResponse;
import dev.backprop.backprop.BackpropService;
import dev.backprop.nn.MatrixProducts;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
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
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jackson alone, with the application's JsonMapper: reading a workload's request body and
 * writing its response body, the JSON part of one {@code POST /api/v1/backprop}; and the whole of
 * it in process, as the server does it: the body read from a stream, the service, the answer
 * written to a stream.
 *
 * <p>Run through {@link #main} (scripts/bench-json.sh), it also prints the time per number of the
 * reading and the writing, and the allocation of the whole request against the bytes of its body
 * and its answer: the figures of issue 14.
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
    private BackpropService service;
    private byte[] requestBody;
    private BackpropResponse response;

    @Setup
    public void prepare() {
        mapper = Workloads.mapper();
        requestBody = Workloads.body(workload);
        LimitsProperties limits = LimitsProperties.defaults();
        service = new BackpropService(
                new CompositeMeterRegistry(),
                new ComputeLimits(limits),
                new ComputeGate(limits),
                MatrixProducts.pureJava());
        response = service.backprop(mapper.readValue(requestBody, BackpropRequest.class));
    }

    @Benchmark
    public BackpropRequest readRequest() {
        return mapper.readValue(requestBody, BackpropRequest.class);
    }

    @Benchmark
    public byte[] writeResponse() {
        return mapper.writeValueAsBytes(response);
    }

    /** As the server writes an answer: into the response's stream, here one that drops the bytes. */
    @Benchmark
    public void writeResponseToStream() {
        mapper.writeValue(OutputStream.nullOutputStream(), response);
    }

    /** One request in process: its body read from a stream, the service, its answer written to a stream. */
    @Benchmark
    public void wholeRequest() {
        BackpropRequest request = mapper.readValue(new ByteArrayInputStream(requestBody), BackpropRequest.class);
        mapper.writeValue(OutputStream.nullOutputStream(), service.backprop(request));
    }

    /**
     * Runs the benchmarks with the GC profiler, then prints the time per number read and written
     * and the allocation of the whole request per byte of its body and its answer. Arguments: the
     * workload (default w2), then JMH's own options, e.g. {@code w2 -rf json -rff out.json}.
     */
    public static void main(String[] args) throws Exception {
        boolean named = args.length > 0 && !args[0].startsWith("-");
        Counts counts = Counts.of(named ? args[0] : "w2");
        var options = new OptionsBuilder()
                .parent(new CommandLineOptions(named ? Arrays.copyOfRange(args, 1, args.length) : args))
                .include(JacksonBenchmark.class.getName() + ".")
                .param("workload", counts.workload)
                .addProfiler(GCProfiler.class)
                .build();
        List<RunResult> results = new Runner(options)
                .run().stream()
                        .sorted(Comparator.comparing(r -> r.getParams().getBenchmark()))
                        .toList();
        System.out.println();
        System.out.printf(
                "%s: request %,d numbers in %,d bytes; response %,d numbers in %,d bytes%n",
                counts.workload, counts.requestNumbers, counts.requestBytes, counts.responseNumbers, counts.responseBytes);
        System.out.println("(avg: JMH's average of the iterations; best: the fastest iteration, which other load"
                + " on the machine slows the least)");
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark().replaceAll(".*\\.", "");
            Result<?> time = result.getPrimaryResult();
            double average = time.getScore();
            double best = time.getStatistics().getMin();
            String figure =
                    switch (name) {
                        case "readRequest" -> String.format(
                                "read: %.1f ns per number avg, %.1f best (issue 14: at most 40, avg %s)",
                                1000 * average / counts.requestNumbers,
                                1000 * best / counts.requestNumbers,
                                verdict(1000 * average / counts.requestNumbers <= 40));
                        case "writeResponse", "writeResponseToStream" -> String.format(
                                "written: %.1f ns per number avg, %.1f best (issue 14: at most 50, avg %s)",
                                1000 * average / counts.responseNumbers,
                                1000 * best / counts.responseNumbers,
                                verdict(1000 * average / counts.responseNumbers <= 50));
                        default -> "";
                    };
            Result<?> allocation = result.getSecondaryResults().get("gc.alloc.rate.norm");
            if (name.equals("wholeRequest") && allocation != null) {
                double perByte = allocation.getScore() / (counts.requestBytes + counts.responseBytes);
                figure = String.format(
                        "%,.0f B allocated = %.2f × (body + answer) (issue 14: at most 3, %s)",
                        allocation.getScore(), perByte, verdict(perByte <= 3));
            }
            System.out.printf("%-22s avg %9.1f us, best %9.1f us  %s%n", name, average, best, figure);
        }
        threadCpuTimes(counts);
    }

    private static String verdict(boolean met) {
        return met ? "met" : "NOT met";
    }

    /**
     * The same reading and writing timed by the thread's own CPU time, best of 30 after 100 to
     * warm up: what other load on shared cores adds to the wall-clock times above (waiting for a
     * core, a sibling hyperthread, the GC's threads) left out.
     */
    private static void threadCpuTimes(Counts counts) {
        JsonMapper mapper = Workloads.mapper();
        byte[] body = Workloads.body(counts.workload);
        BackpropResponse response = service().backprop(mapper.readValue(body, BackpropRequest.class));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] best = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
        for (int i = 0; i < 130; i++) {
            long start = threads.getCurrentThreadCpuTime();
            mapper.readValue(body, BackpropRequest.class);
            long read = threads.getCurrentThreadCpuTime();
            mapper.writeValueAsBytes(response);
            long written = threads.getCurrentThreadCpuTime();
            mapper.writeValue(OutputStream.nullOutputStream(), response);
            long streamed = threads.getCurrentThreadCpuTime();
            if (i >= 100) {
                best[0] = Math.min(best[0], read - start);
                best[1] = Math.min(best[1], written - read);
                best[2] = Math.min(best[2], streamed - written);
            }
        }
        System.out.printf(
                "thread CPU time, best of 30: read %.1f ns per number; written %.1f (writeResponse), %.1f"
                        + " (writeResponseToStream)%n",
                (double) best[0] / counts.requestNumbers,
                (double) best[1] / counts.responseNumbers,
                (double) best[2] / counts.responseNumbers);
    }

    /** The numbers and bytes of a workload's request and of the answer the service gives it. */
    private record Counts(String workload, long requestNumbers, long requestBytes, long responseNumbers, long responseBytes) {

        static Counts of(String workload) {
            JsonMapper mapper = Workloads.mapper();
            byte[] request = Workloads.body(workload);
            byte[] response = mapper.writeValueAsBytes(
                    service().backprop(mapper.readValue(request, BackpropRequest.class)));
            return new Counts(workload, numbers(mapper, request), request.length, numbers(mapper, response), response.length);
        }

        private static long numbers(JsonMapper mapper, byte[] json) {
            long count = 0;
            try (JsonParser parser = mapper.createParser(json)) {
                for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                    if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT) {
                        count++;
                    }
                }
            }
            return count;
        }
    }

    /** The service as the application wires it, with EJML's products, a registry that records nothing. */
    private static BackpropService service() {
        LimitsProperties limits = LimitsProperties.defaults();
        return new BackpropService(
                new CompositeMeterRegistry(), new ComputeLimits(limits), new ComputeGate(limits), MatrixProducts.pureJava());
    }
}
