package dev.backprop.linalg;

import dev.backprop.linalg.EngineProperties.Products;
import dev.backprop.nn.MatrixProducts;
import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine's one {@link MatrixProducts}, chosen at start-up as {@code backprop.engine.products}
 * says ({@link EngineProperties.Products}) and logged once at INFO. Every service that computes
 * is given this bean.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EngineProperties.class)
public class MatrixProductsConfiguration {

    private static final System.Logger LOG = System.getLogger(MatrixProductsConfiguration.class.getName());

    private static final Path MAPPED_FILES = Path.of("/proc/self/maps");

    @Bean
    public MatrixProducts matrixProducts(EngineProperties engine) {
        return chosen(engine.products());
    }

    /**
     * The products {@code backprop.engine.products} = {@code wanted} gives on this machine, logged
     * at INFO with the reason (the application's bean, and the benchmarks').
     *
     * @throws InvalidConfigurationPropertyValueException when {@code native} is wanted and no
     *     system BLAS loads
     */
    public static MatrixProducts chosen(Products wanted) {
        Choice choice = choose(wanted, NativeBLAS::getInstance, MatrixProductsConfiguration::mappedFiles);
        LOG.log(
                Level.INFO,
                "matrix products: {0} (backprop.engine.products={1}: {2})",
                choice.products().name(),
                wanted.value(),
                choice.reason());
        return choice.products();
    }

    /**
     * Products, and why they were chosen.
     *
     * @param reason why, for the log
     */
    record Choice(MatrixProducts products, String reason) {}

    /**
     * The products {@code wanted} names, by the rule of {@link EngineProperties.Products}: no
     * timing, so the same setting on the same image chooses the same products.
     *
     * @param nativeBlas loads the system BLAS through JNI, or throws when none loads
     * @param mappedFiles the files the process has mapped (its shared libraries among them), or
     *     none where that cannot be told
     * @throws InvalidConfigurationPropertyValueException when {@code native} is wanted and no
     *     system BLAS loads
     */
    static Choice choose(Products wanted, Supplier<BLAS> nativeBlas, Supplier<List<Path>> mappedFiles) {
        return switch (wanted) {
            case EJML -> new Choice(MatrixProducts.pureJava(), "set");
            case JAVA -> new Choice(new BlasProducts(JavaBLAS.getInstance()), "set");
            case NATIVE -> {
                // Boot's failure analysis prints it at start-up as an invalid value, with the reason
                BLAS blas = load(nativeBlas)
                        .orElseThrow(() -> new InvalidConfigurationPropertyValueException(
                                "backprop.engine.products",
                                wanted.value(),
                                "no system BLAS (libblas.so.3) loads through JNI. Install one (Debian: apt-get "
                                        + "install libopenblas0-pthread), or name it with "
                                        + "-Ddev.ludovic.netlib.blas.nativeLibPath=/path/to/libblas.so.3, or set "
                                        + "backprop.engine.products to auto or ejml"));
                yield new Choice(new BlasProducts(blas), "set; the system BLAS is " + describe(mappedFiles.get()));
            }
            case AUTO -> {
                Optional<BLAS> blas = load(nativeBlas);
                if (blas.isEmpty()) {
                    yield new Choice(MatrixProducts.pureJava(), "no system BLAS (libblas.so.3) loads");
                }
                List<Path> mapped = mappedFiles.get();
                if (mapped.isEmpty()) {
                    yield new Choice(
                            MatrixProducts.pureJava(),
                            "a system BLAS loads, but whether it is OpenBLAS cannot be told here (no " + MAPPED_FILES
                                    + "), so pure Java");
                }
                if (library(mapped, "libopenblas").isPresent()) {
                    yield new Choice(new BlasProducts(blas.get()), "the system BLAS is " + describe(mapped));
                }
                yield new Choice(
                        MatrixProducts.pureJava(),
                        "the system BLAS is not OpenBLAS but " + describe(mapped) + ", so pure Java");
            }
        };
    }

    private static Optional<BLAS> load(Supplier<BLAS> nativeBlas) {
        try {
            return Optional.of(nativeBlas.get());
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** Which system BLAS the process has mapped, as far as its files tell. */
    private static String describe(List<Path> mapped) {
        if (mapped.isEmpty()) {
            return "a library not named here (no " + MAPPED_FILES + ")";
        }
        Optional<Path> openBlas = library(mapped, "libopenblas");
        if (openBlas.isPresent()) {
            return "OpenBLAS, " + openBlas.get();
        }
        return library(mapped, "libblas")
                .map(Path::toString)
                .orElse("a library named neither libopenblas* nor libblas*");
    }

    /** The first mapped file whose name starts with {@code prefix}. */
    private static Optional<Path> library(List<Path> mapped, String prefix) {
        return mapped.stream()
                .filter(path -> path.getFileName() != null
                        && path.getFileName().toString().startsWith(prefix))
                .findFirst();
    }

    /**
     * The files the process has mapped, from {@code /proc/self/maps} (Linux): the path is the
     * sixth field of a line, and symbolic links are resolved there, so Debian's {@code
     * libblas.so.3} alternative appears as the library it points to. Empty on other systems, or
     * when the file cannot be read.
     */
    static List<Path> mappedFiles() {
        if (!Files.isReadable(MAPPED_FILES)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(MAPPED_FILES)) {
            return lines.map(line -> line.trim().split("\\s+", 6))
                    .filter(fields -> fields.length == 6 && fields[5].startsWith("/"))
                    .map(fields -> Path.of(fields[5]))
                    .distinct()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }
}
