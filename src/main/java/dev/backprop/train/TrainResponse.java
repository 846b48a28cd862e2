package dev.backprop.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * The parameters after gradient descent, the loss before and after every step, and the state.
 *
 * @param layout the layout of every matrix below
 * @param steps the steps taken by this request
 * @param lossHistory L_0 … L_steps
 * @param layers the parameters after the last step
 * @param state the optimizer's state after the last step
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
        description =
                "The parameters after the last step, oriented as sent, the loss history and the optimizer's state.")
public record TrainResponse(
        @Schema(description = "The layout of the request.", requiredMode = RequiredMode.REQUIRED)
        String layout,

        @Schema(description = "The steps this request took.", requiredMode = RequiredMode.REQUIRED)
        int steps,

        @Schema(
                description =
                        "L_0, …, L_steps: L_i is the loss (with the regularization's penalty) with the parameters "
                                + "after i steps; L_0 the starting loss, L_steps the loss after the last step.",
                requiredMode = RequiredMode.REQUIRED)
        double[] lossHistory,

        @Schema(description = "Per layer, the parameters after the last step.", requiredMode = RequiredMode.REQUIRED)
        List<TrainedLayer> layers,

        @Schema(
                description = "The optimizer's state after the last step: send it back as `state` to continue.",
                requiredMode = RequiredMode.REQUIRED)
        TrainState state) {

    /**
     * @param weights W_k after the last step, as sent
     * @param bias b_k after the last step, when the layer has one
     * @param batchNorm γ_k, β_k and the running statistics, with batch normalization
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "TrainedLayer", description = "One layer's parameters after the last step.")
    public record TrainedLayer(
            @Schema(description = "W_k after the last step, oriented as sent.", requiredMode = RequiredMode.REQUIRED)
            DMatrixRMaj weights,

            @Schema(description = "b_k after the last step (unchanged with `updateBiases` false).")
            double[] bias,

            @Schema(description = "γ_k, β_k and the running statistics after the last step.")
            TrainedBatchNorm batchNorm) {}

    /**
     * @param gamma γ_k after the last step
     * @param beta β_k after the last step
     * @param runningMean the running mean after the last step, when the request has running statistics
     * @param runningVariance likewise
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "TrainedBatchNorm", description = "Batch normalization's parameters after the last step.")
    public record TrainedBatchNorm(
            @Schema(description = "γ_k after the last step.", requiredMode = RequiredMode.REQUIRED)
            double[] gamma,

            @Schema(description = "β_k after the last step.", requiredMode = RequiredMode.REQUIRED)
            double[] beta,

            @Schema(description = "The running mean, updated once per step in training mode.")
            double[] runningMean,

            @Schema(description = "The running variance, updated once per step in training mode (unbiased).")
            double[] runningVariance) {}
}
