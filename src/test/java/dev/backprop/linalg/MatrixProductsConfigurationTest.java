package dev.backprop.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backprop.linalg.EngineProperties.Products;
import dev.backprop.linalg.MatrixProductsConfiguration.Choice;
import dev.backprop.nn.MatrixProducts;
import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

/**
 * {@code backprop.engine.products} as it is bound at start-up, and the fixed rule by which {@code
 * auto} chooses: by what the system BLAS is, never by timing.
 */
@ExtendWith(OutputCaptureExtension.class)
class MatrixProductsConfigurationTest {

    private static final String EJML = MatrixProducts.pureJava().name();

    /** A system BLAS that loads; the rule looks at which library it is, not at the instance. */
    private static final Supplier<BLAS> LOADS = JavaBLAS::getInstance;

    private static final Supplier<BLAS> DOES_NOT_LOAD = () -> {
        throw new RuntimeException("Unable to load native implementation");
    };

    /** What /proc/self/maps shows with Debian's libopenblas0-pthread as the libblas.so.3 alternative. */
    private static final List<Path> DEBIAN_OPENBLAS = List.of(
            Path.of("/usr/lib/jvm/java-17-openjdk-amd64/lib/server/libjvm.so"),
            Path.of("/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3"),
            Path.of("/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblasp-r0.3.21.so"));

    /** ... and with the reference BLAS (libblas3) as the alternative. */
    private static final List<Path> DEBIAN_REFERENCE_BLAS = List.of(
            Path.of("/usr/lib/jvm/java-17-openjdk-amd64/lib/server/libjvm.so"),
            Path.of("/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0"));

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(MatrixProductsConfiguration.class);

