package dev.backprop.teaching;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/gradient-check}, {@code POST /api/v1/backprop/batch},
 * {@code POST /api/v1/explain} and {@code GET /api/v1/functions}.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "teaching", description = "Check a backward pass, read it step by step, look up the functions")
class TeachingController {

    static final String TEXT_MARKDOWN = "text/markdown";

    private static final FunctionCatalogue FUNCTIONS = FunctionCatalogue.fromEnums();

    private final GradientCheckService gradientCheck;
    private final BatchService batch;
    private final ExplainService explain;

    TeachingController(GradientCheckService gradientCheck, BatchService batch, ExplainService explain) {
        this.gradientCheck = gradientCheck;
        this.batch = batch;
        this.explain = explain;
    }

    @Operation(summary = "Check the backward pass against finite differences of the loss", description = """
            For students writing their own backpropagation, and to see why a gradient check is the \
            standard test of one: takes a /backprop request and, optionally, a step `epsilon` (default \
            1e-6). For every weight and bias θ it computes the central finite difference \
            n = (L(θ + ε) − L(θ − ε)) / 2ε from two forward passes, and puts it beside the analytic \
            derivative a of the backward pass, in the shape of W_k as sent (b_k as a Vector).

            The relative error of a parameter is |a − n| / max(1e-8, |a| + |n|); `passed` is true \
            when the largest one is below 1e-5.

            **Kinks.** Where perturbing θ by ±ε moves a ReLU or leaky-ReLU input across 0 (or onto \
            it), the loss has a kink and the finite difference is no derivative: such parameters \
            are listed in `kinks` with their JSON pointer and left out of the relative errors, not \
            failed. The network of the 2017 matrix-math note, whose third sample has a ReLU input of exactly 0, shows \
            this.

            Each parameter costs two forward passes: the number of weights and biases is capped \
            by configuration (`backprop.teaching.gradient-check-max-parameters`, default 10000; \
            422 `limit-exceeded` beyond).""")
    @ApiResponse(responseCode = "200", description = "The analytic and the numeric gradients, and whether they agree")
    @PostMapping(
            path = "/gradient-check",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    GradientCheckResponse gradientCheck(@RequestBody GradientCheckRequest request) {
        return gradientCheck.check(request);
    }

    @Operation(summary = "Several /backprop problems in one request; one bad problem fails alone", description = """
            For autograders and for a whole class's problems at once: `{"problems": [...]}`, each a \
            /backprop request, answers `{"results": [...]}`, index-aligned. Each problem is read, \
            checked and solved on its own: its result is `{"status": 200, "body": <the /backprop \
            response>}`, or the status and the problem+json body /backprop would have answered it \
            with, pointers into that problem (`{"status": 400, "body": {"type": ..., "errors": \
            [...]}}`). One bad problem, even one that is not an object, never fails the others, and \
            the batch itself answers 200.

            Only a request that is not a batch fails as a whole: `problems` missing or not an \
            array (400), or more problems than configured \
            (`backprop.teaching.batch-max-problems`, default 100; 422 `limit-exceeded`).""")
    @ApiResponse(responseCode = "200", description = "One result per problem, each with its own status")
    @PostMapping(
            path = "/backprop/batch",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    BatchResponse batch(@RequestBody BatchRequest request) {
        return batch.solve(request);
    }

    @Operation(
            summary = "The forward and backward pass of a problem, written out step by step (Markdown + LaTeX)",
            description = """
            For students: the /backprop request's forward and backward pass written out as a \
            worked solution in the notation of the 2017 matrix-math note (https://gist.github.com/petered/57c751280871332c6566fcf64fe00983), as `text/markdown` with LaTeX (`$…$` \
            inline, `$$…$$` displayed) for a KaTeX or MathJax renderer (e.g. a Jupyter Markdown \
            cell, or a Markdown viewer with maths).

            It gives the sizes, then for each layer k the forward step (s_k = W_k·z_{k-1} + b_k in \
            the request's layout, and z_k = f_k(s_k)), the loss, and the backward pass from \
            ∂L/∂y_out down to layer 1: ∂L/∂z_k, δ_k = ∂L/∂z_k ⊙ f_k′(s_k), ∂L/∂W_k and ∂L/∂b_k. \
            Every term has its shape written over it as that note does, \
            `\\overset{[D_k \\times N]}{s_k}`, and every step is followed by this problem's \
            numbers. The conventions that decided the answer (the warnings of /backprop) close the \
            text. A /train request of one step (with `optimizer`) adds the update of one weight of \
            each layer: the optimizer's formula, its numbers and the weight after the step. Of a matrix with more than\s""" + ExplainService.SHOWN + " rows or columns, the first " + ExplainService.SHOWN
                    + " are shown, then dots.")
    @ApiResponse(
            responseCode = "200",
            description = "The worked solution as Markdown with LaTeX",
            content =
                    @Content(
                            mediaType = TEXT_MARKDOWN,
                            schema =
                                    @Schema(
                                            type = "string",
                                            description =
                                                    "Markdown (CommonMark) with LaTeX between $…$ and $$…$$, UTF-8.")))
    @PostMapping(
            path = "/explain",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = TEXT_MARKDOWN + ";charset=UTF-8")
    String explain(@RequestBody ExplainRequest request) {
        return explain.explain(request);
    }

    @Operation(
            summary = "The catalogue of layouts, activations and losses, with formulas and PyTorch equivalents",
            description = """
            For anyone writing a request, or a client that builds its forms from the service: every \
            `layout`, `activation` and `loss` name the API accepts, each with its formulas in LaTeX \
            (f(s); L and ∂L/∂y_out; the forward step, ∂L/∂W_k and ∂L/∂z_{k-1} in each orientation), \
            its shapes, and the PyTorch function or expression it equals. Generated from the \
            enumerations the engine itself computes with, so it cannot drift from them. Takes no \
            parameters.""")
    @ApiResponse(responseCode = "200", description = "Every layout, activation and loss")
    @GetMapping(path = "/functions", produces = MediaType.APPLICATION_JSON_VALUE)
    FunctionCatalogue functions() {
        return FUNCTIONS;
    }
}
