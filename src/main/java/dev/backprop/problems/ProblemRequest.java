package dev.backprop.problems;

import dev.backprop.backprop.RegularizationRequest;
import dev.backprop.train.OptimizerRequest;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;

/**
 * The body of {@code POST /api/v1/problems}. Every field but {@code seed} is optional; the
 * defaults are the network of the 2017 matrix-math note.
 *
 * @param seed the seed of the generator; the same request always gives the same problem
 * @param layerSizes D_0, D_1, …, D_L; default [2, 3, 1]
 * @param batchSize N; default 4
 * @param layout default dimension-first
 * @param activations one per layer; default relu for the hidden layers and identity for the output
 * @param loss default half-sse
 * @param bias whether every layer has a bias; default false
 * @param valueRange the smallest and largest integer drawn; default [-3, 3]
 * @param avoidTies redraw until no ReLU or leaky-ReLU input is exactly 0; default true
 */
@Schema(
        description =
                "What problem to generate. Every field but `seed` is optional; the defaults are the network of the 2017 matrix-math note.",
        additionalProperties = AdditionalPropertiesValue.FALSE)
public record ProblemRequest(
        @Schema(
                description =
                        "The seed of the generator, any 64-bit integer, e.g. a student's number: the same request gives "
                                + "the same problem, byte for byte.",
                requiredMode = RequiredMode.REQUIRED,
                minimum = "" + Long.MIN_VALUE,
                maximum = "" + Long.MAX_VALUE,
                example = "42")
        Long seed,

        @ArraySchema(
                arraySchema =
                        @Schema(
                                description = "D_0, D_1, …, D_L: the number of inputs, then the units of each layer.",
                                defaultValue = "[2, 3, 1]"),
                minItems = 2,
                maxItems = ProblemGenerator.MAX_LAYERS + 1,
                schema = @Schema(minimum = "1", maximum = "" + ProblemGenerator.MAX_UNITS))
        List<Integer> layerSizes,

        @Schema(
                description = "N, the number of samples in the minibatch.",
                defaultValue = "4",
                minimum = "1",
                maximum = "" + ProblemGenerator.MAX_SAMPLES)
        Integer batchSize,

        @Schema(
                description = "How the problem's and the solution's matrices are oriented.",
                defaultValue = "dimension-first")
        String layout,

        @ArraySchema(
                arraySchema =
                        @Schema(
                                description = "f_1, …, f_L, one per layer. Default: relu for every hidden layer, "
                                        + "identity for the output layer."),
                minItems = 1,
                maxItems = ProblemGenerator.MAX_LAYERS)
        List<String> activations,

        @Schema(
                description =
                        "The loss; it also decides the targets: integers for the squared-error losses, one-hot rows "
                                + "for cross-entropy, 0 or 1 for binary-cross-entropy.",
                defaultValue = "half-sse")
        String loss,

        @Schema(description = "Whether every layer has a bias b_k.", defaultValue = "false")
        Boolean bias,

        @ArraySchema(
                arraySchema =
                        @Schema(
                                description = "[lo, hi]: the smallest and the largest integer drawn for weights, "
                                        + "biases, inputs and targets, lo ≤ hi, both within ±"
                                        + ProblemGenerator.MAX_ABS_VALUE + ".",
                                defaultValue = "[-3, 3]"),
                minItems = 2,
                maxItems = 2,
                schema =
                        @Schema(
                                minimum = "-" + ProblemGenerator.MAX_ABS_VALUE,
                                maximum = "" + ProblemGenerator.MAX_ABS_VALUE))
        List<Integer> valueRange,

        @Schema(
                description =
                        "Redraw until no ReLU or leaky-ReLU input is exactly 0, so no answer depends on the convention "
                                + "relu′(0) = 0.",
                defaultValue = "true")
        Boolean avoidTies,

        @Schema(
                description = "The loss's reduction, copied into the problem (`sum`, `mean`, `batch-mean`); the loss's "
                        + "default when absent.",
                allowableValues = {"sum", "mean", "batch-mean"})
        String reduction,

        @Schema(
                description = "`logits` or `probabilities`, copied into the problem; only with cross-entropy and "
                        + "binary-cross-entropy (the output activation must then give probabilities, e.g. sigmoid).",
                allowableValues = {"logits", "probabilities"})
        String lossInput,

        @Schema(
                description = "The penalty on the weights, copied into the problem: its answer then has dataLoss and "
                        + "regularizationLoss.")
        RegularizationRequest regularization,

        @Schema(
                description = "With an optimizer the problem is a /train request of one step (`steps` 1) and the "
                        + "solution its /train answer: the parameters after one step. `learningRate` is 0.5 when "
                        + "absent, so that the answers stay short.")
        OptimizerRequest optimizer) {

    /** A request of release 1's fields. */
    public ProblemRequest(
            Long seed,
            List<Integer> layerSizes,
            Integer batchSize,
            String layout,
            List<String> activations,
            String loss,
            Boolean bias,
            List<Integer> valueRange,
            Boolean avoidTies) {
        this(
                seed,
                layerSizes,
                batchSize,
                layout,
                activations,
                loss,
                bias,
                valueRange,
                avoidTies,
                null,
                null,
                null,
                null);
    }
}
