package dev.backprop.problems;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/problems}. */
@RestController
@Tag(name = "problems", description = "Seeded, reproducible exercises with small integers and their solutions")
class ProblemController {

    private final ProblemGenerator generator;

    ProblemController(ProblemGenerator generator) {
        this.generator = generator;
    }

    @PostMapping(
            path = "/api/v1/problems",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Generate a reproducible exercise with small integers, and its solution",
            description = """
            For teachers: one call per student makes one variant per student (seed = the student's \
            number), and the same request gives the same bytes on every run, machine and 1.x \
            version, so a problem never needs to be stored. Every weight, input and target is a \
            small integer, so every answer is exact and can be worked out by hand. Every field but \
            `seed` is optional; the defaults are the network of the 2017 matrix-math note (D_0 = 2, D_1 = 3, one \
            output, ReLU hidden layer, linear output, dimension-first, half-sse, N = 4). The answer \
            is the `problem` (a /backprop request, ready for /backprop, /explain or /grade) and its \
            `solution` (the /backprop answer).

            **The generator (part of the API):**

            1. The stream is `new java.util.SplittableRandom(seed)` (SplitMix64: state seed + k·γ \
            with γ = 0x9e3779b97f4a7c15, then the published mix), read only through `nextLong()`.
            2. An integer in [lo, hi] is lo + bounded(hi − lo + 1), where bounded(n) takes \
            u = nextLong() >>> 1 and answers u mod n, drawing again while u − (u mod n) + n − 1 \
            overflows a long, so every value is equally likely.
            3. The order of the draws, the same in every layout: for k = 1..L, W_k as D_k×D_{k-1} row \
            by row, then b_k when `bias` is true; then x as N×D_0 sample by sample; then y as N×D_L \
            sample by sample: integers in `valueRange` for the squared-error losses, one class in \
            [0, D_L − 1] per sample (a one-hot row) for cross-entropy, 0 or 1 for \
            binary-cross-entropy.
            4. With `avoidTies` (the default), a draw with a ReLU or leaky-ReLU input exactly 0 is \
            thrown away and the next one taken from the same stream, at most\s""" + ProblemGenerator.MAX_ATTEMPTS + """
             times (then 422 `limit-exceeded`): no answer depends on the convention relu′(0) = 0.
            5. The matrices are then oriented as `layout` says.

            Limits: 2 to\s""" + (ProblemGenerator.MAX_LAYERS + 1)
                    + " layer sizes, each 1 to " + ProblemGenerator.MAX_UNITS
                    + "; N from 1 to " + ProblemGenerator.MAX_SAMPLES + "; `valueRange` within ±"
                    + ProblemGenerator.MAX_ABS_VALUE + ".")
    @ApiResponse(responseCode = "200", description = "The problem and its solution")
    ProblemResponse generate(@RequestBody ProblemRequest request) {
        return generator.generate(request);
    }
}
