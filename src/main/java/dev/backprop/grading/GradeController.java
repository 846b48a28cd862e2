package dev.backprop.grading;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/grade}. */
@RestController
@Tag(
        name = "grading",
        description =
                "An autograder for hand-computed backpropagation: verdicts and the mistake behind each wrong field")
class GradeController {

    private final GradeService service;

    GradeController(GradeService service) {
        this.service = service;
    }

    @PostMapping(
            path = "/api/v1/grade",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Grade a student's answer and name the mistake behind each wrong field", description = """
            For teachers and autograders, and for students checking their own work: send a problem \
            (a /backprop request), the student's answer to it and, optionally, a tolerance. The \
            service computes the reference answer itself and grades every submitted field without \
            showing the reference.

            **What can be submitted.** Any subset of the /backprop response's fields, oriented as \
            the problem's `layout` says: `loss`, `output`, `outputGradient` and, per layer, \
            `preActivation`, `activation`, `delta`, `weightGradient`, `biasGradient`. \
            `submission.layers` is index-aligned with `problem.layers`; send `{}` for a layer with \
            nothing submitted. Each submitted field is one item of the score. v1.1's fields too: \
            `inputGradient`, `dataLoss`, `regularizationLoss`, per layer `activationGradient` and \
            `batchNorm` (`mean`, `variance`, `normalized`, `output`, `outputDelta`, `gammaGradient`, \
            `betaGradient`).

            **/train problems.** A `problem` with `optimizer` is a /train request (`steps`, `state` \
            as there); the submission may then also hold `lossHistory` and, per layer, `weights`, \
            `bias` and `batchNorm.gamma`, `batchNorm.beta` after the last step, besides the \
            /backprop fields of the pass before the first step. The reference is /train's own \
            answer, within /train's limits. A step computed right from the student's own wrong \
            gradient (one step of sgd) is `correct-given-earlier-error`.

            **When an entry is correct.** An entry a is correct when |a − r| ≤ atol + rtol·|r|, r \
            the reference (numpy's `isclose`; defaults rtol = 1e-5, atol = 1e-8). A field is correct \
            when it has the reference's shape and every entry is correct; its verdict then gives \
            `maxAbsError`, and for a wrong field of the right shape `wrongEntries` out of `entries`.

            **Diagnosis.** For a wrong field, the grader recomputes what each known mistake would \
            produce for this very problem and names the first that reproduces the student's field \
            within the tolerance, with a `hint` written for the student: what is wrong and the shape \
            or factor that would be right, never the reference's numbers. The codes and their \
            meaning are listed under `FieldVerdict.diagnosis`. A wrong field that no known mistake \
            reproduces has `"diagnosis": null`.

            **Error carried forward.** A field that is wrong, yet is exactly what one correct step \
            computes from the student's own wrong inputs (a δ_k from their δ_{k+1}, a ∂L/∂W_k from \
            their δ_k or z_{k-1}, an activation from their s_k, ...) gets the verdict \
            `correct-given-earlier-error` and the diagnosis `error-carried-forward`: it counts \
            towards the score, so one early slip is punished once, not at every later layer. \
            `score` = (correct + correctGivenEarlierError) / total.

            **Reveal.** The reference values are in the answer only when the request says \
            `"reveal": true`, as each verdict's `reference`: for a teacher's feedback after the \
            deadline, not for the student's first try.

            **Autograder formats.** `"format": "gradescope"` answers a Gradescope autograder \
            results.json object, `{"score", "max_score", "output", "tests": [{"name", "score", \
            "max_score", "status", "output"}]}`, to be written unchanged to \
            /autograder/results/results.json; `"format": "prairielearn"` answers a PrairieLearn \
            external grader result, `{"gradable": true, "score" (0 to 1), "message", "tests": \
            [{"name", "points", "max_points", "message"}]}`, to be written unchanged to \
            /grade/results/results.json. Each has one test per submitted field, named by its \
            pointer; `"points": {"/layers/0/weightGradient": 3}` sets a field's weight (1 when not \
            named; a pointer that names no submitted field is a 400). A field correct, or correct \
            given an earlier error, earns its weight. The text of each test is the verdict, the \
            diagnosis and the hint; neither format shows a reference value or an error size unless \
            `"reveal": true`. The 200 response's examples `gradescope` and `prairielearn` are the \
            complete answers to the request examples of the same names. Without `format`, the \
            answer is the verdicts below, its `score` weighted by `points`.

            **Cost.** A grade is counted in the compute limits as 8 /backprop passes of its problem \
            (the reference and the counterfactuals the diagnoses recompute) and runs inside one \
            admission through the compute gate; a problem whose 8 passes would pass \
            `backprop.limits.compute.max-multiply-adds` or `max-numbers` is a 422 before any work. \
            When a grade's counterfactuals have spent that budget, the wrong fields left get \
            `"diagnosis": null` with a hint that says they were not diagnosed.

            The answer's `warnings` are the problem's own (a ReLU input exactly 0, ...), as \
            /backprop gives them: where a convention, not the mathematics, decides the reference.""")
    @ApiResponse(
            responseCode = "200",
            description = "The grade in the request's `format`: the score and one verdict per submitted field "
                    + "(`grade`, when absent), a Gradescope results.json object (`gradescope`) or a PrairieLearn "
                    + "external grader result (`prairielearn`)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema =
                                    @Schema(
                                            oneOf = {
                                                GradeResponse.class,
                                                GradescopeResult.class,
                                                PrairieLearnResult.class
                                            })))
    Object grade(@RequestBody GradeRequest request) {
        return service.respond(request);
    }
}
