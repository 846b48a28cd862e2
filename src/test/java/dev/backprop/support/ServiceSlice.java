package dev.backprop.support;

import dev.backprop.backprop.BackpropService;
import dev.backprop.grading.GradeService;
import dev.backprop.limits.ComputeGate;
import dev.backprop.limits.ComputeLimits;
import dev.backprop.linalg.MatrixProductsConfiguration;
import dev.backprop.problems.ProblemGenerator;
import dev.backprop.teaching.BatchService;
import dev.backprop.teaching.ExplainService;
import dev.backprop.teaching.GradientCheckService;
import dev.backprop.teaching.TeachingConfiguration;
import dev.backprop.train.OptimizerStepService;
import dev.backprop.train.TrainService;
import dev.backprop.web.JsonConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The one test configuration of the controller slices ({@code @WebMvcTest(SomeController.class)}
 * with {@code @Import(ServiceSlice.class)}): every feature service, the limits, the gate and the
 * matrix products they share, and the application's JSON configuration, so a slice runs the real
 * computation behind its controller.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({
    BackpropService.class,
    TrainService.class,
    OptimizerStepService.class,
    GradeService.class,
    ProblemGenerator.class,
    GradientCheckService.class,
    BatchService.class,
    ExplainService.class,
    TeachingConfiguration.class,
    ComputeLimits.class,
    ComputeGate.class,
    MatrixProductsConfiguration.class,
    JsonConfiguration.class
})
public class ServiceSlice {}
