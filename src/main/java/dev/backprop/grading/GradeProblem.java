package dev.backprop.grading;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.backprop.backprop.BackpropRequest;
import dev.backprop.backprop.LayerRequest;
import dev.backprop.backprop.RegularizationRequest;
import dev.backprop.train.OptimizerRequest;
import dev.backprop.train.TrainRequest;
import dev.backprop.train.TrainState;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * The problem of a grade: a /backprop request, or with {@code optimizer} a /train request. The
 * OpenAPI description shows it as {@code oneOf} the two ({@link GradeRequest#problem()}); every
 * field is the one of the same name there.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GradeProblem(
        String layout,
        List<LayerRequest> layers,
        DMatrixRMaj x,
        DMatrixRMaj y,
        String loss,
        String reduction,
        String lossInput,
        RegularizationRequest regularization,
        DMatrixRMaj outputGradient,
        OptimizerRequest optimizer,
        Integer steps,
        TrainState state) {

    /** A /backprop problem. */
    public static GradeProblem of(BackpropRequest problem) {
        return new GradeProblem(
                problem.layout(),
                problem.layers(),
                problem.x(),
                problem.y(),
                problem.loss(),
                problem.reduction(),
                problem.lossInput(),
                problem.regularization(),
                problem.outputGradient(),
                null,
                null,
                null);
    }

    /** A /train problem. */
    public static GradeProblem of(TrainRequest problem) {
        return new GradeProblem(
                problem.layout(),
                problem.layers(),
                problem.x(),
                problem.y(),
                problem.loss(),
                problem.reduction(),
                problem.lossInput(),
                problem.regularization(),
                null,
                problem.optimizer(),
                problem.steps(),
                problem.state());
    }

    /** Whether it is a /train problem: it has an optimizer. */
    public boolean isTrain() {
        return optimizer != null;
    }

    /** The /backprop request of the problem: for a /train problem, the pass at the start. */
    public BackpropRequest backprop() {
        return new BackpropRequest(layout, layers, x, y, loss, reduction, lossInput, regularization, outputGradient);
    }

    /** The /train request of a /train problem. */
    public TrainRequest train() {
        return new TrainRequest(
                layout, layers, x, y, loss, reduction, lossInput, regularization, optimizer, steps, state);
    }
}
