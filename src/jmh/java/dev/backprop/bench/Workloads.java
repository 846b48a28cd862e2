package dev.backprop.bench;

import dev.backprop.BackpropApplication;
import dev.backprop.backprop.BackpropRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * The workloads W1–W3 as request bodies written by {@code scripts/bench/workloads.py}, read with
 * the application's own {@link JsonMapper} (strict configuration and the MatrixJson
 * (de)serializers), taken from a non-web application context.
 */
final class Workloads {

    private static JsonMapper mapper;

    private Workloads() {}

    /** The directory of w1.json … w3.json: {@code -Dbench.dir}, else {@code target/bench}. */
    static Path file(String workload) {
        return Path.of(System.getProperty("bench.dir", "target/bench"), workload + ".json");
    }

    static byte[] body(String workload) {
        try {
            return Files.readAllBytes(file(workload));
        } catch (IOException e) {
            throw new UncheckedIOException("run scripts/bench/workloads.py first", e);
        }
    }

    static BackpropRequest request(String workload) {
        return mapper().readValue(body(workload), BackpropRequest.class);
    }

    /** The application's configured JsonMapper bean. */
    static synchronized JsonMapper mapper() {
        if (mapper == null) {
            ConfigurableApplicationContext context = new SpringApplicationBuilder(BackpropApplication.class)
                    .web(WebApplicationType.NONE)
                    .run(
                            "--spring.main.banner-mode=off",
                            "--logging.level.root=warn",
                            // W3's request is 50 MB of JSON: over the service's body limit, but the
                            // benchmark measures the engine and Jackson, not the limits
                            "--backprop.limits.max-body-size=1GB",
                            "--backprop.limits.json.max-token-count=100000000",
                            "--backprop.limits.compute.max-numbers=100000000");
            mapper = context.getBean(JsonMapper.class);
            context.close();
        }
        return mapper;
    }
}
