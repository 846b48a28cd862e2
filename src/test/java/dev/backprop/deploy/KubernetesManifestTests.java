package dev.backprop.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceFieldSelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySourcesPropertyResolver;
import org.springframework.core.io.FileSystemResource;

/**
 * Reads deploy/kubernetes with the Kubernetes API model (fabric8, on Jackson 2) as strictly as the
 * API server would: a misspelt or misplaced field fails here instead of being dropped by kubectl.
 * Then checks what the service relies on: probe paths, resources, OpenBLAS's threads from the
 * CPU limit, the non-root user of the Dockerfile, a grace period that covers the preStop sleep and
 * Spring's graceful shutdown, and selectors that find the pods.
 */
class KubernetesManifestTests {

    private static final Path MANIFESTS = Path.of("deploy/kubernetes");

    private static final String APP_LABEL = "app.kubernetes.io/name";

    /** Spring Boot's default for spring.lifecycle.timeout-per-shutdown-phase. */
    private static final Duration DEFAULT_SHUTDOWN_PHASE_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Every fabric8 model class collects unknown fields in an {@code @JsonAnySetter} map. Without
     * any-setters, FAIL_ON_UNKNOWN_PROPERTIES sees them and names the field and its path.
     */
    private static final ObjectMapper STRICT_YAML = YAMLMapper.builder()
            .annotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated annotated) {
                    return Boolean.FALSE;
                }
            })
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    record Manifest(String file, Class<? extends HasMetadata> type, String apiVersion, String kind) {

        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Manifest> manifests() {
        return Stream.of(
                new Manifest("deployment.yaml", Deployment.class, "apps/v1", "Deployment"),
                new Manifest("service.yaml", Service.class, "v1", "Service"),
                new Manifest("hpa.yaml", HorizontalPodAutoscaler.class, "autoscaling/v2", "HorizontalPodAutoscaler"),
                new Manifest("pdb.yaml", PodDisruptionBudget.class, "policy/v1", "PodDisruptionBudget"));
    }

    @ParameterizedTest
    @MethodSource("manifests")
    void everyManifestReadsStrictlyAsItsKind(Manifest manifest) throws IOException {
        HasMetadata resource = read(manifest.file(), manifest.type());

        assertThat(resource.getApiVersion()).isEqualTo(manifest.apiVersion());
        assertThat(resource.getKind()).isEqualTo(manifest.kind());
        assertThat(resource.getMetadata().getName()).isEqualTo("backprop-service");
    }

    @Test
    void kustomizationListsExactlyTheManifests() throws IOException {
        JsonNode kustomization =
                STRICT_YAML.readTree(MANIFESTS.resolve("kustomization.yaml").toFile());
        List<String> resources = STRICT_YAML.convertValue(
                kustomization.get("resources"),
                STRICT_YAML.getTypeFactory().constructCollectionType(List.class, String.class));

        assertThat(kustomization.get("apiVersion").asText()).isEqualTo("kustomize.config.k8s.io/v1beta1");
        assertThat(kustomization.get("kind").asText()).isEqualTo("Kustomization");
        assertThat(resources)
                .containsExactlyInAnyOrderElementsOf(
                        manifests().map(Manifest::file).toList());
        try (Stream<Path> files = Files.list(MANIFESTS)) {
            assertThat(files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".yaml")))
                    .containsExactlyInAnyOrderElementsOf(
                            Stream.concat(resources.stream(), Stream.of("kustomization.yaml"))
                                    .toList());
        }
    }

    @Test
    void misspeltFieldIsRejectedWithItsPath() throws IOException {
        String deployment = Files.readString(MANIFESTS.resolve("deployment.yaml"));
        assertThat(deployment).contains("imagePullPolicy:");
        String misspelt = deployment.replace("imagePullPolicy:", "imagePullPolicyy:");

        assertThatThrownBy(() -> STRICT_YAML.readValue(misspelt, Deployment.class))
                .isInstanceOf(UnrecognizedPropertyException.class)
                .hasMessageContaining("\"imagePullPolicyy\"")
                .hasMessageContaining("[\"containers\"]");
    }

    @Test
    void misplacedFieldIsRejected() throws IOException {
        String deployment = Files.readString(MANIFESTS.resolve("deployment.yaml"));
        // terminationGracePeriodSeconds belongs to the pod spec, not to the deployment spec.
        String misplaced =
                deployment.replace("  replicas: 2\n", "  replicas: 2\n  terminationGracePeriodSeconds: 45\n");
        assertThat(misplaced).isNotEqualTo(deployment);

        assertThatThrownBy(() -> STRICT_YAML.readValue(misplaced, Deployment.class))
                .isInstanceOf(UnrecognizedPropertyException.class)
                .hasMessageContaining("\"terminationGracePeriodSeconds\"");
    }

    @Test
    void duplicateKeyIsRejected() throws IOException {
        String service = Files.readString(MANIFESTS.resolve("service.yaml"));
        String duplicated = service.replace("  type: ClusterIP\n", "  type: ClusterIP\n  type: NodePort\n");
        assertThat(duplicated).isNotEqualTo(service);

        assertThatThrownBy(() -> STRICT_YAML.readValue(duplicated, Service.class))
                .hasMessageContaining("Duplicate field 'type'");
    }

    @Test
    void probesUseTheActuatorHealthGroupsOnPort8080() throws IOException {
        Container container = container();

        assertThat(container.getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("http");
            assertThat(port.getContainerPort()).isEqualTo(8080);
        });
        assertHttpProbe(container.getStartupProbe(), "/actuator/health/liveness");
        assertHttpProbe(container.getLivenessProbe(), "/actuator/health/liveness");
        assertHttpProbe(container.getReadinessProbe(), "/actuator/health/readiness");
    }

    @Test
    void resourceRequestsEqualLimits() throws IOException {
        var resources = container().getResources();

        assertThat(resources.getRequests()).isEqualTo(resources.getLimits());
        assertThat(resources.getLimits()).containsOnlyKeys("cpu", "memory");
        assertThat(Quantity.getAmountInBytes(resources.getLimits().get("memory")))
                .isEqualByComparingTo(Quantity.getAmountInBytes(new Quantity("1Gi")));
    }

    @Test
    void openBlasThreadsFollowTheCpuLimit() throws IOException {
        Container container = container();

        assertThat(container.getResources().getLimits()).containsKey("cpu");
        assertThat(container.getEnv())
                .filteredOn(variable -> variable.getName().equals("OPENBLAS_NUM_THREADS"))
                .singleElement()
                .satisfies(variable -> {
                    assertThat(variable.getValue()).isNull();
                    ResourceFieldSelector field = variable.getValueFrom().getResourceFieldRef();
                    assertThat(field.getResource()).isEqualTo("limits.cpu");
                    // whole CPUs, a fractional limit rounded up: 1500m gives 2 threads
                    assertThat(Quantity.getAmountInBytes(field.getDivisor())).isEqualByComparingTo("1");
                    assertThat(field.getContainerName()).isIn(null, container.getName());
                });
    }

    @Test
    void runsAsTheDockerfilesNonRootUserOnAReadOnlyRoot() throws IOException {
        PodSpec pod = podSpec();
        Container container = container();

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser())
                .isEqualTo(dockerfileUser())
                .isNotZero();
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getVolumeMounts()).singleElement().satisfies(mount -> {
            assertThat(mount.getMountPath()).isEqualTo("/tmp");
            assertThat(pod.getVolumes()).anySatisfy(volume -> {
                assertThat(volume.getName()).isEqualTo(mount.getName());
                assertThat(volume.getEmptyDir()).isNotNull();
            });
        });
    }

    @Test
    void gracePeriodCoversPreStopSleepAndGracefulShutdown() throws IOException {
        Container container = container();
        List<String> preStop = container.getLifecycle().getPreStop().getExec().getCommand();
        assertThat(preStop).hasSize(2).first().isEqualTo("sleep");
        long preStopSeconds = Long.parseLong(preStop.get(1));
        Duration shutdown = shutdownPhaseTimeout(container);

        assertThat(Duration.ofSeconds(podSpec().getTerminationGracePeriodSeconds()))
                .as(
                        "terminationGracePeriodSeconds against preStop sleep %d s + graceful shutdown %s",
                        preStopSeconds, shutdown)
                .isGreaterThan(Duration.ofSeconds(preStopSeconds).plus(shutdown));
    }

    @Test
    void serviceBudgetAndAutoscalerFindTheDeploymentsPods() throws IOException {
        Deployment deployment = read("deployment.yaml", Deployment.class);
        Map<String, String> podLabels =
                deployment.getSpec().getTemplate().getMetadata().getLabels();
        Service service = read("service.yaml", Service.class);
        PodDisruptionBudget budget = read("pdb.yaml", PodDisruptionBudget.class);
        HorizontalPodAutoscaler autoscaler = read("hpa.yaml", HorizontalPodAutoscaler.class);

        assertThat(podLabels).containsEntry(APP_LABEL, "backprop-service");
        assertThat(podLabels)
                .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
        assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(podLabels)
                .containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
        assertThat(service.getSpec().getPorts())
                .singleElement()
                .satisfies(port -> assertThat(port.getTargetPort().getStrVal()).isEqualTo("http"));

        assertThat(autoscaler.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(autoscaler.getSpec().getScaleTargetRef().getName())
                .isEqualTo(deployment.getMetadata().getName());
        assertThat(autoscaler.getSpec().getMetrics())
                .singleElement()
                .satisfies(metric -> assertThat(metric.getResource().getName()).isEqualTo("cpu"));
        // With one pod allowed down, a budget needs two replicas to let a node drain.
        assertThat(autoscaler.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
        assertThat(deployment.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
    }

    private static <T> T read(String file, Class<T> type) throws IOException {
        return STRICT_YAML.readValue(MANIFESTS.resolve(file).toFile(), type);
    }

    private static PodSpec podSpec() throws IOException {
        return read("deployment.yaml", Deployment.class).getSpec().getTemplate().getSpec();
    }

    private static Container container() throws IOException {
        List<Container> containers = podSpec().getContainers();
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    private static void assertHttpProbe(Probe probe, String path) {
        assertThat(probe).as("probe for %s", path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
    }

    /** The numeric user of the Dockerfile's last USER instruction. */
    private static long dockerfileUser() throws IOException {
        Matcher user = Pattern.compile("(?m)^USER\\s+(\\d+)").matcher(Files.readString(Path.of("Dockerfile")));
        Long uid = null;
        while (user.find()) {
            uid = Long.parseLong(user.group(1));
        }
        assertThat(uid).as("a numeric USER in the Dockerfile").isNotNull();
        return uid;
    }

    /**
     * spring.lifecycle.timeout-per-shutdown-phase as the pod sees it: application.yaml with its
     * placeholders filled from the container's environment, or Boot's default.
     */
    private static Duration shutdownPhaseTimeout(Container container) throws IOException {
        MutablePropertySources sources = new MutablePropertySources();
        Map<String, Object> environment = new HashMap<>();
        if (container.getEnv() != null) {
            container.getEnv().forEach(variable -> environment.put(variable.getName(), variable.getValue()));
        }
        sources.addLast(new MapPropertySource("container environment", environment));
        Path applicationYaml = Path.of("src/main/resources/application.yaml");
        if (Files.exists(applicationYaml)) {
            new YamlPropertySourceLoader()
                    .load("application.yaml", new FileSystemResource(applicationYaml))
                    .forEach(sources::addLast);
        }
        String timeout =
                new PropertySourcesPropertyResolver(sources).getProperty("spring.lifecycle.timeout-per-shutdown-phase");
        return (timeout != null) ? DurationStyle.detectAndParse(timeout) : DEFAULT_SHUTDOWN_PHASE_TIMEOUT;
    }
}
