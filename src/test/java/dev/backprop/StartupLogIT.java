package dev.backprop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clean start: the packaged jar, started as it ships ({@code java -jar}, no setting but a free
 * port, none of the service's environment variables), logs no WARN or ERROR line, and the JVM no
 * warning, before it reports ready. A warning at start-up is then news, not noise an operator
 * learns to ignore; a deliberate one (such as {@code HeapBudget}'s, for limits the heap cannot
 * hold) appears only with settings that deserve it.
 *
 * <p>Runs in {@code ./mvnw verify}'s integration-test phase, once the jar is packaged (the pom's
 * {@code startup-log} execution of Surefire).
 */
class StartupLogIT {

    static final Path JAR = Path.of("target", "backprop-service.jar");
    static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    /** Spring Boot's console pattern: time, level, pid, {@code ---}. */
    private static final Pattern BOOT_WARNING = Pattern.compile("^\\S+\\s+(WARN|ERROR)\\s+\\d+\\s+---");
    /** The JVM's own ({@code WARNING: ...}, {@code OpenJDK 64-Bit Server VM warning: ...}) and uncaught exceptions. */
    private static final Pattern JVM_WARNING =
            Pattern.compile("^(WARNING|ERROR)\\b|VM warning|^Exception in thread", Pattern.CASE_INSENSITIVE);

    private static final Pattern TOMCAT_PORT = Pattern.compile("Tomcat started on port (\\d+)");

    @Test
    void aDefaultStartLogsNoWarningBeforeItIsReady(@TempDir Path dir) throws Exception {
        assertThat(JAR).as("the packaged jar (./mvnw package)").exists();
        Path log = dir.resolve("start.log");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        JAR.toString(),
                        "--server.port=0")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(StartupLogIT::configuresTheService);
        Process service = builder.start();
        try {
            int port = awaitPort(service, log);
            awaitReadiness(service, port, log);
            // every line logged before readiness is in the file: the service wrote it before it answered UP
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            assertThat(warnings(lines))
                    .as("WARN and ERROR lines before readiness; the whole log:%n%s", String.join("\n", lines))
                    .isEmpty();
        } finally {
            service.destroy();
            if (!service.waitFor(30, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
    }

    /** The detector itself, on the lines a start logged before they were dealt with. */
    @Test
    void theLinesThatMadeAStartUncleanAreFound() {
        List<String> lines = List.of(
                "2026-12-02T16:23:35.951Z  INFO 8592 --- [backprop-service] [main] o.s.boot.tomcat.TomcatWebServer"
                        + " : Tomcat initialized with port 18231 (http)",
                "2026-12-02T16:23:36.422Z  WARN 8592 --- [backprop-service] [main] d.ludovic.netlib.blas.InstanceBuilder"
                        + " : Failed to load implementation from:dev.ludovic.netlib.blas.VectorBLAS",
                "2026-12-02T16:23:37.862Z  WARN 8592 --- [backprop-service] [main] o.s.core.events.SpringDocAppInitializer"
                        + " : SpringDoc /v3/api-docs endpoint is enabled by default.",
                "2026-12-02T16:23:37.862Z ERROR 8592 --- [backprop-service] [main] o.s.boot.SpringApplication"
                        + " : Application run failed",
                "WARNING: Using incubator modules: jdk.incubator.vector",
                "OpenJDK 64-Bit Server VM warning: Sharing is only supported for boot loader classes",
                "2026-12-02T16:23:36.904Z  INFO 8592 --- [backprop-service] [main] dev.backprop.limits.HeapBudget"
                        + " : a message that mentions warnings and errors");
        assertThat(warnings(lines))
                .containsExactly(lines.get(1), lines.get(2), lines.get(3), lines.get(4), lines.get(5));
    }

    static List<String> warnings(List<String> lines) {
        return lines.stream()
                .filter(line -> BOOT_WARNING.matcher(line).find()
                        || JVM_WARNING.matcher(line).find())
                .toList();
    }

    /** A variable that would change the service's settings: the test starts it with the defaults. */
    private static boolean configuresTheService(String name) {
        return name.equals("PORT")
                || name.equals("SHUTDOWN_TIMEOUT")
                || name.equals("JAVA_TOOL_OPTIONS")
                || name.equals("JDK_JAVA_OPTIONS")
                || name.startsWith("OPENAPI_")
                || name.startsWith("BACKPROP_")
                || name.startsWith("SPRING")
                || name.startsWith("SERVER_")
                || name.startsWith("MANAGEMENT_")
                || name.startsWith("LOGGING_");
    }

    private static int awaitPort(Process service, Path log) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            OptionalInt port = portIn(Files.readString(log, StandardCharsets.UTF_8));
            if (port.isPresent()) {
                return port.getAsInt();
            }
            assertThat(service.isAlive())
                    .as("the service exited before it listened; its log:%n%s", Files.readString(log))
                    .isTrue();
            Thread.sleep(200);
        }
        throw new AssertionError(
                "the service did not listen within " + START_TIMEOUT + "; its log:\n" + Files.readString(log));
    }

    private static OptionalInt portIn(String text) {
        Matcher matcher = TOMCAT_PORT.matcher(text);
        return matcher.find() ? OptionalInt.of(Integer.parseInt(matcher.group(1))) : OptionalInt.empty();
    }

    private static void awaitReadiness(Process service, int port, Path log) throws IOException, InterruptedException {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest readiness = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(10))
                .build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> answer = client.send(readiness, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && answer.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // listening, not yet answering
            }
            assertThat(service.isAlive())
                    .as("the service exited before it was ready; its log:%n%s", Files.readString(log))
                    .isTrue();
            Thread.sleep(200);
        }
        throw new AssertionError(
                "the service was not ready within " + START_TIMEOUT + "; its log:\n" + Files.readString(log));
    }
}
