package dev.backprop.grading;

import dev.backprop.backprop.BackpropRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * The body of {@code POST /api/v1/grade}.
 *
 * @param problem a /backprop request
 * @param submission the student's answer
 * @param tolerance when an entry counts as correct; numpy's defaults when absent
 * @param reveal whether to show the reference values; false when absent
 */
@Schema(
        description = "A problem, a student's answer to it, and how close an entry must be to count as correct.",
        additionalProperties = AdditionalPropertiesValue.FALSE)
public record GradeRequest(
        @Schema(
                description = "The problem: a /backprop request. Its reference answer is computed by the service.",
                requiredMode = RequiredMode.REQUIRED)
        BackpropRequest problem,

        @Schema(
                description = "The student's answer: any subset of the /backprop response's fields, at least one.",
                requiredMode = RequiredMode.REQUIRED)
        Submission submission,

        @Schema(description = "When an entry counts as correct; numpy's defaults (rtol 1e-5, atol 1e-8) when absent.")
        Tolerance tolerance,

        @Schema(
                description = "Whether each verdict shows the reference value (`reference`). False when absent: "
                        + "the reference is never revealed unless asked for.",
                defaultValue = "false")
        Boolean reveal) {}
