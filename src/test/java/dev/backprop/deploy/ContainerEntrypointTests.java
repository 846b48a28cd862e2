package dev.backprop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's entry point (src/main/docker/entrypoint.sh), run with bash against made-up cgroup
 * files and a stand-in {@code java} that prints what it was started with: OpenBLAS's threads
 * follow the container's CPU quota, rounded up, at most nproc; a value set from outside is kept;
 * the arguments reach the application. And the Dockerfile starts the image through it.
 */
class ContainerEntrypointTests {

    private static final Path ENTRYPOINT = Path.of("src/main/docker/entrypoint.sh");

    @TempDir
    Path dir;

    private int nproc;

    @BeforeEach
    void standInJava() throws IOException, InterruptedException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"threads=$OPENBLAS_NUM_THREADS args=$*\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        nproc = Integer.parseInt(run(List.of("nproc"), Map.of()).strip());
    }

    @Test
    void cgroupV2QuotaRoundedUp() throws Exception {
        assertThat(threads(v2("50000 100000"), Map.of())).isEqualTo(1);
        assertThat(threads(v2("100000 100000"), Map.of())).isEqualTo(1);
        assertThat(threads(v2("150000 100000"), Map.of())).isEqualTo(Math.min(2, nproc));
        assertThat(threads(v2("6400000 100000"), Map.of())).isEqualTo(Math.min(64, nproc));
    }

    @Test
    void noQuotaIsNproc() throws Exception {
        assertThat(threads(v2("max 100000"), Map.of())).isEqualTo(nproc);
        assertThat(threads(v1("-1", "100000"), Map.of())).isEqualTo(nproc);
        assertThat(threads(Files.createDirectories(dir.resolve("no-cgroup")), Map.of()))
                .isEqualTo(nproc);
    }

    @Test
    void cgroupV1QuotaRoundedUp() throws Exception {
        assertThat(threads(v1("100000", "100000"), Map.of())).isEqualTo(1);
        assertThat(threads(v1("250000", "100000"), Map.of())).isEqualTo(Math.min(3, nproc));
    }

    @Test
    void aValueSetFromOutsideIsKept() throws Exception {
        assertThat(threads(v2("100000 100000"), Map.of("OPENBLAS_NUM_THREADS", "4")))
                .isEqualTo(4);
    }

    @Test
    void theJvmGetsTheArchiveTheJarAndTheArguments() throws Exception {
        String output = start(v2("100000 100000"), Map.of(), "--server.port=9090", "two words");

        assertThat(output.strip())
                .isEqualTo("threads=1 args=-XX:SharedArchiveFile=application.jsa -jar application.jar "
                        + "--server.port=9090 two words");
    }

    @Test
    void theDockerfileStartsThroughIt() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));

        assertThat(dockerfile).contains("COPY " + ENTRYPOINT + " ./");
        Matcher entrypoint = Pattern.compile("(?m)^ENTRYPOINT (.*)$").matcher(dockerfile);
        String last = null;
        while (entrypoint.find()) {
            last = entrypoint.group(1);
        }
        assertThat(last).isEqualTo("[\"bash\", \"/app/" + ENTRYPOINT.getFileName() + "\"]");
    }

    private Path v2(String cpuMax) throws IOException {
        Path root = Files.createDirectories(dir.resolve("v2-" + cpuMax.replace(' ', '-')));
        Files.writeString(root.resolve("cpu.max"), cpuMax + "\n");
        return root;
    }

    private Path v1(String quota, String period) throws IOException {
        Path root = Files.createDirectories(dir.resolve("v1-" + quota + "-" + period));
        Path cpu = Files.createDirectories(root.resolve("cpu"));
        Files.writeString(cpu.resolve("cpu.cfs_quota_us"), quota + "\n");
        Files.writeString(cpu.resolve("cpu.cfs_period_us"), period + "\n");
        return root;
    }

    private int threads(Path cgroup, Map<String, String> environment) throws Exception {
        Matcher threads = Pattern.compile("threads=(\\d+) ").matcher(start(cgroup, environment));
        assertThat(threads.find()).isTrue();
        return Integer.parseInt(threads.group(1));
    }

    private String start(Path cgroup, Map<String, String> environment, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", ENTRYPOINT.toString()));
        command.addAll(List.of(arguments));
        Map<String, String> variables = new HashMap<>(environment);
        variables.put("CGROUP_ROOT", cgroup.toString());
        return run(command, variables);
    }

    private String run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("OPENBLAS_NUM_THREADS");
        builder.environment().putAll(environment);
        builder.environment()
                .put("PATH", dir.resolve("bin") + ":" + builder.environment().get("PATH"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }
}
