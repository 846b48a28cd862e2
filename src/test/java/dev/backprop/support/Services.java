package dev.backprop.support;

import dev.backprop.backprop.BackpropService;
import dev.backprop.grading.GradeService;
import dev.backprop.limits.ComputeGate;
import dev.backprop.limits.ComputeLimits;
import dev.backprop.limits.LimitsProperties;
import dev.backprop.nn.MatrixProducts;
import dev.backprop.train.TrainService;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

/**
 * The services built by hand, outside a Spring context, as the application wires them: the
 * default limits, a gate of their own, EJML's matrix products, a registry that records nothing.
 */
public final class Services {

    private Services() {}

    /** /backprop's service. */
    public static BackpropService backprop() {
        return backprop(LimitsProperties.defaults());
    }

    /** /backprop's service held to these limits. */
    public static BackpropService backprop(LimitsProperties limits) {
        return new BackpropService(
                new CompositeMeterRegistry(),
                new ComputeLimits(limits),
                new ComputeGate(limits),
                MatrixProducts.pureJava());
    }

    /** /train's service. */
    public static TrainService train() {
        LimitsProperties limits = LimitsProperties.defaults();
        return new TrainService(new ComputeLimits(limits), new ComputeGate(limits), limits, MatrixProducts.pureJava());
    }

    /** /grade's service over this /backprop service. */
    public static GradeService grader(BackpropService backprop) {
        return new GradeService(backprop, train());
    }
}
