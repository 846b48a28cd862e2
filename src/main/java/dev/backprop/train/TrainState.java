package dev.backprop.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * The optimizer's state after a /train run: the steps taken and every parameter's buffers.
 *
 * @param step t, the steps taken
 * @param layers per layer, the buffers of its parameters
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
        name = "TrainState",
        description = "What torch.optim keeps between steps, for every parameter of the network: the step count t "
                + "and the buffers by name (sgd `momentumBuffer`; adam, adamw `expAvg`, `expAvgSq`, `maxExpAvgSq`; "
                + "rmsprop `squareAvg`, `momentumBuffer`, `gradAvg`; adagrad `sum`, as the optimizer's options keep "
                + "them), each shaped like its parameter as sent. Send it back as `state` to continue.",
        additionalProperties = AdditionalPropertiesValue.FALSE)
public record TrainState(
        @Schema(
                description = "t, the steps taken so far: at most 2^53 after the request's steps (a request's "
                        + "step + steps ≤ 2^53), where a double still counts every step.",
                minimum = "0",
                maximum = "" + TrainService.MAX_STEP,
                requiredMode = RequiredMode.REQUIRED)
        Long step,

        @ArraySchema(
                arraySchema =
                        @Schema(
                                description = "Per layer, index-aligned with the request's layers.",
                                requiredMode = RequiredMode.REQUIRED))
        List<LayerState> layers) {

    /**
     * @param weights the buffers of W_k, each shaped like W_k as sent
     * @param bias the buffers of b_k; absent without a bias or with fixed biases
     * @param batchNorm the buffers of γ_k and β_k; absent without batch normalization
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(
            name = "TrainLayerState",
            description = "The buffers of one layer's parameters.",
            additionalProperties = AdditionalPropertiesValue.FALSE)
    public record LayerState(
            @Schema(
                    description = "The buffers of W_k by name, each shaped like W_k as sent.",
                    requiredMode = RequiredMode.REQUIRED)
            Map<String, DMatrixRMaj> weights,

            @Schema(description = "The buffers of b_k by name; absent when the layer has no bias or biases are fixed.")
            Map<String, double[]> bias,

            @Schema(description = "The buffers of γ_k and β_k; absent without batch normalization.")
            BatchNormState batchNorm) {}

    /**
     * @param gamma the buffers of γ_k
     * @param beta the buffers of β_k
     */
    @Schema(
            name = "TrainBatchNormState",
            description = "The buffers of batch normalization's γ_k and β_k.",
            additionalProperties = AdditionalPropertiesValue.FALSE)
    public record BatchNormState(
            @Schema(description = "The buffers of γ_k by name.", requiredMode = RequiredMode.REQUIRED)
            Map<String, double[]> gamma,

            @Schema(description = "The buffers of β_k by name.", requiredMode = RequiredMode.REQUIRED)
            Map<String, double[]> beta) {}
}
