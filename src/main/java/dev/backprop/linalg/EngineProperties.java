package dev.backprop.linalg;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the engine computes, bound from {@code backprop.engine.*} (in the environment {@code
 * BACKPROP_ENGINE_PRODUCTS}) and checked at start-up: a value that is not one of the choices stops
 * the service, naming the valid ones.
 *
 * @param products what computes the engine's matrix products: {@code auto} (the default), {@code
 *     native}, {@code java} or {@code ejml}, as {@link Products} says
 */
@ConfigurationProperties("backprop.engine")
@Validated
public record EngineProperties(
        @DefaultValue("auto") @NotNull Products products) {

    /**
     * The implementations of the engine's matrix products. Chosen once, at start-up, by this
     * setting and a fixed rule, never by timing: replicas of the same image with the same setting
     * compute with the same implementation.
     */
    public enum Products {
        /**
         * {@link #NATIVE} when the system BLAS loads and is OpenBLAS (the process then maps a
         * library whose file name starts with {@code libopenblas}, as every OpenBLAS install
         * names it); else {@link #EJML}. A system BLAS that is not OpenBLAS, such as the
         * reference BLAS, is not used: it can be slower than EJML.
         */
        AUTO,
        /** The system BLAS ({@code libblas.so.3}) through JNI, whatever it is; start-up fails when none loads. */
        NATIVE,
        /** netlib's Java BLAS for large products (vectorised only with {@code --add-modules jdk.incubator.vector}). */
        JAVA,
        /** EJML's pure Java everywhere: runs anywhere, and gives the same bytes on every machine. */
        EJML;

        /** The setting's value, as written in the configuration. */
        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