    @Test
    void unsetTheSettingIsAuto() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(EngineProperties.class).products()).isEqualTo(Products.AUTO);
            assertThat(context.getBean(MatrixProducts.class).name())
                    .isEqualTo(MatrixProductsConfiguration.chosen(Products.AUTO).name());
        });
    }

    @Test
    void eachValidValueBindsToItsProducts() {
        runner.withPropertyValues("backprop.engine.products=ejml")
                .run(context ->
                        assertThat(context.getBean(MatrixProducts.class)).isSameAs(MatrixProducts.pureJava()));
        // relaxed binding, as from the environment: BACKPROP_ENGINE_PRODUCTS=EJML
        runner.withPropertyValues("backprop.engine.products=EJML")
                .run(context ->
                        assertThat(context.getBean(MatrixProducts.class)).isSameAs(MatrixProducts.pureJava()));
        runner.withPropertyValues("backprop.engine.products=java")
                .run(context -> assertThat(context.getBean(MatrixProducts.class).name())
                        .startsWith("blas:")
                        .contains("BLAS")
                        .doesNotContain("JNIBLAS"));
        runner.withPropertyValues("backprop.engine.products=auto")
                .run(context -> assertThat(
                                context.getBean(EngineProperties.class).products())
                        .isEqualTo(Products.AUTO));
    }

    @Test
    void nativeStartsWithTheSystemBlasOrNotAtAll() {
        boolean loads = loads(NativeBLAS::getInstance);
        runner.withPropertyValues("backprop.engine.products=native").run(context -> {
            if (loads) {
                assertThat(context.getBean(MatrixProducts.class).name()).startsWith("blas:JNIBLAS");
            } else {
                assertThat(context)
                        .getFailure()
                        .rootCause()
                        .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageContaining("no system BLAS (libblas.so.3) loads");
            }
        });
    }

    @Test
    void anUnknownValueStopsTheStartNamingTheSettingAndTheValidValues(CapturedOutput output) {
        runner.withPropertyValues("backprop.engine.products=fastest")
                .run(context -> assertThat(context).hasFailed());

        assertThatThrownBy(() -> new SpringApplicationBuilder(
                                MatrixProductsConfiguration.class, ValidationAutoConfiguration.class)
                        .web(WebApplicationType.NONE)
                        .run("--backprop.engine.products=fastest")
                        .close())
                .hasMessageContaining("backprop.engine");
        // Boot's failure analysis, as the log shows it at start-up
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("backprop.engine.products")
                .contains("fastest")
                .contains("AUTO", "NATIVE", "JAVA", "EJML");
    }

    @Test
    void autoTakesOpenBlasByItsLibraryName() {
        Choice choice = MatrixProductsConfiguration.choose(Products.AUTO, LOADS, () -> DEBIAN_OPENBLAS);

        assertThat(choice.products()).isInstanceOf(BlasProducts.class);
        assertThat(choice.reason())
                .isEqualTo(
                        "the system BLAS is OpenBLAS, /usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblasp-r0.3.21.so");
    }

    @Test
    void autoTakesPureJavaOverAnyOtherSystemBlasOrNone() {
        Choice reference = MatrixProductsConfiguration.choose(Products.AUTO, LOADS, () -> DEBIAN_REFERENCE_BLAS);
        assertThat(reference.products()).isSameAs(MatrixProducts.pureJava());
        assertThat(reference.reason())
                .isEqualTo("the system BLAS is not OpenBLAS but /usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0, "
                        + "so pure Java");

        Choice unknown = MatrixProductsConfiguration.choose(Products.AUTO, LOADS, List::of);
        assertThat(unknown.products()).isSameAs(MatrixProducts.pureJava());
        assertThat(unknown.reason()).contains("whether it is OpenBLAS cannot be told here");

        Choice none = MatrixProductsConfiguration.choose(Products.AUTO, DOES_NOT_LOAD, () -> DEBIAN_OPENBLAS);
        assertThat(none.products()).isSameAs(MatrixProducts.pureJava());
        assertThat(none.reason()).isEqualTo("no system BLAS (libblas.so.3) loads");
    }

    @Test
    void autoChoosesTheSameEveryTimeOnTheSameMachine() {
        List<Path> mapped = MatrixProductsConfiguration.mappedFiles();
        String first = MatrixProductsConfiguration.chosen(Products.AUTO).name();
        for (int i = 0; i < 5; i++) {
            assertThat(MatrixProductsConfiguration.chosen(Products.AUTO).name()).isEqualTo(first);
            assertThat(MatrixProductsConfiguration.choose(Products.AUTO, LOADS, () -> mapped)
                            .reason())
                    .isEqualTo(MatrixProductsConfiguration.choose(Products.AUTO, LOADS, () -> mapped)
                            .reason());
        }
        // on this machine, the rule applied to what is loaded here
        boolean openBlas = loads(NativeBLAS::getInstance)
                && MatrixProductsConfiguration.mappedFiles().stream()
                        .anyMatch(path -> path.getFileName().toString().startsWith("libopenblas"));
        assertThat(first).isEqualTo(openBlas ? "blas:JNIBLAS, ejml below " + BlasProducts.MIN_BLAS_WORK : EJML);
    }

    @Test
    void nativeThatDoesNotLoadFailsWithWhatToDo() {
        assertThatThrownBy(() -> MatrixProductsConfiguration.choose(Products.NATIVE, DOES_NOT_LOAD, List::of))
                .isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, e -> {
                    assertThat(e.getName()).isEqualTo("backprop.engine.products");
                    assertThat(e.getValue()).isEqualTo("native");
                })
                .hasMessageContaining("no system BLAS (libblas.so.3) loads through JNI")
                .hasMessageContaining("libopenblas0-pthread")
                .hasMessageContaining("-Ddev.ludovic.netlib.blas.nativeLibPath=")
                .hasMessageContaining("auto or ejml");
    }

    @Test
    void nativeTakesWhateverSystemBlasLoads() {
        Choice choice = MatrixProductsConfiguration.choose(Products.NATIVE, LOADS, () -> DEBIAN_REFERENCE_BLAS);

        assertThat(choice.products()).isInstanceOf(BlasProducts.class);
        assertThat(choice.reason())
                .isEqualTo("set; the system BLAS is /usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0");
    }

    @Test
    void mappedFilesAreReadFromProcSelfMaps() {
        List<Path> mapped = MatrixProductsConfiguration.mappedFiles();
        if (Files.isReadable(Path.of("/proc/self/maps"))) {
            assertThat(mapped)
                    .anySatisfy(
                            path -> assertThat(path.getFileName().toString()).isEqualTo("libjvm.so"));
        } else {
            assertThat(mapped).isEmpty();
        }
    }

    private static boolean loads(Supplier<BLAS> blas) {
        try {
            blas.get();
            return true;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
