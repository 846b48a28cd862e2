package dev.backprop.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.backprop.nn.Adagrad;
import dev.backprop.nn.Adam;
import dev.backprop.nn.AdamW;
import dev.backprop.nn.RmsProp;
import dev.backprop.nn.Sgd;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code optimizer} of a request, as sent: a name, the learning rate and the options of that
 * optimizer, each absent one at torch's default. {@link OptimizerOptions#toOptimizer} checks it
 * and makes the engine's optimizer.
 *
 * @param name sgd, adam, adamw, rmsprop or adagrad
 * @param learningRate η ≥ 0, torch's {@code lr}; required
 * @param updateBiases for /train: false keeps every bias fixed; default true
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
        description = "An optimizer of torch.optim (1.13), its learning rate and its options; an option left out "
                + "takes torch's default. Each option belongs to the optimizers named in its description: "
                + "another optimizer's option is rejected (400 `unknown-property`), as is any unknown property.",
        additionalProperties = AdditionalPropertiesValue.FALSE)
public record OptimizerRequest(
        @Schema(
                description = "The update rule: `sgd`, `adam`, `adamw`, `rmsprop` or `adagrad`.",
                allowableValues = {Sgd.NAME, Adam.NAME, AdamW.NAME, RmsProp.NAME, Adagrad.NAME},
                requiredMode = RequiredMode.REQUIRED)
        String name,

        @Schema(
                description = "The learning rate η (torch's `lr`): a finite number ≥ 0.",
                minimum = "0",
                requiredMode = RequiredMode.REQUIRED)
        Double learningRate,

        @Schema(
                description = "sgd, rmsprop: the momentum μ ≥ 0. With μ ≠ 0 the state keeps a `momentumBuffer`.",
                minimum = "0",
                defaultValue = "" + Sgd.DEFAULT_MOMENTUM)
        Double momentum,

        @Schema(
                description = "sgd: the dampening τ of the momentum, b ← μ b + (1 − τ) g.",
                defaultValue = "" + Sgd.DEFAULT_DAMPENING)
        Double dampening,

        @Schema(
                description = "sgd: Nesterov momentum, g ← g + μ b; needs momentum > 0 and dampening 0.",
                defaultValue = "" + Sgd.DEFAULT_NESTEROV)
        Boolean nesterov,

        @Schema(
                description = "sgd, adam, rmsprop, adagrad: an L2 penalty λ ≥ 0 added to the gradient, g ← g + λ θ. "
                        + "adamw: the decoupled decay θ ← θ (1 − η λ), default "
                        + AdamW.DEFAULT_WEIGHT_DECAY + ".",
                minimum = "0",
                defaultValue = "" + Adam.DEFAULT_WEIGHT_DECAY)
        Double weightDecay,

        @Schema(
                description = "adam, adamw: [β_1, β_2], each in [0, 1), the decay rates of the first and second "
                        + "moments.",
                example = "[" + Adam.DEFAULT_BETA1 + ", " + Adam.DEFAULT_BETA2 + "]",
                defaultValue = "[" + Adam.DEFAULT_BETA1 + ", " + Adam.DEFAULT_BETA2 + "]")
        double[] betas,

        @Schema(
                description = "adam, adamw, rmsprop (default " + RmsProp.DEFAULT_EPSILON + "), adagrad (default "
                        + Adagrad.DEFAULT_EPSILON + "): ε ≥ 0, added to the denominator outside the square root.",
                minimum = "0",
                defaultValue = "" + Adam.DEFAULT_EPSILON)
        Double epsilon,

        @Schema(
                description = "adam, adamw: the AMSGrad variant, which normalises by the running maximum of the "
                        + "second moment and keeps it as `maxExpAvgSq`.",
                defaultValue = "" + Adam.DEFAULT_AMSGRAD)
        Boolean amsgrad,

        @Schema(
                description = "rmsprop: the smoothing constant α ≥ 0 of the average of g². torch takes any α ≥ 0; "
                        + "past 1 the average can turn negative and the step NaN (422 non-finite-result).",
                minimum = "0",
                defaultValue = "" + RmsProp.DEFAULT_ALPHA)
        Double alpha,

        @Schema(
                description = "rmsprop: normalise by an estimate of the variance of g, v − (g^ave)², and keep "
                        + "g^ave as `gradAvg`.",
                defaultValue = "" + RmsProp.DEFAULT_CENTERED)
        Boolean centered,

        @Schema(
                description = "adagrad: the learning-rate decay ≥ 0, η_t = η / (1 + (t − 1)·lrDecay).",
                minimum = "0",
                defaultValue = "" + Adagrad.DEFAULT_LR_DECAY)
        Double lrDecay,

        @Schema(
                description = "adagrad: the value ≥ 0 every entry of `sum` starts from, when no `state` is given.",
                minimum = "0",
                defaultValue = "" + Adagrad.DEFAULT_INITIAL_ACCUMULATOR_VALUE)
        Double initialAccumulatorValue,

        @Schema(
                description = "/train: false keeps every bias b_k fixed. /optimizer-step updates every parameter it "
                        + "is sent (leave out one to keep fixed), so there it may only be true.",
                defaultValue = "true")
        Boolean updateBiases) {

    /** The optimizer options of the request by their JSON names, null where absent. */
    Map<String, Object> options() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("momentum", momentum);
        options.put("dampening", dampening);
        options.put("nesterov", nesterov);
        options.put("weightDecay", weightDecay);
        options.put("betas", betas);
        options.put("epsilon", epsilon);
        options.put("amsgrad", amsgrad);
        options.put("alpha", alpha);
        options.put("centered", centered);
        options.put("lrDecay", lrDecay);
        options.put("initialAccumulatorValue", initialAccumulatorValue);
        return options;
    }
}
