package dev.backprop.backprop;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * A condition where a convention, not the mathematics, decides the answer.
 *
 * @param code a stable code, e.g. {@code relu-input-zero}
 * @param pointer the JSON pointer of the place concerned, into the /backprop request or response
 * @param detail what it means, written for a person
 */
@Schema(description = "A condition where a convention, not the mathematics, decides the answer.")
public record Warning(
        @Schema(
                description = "A stable code per kind of condition, e.g. `relu-input-zero`.",
                requiredMode = RequiredMode.REQUIRED)
        String code,

        @Schema(
                description = "RFC 6901 JSON pointer of the place concerned, into the request or the response.",
                requiredMode = RequiredMode.REQUIRED)
        String pointer,

        @Schema(description = "What it means, written for a person.", requiredMode = RequiredMode.REQUIRED)
        String detail) {

    /** How a response's {@code warnings} list is described, wherever it appears. */
    public static final String LIST_DESCRIPTION = "Where a convention decided the answer (a ReLU input exactly 0, "
            + "a saturated sigmoid, ...); absent when there is nothing to say.";
}
