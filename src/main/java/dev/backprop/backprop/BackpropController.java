package dev.backprop.backprop;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/backprop} and {@code POST /api/v1/forward}. */
@RestController
@RequestMapping(
        path = "/api/v1",
        consumes = MediaType.APPLICATION_JSON_VALUE,
        produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "backprop", description = "The forward and backward pass of a multilayer perceptron")
class BackpropController {

    private final BackpropService service;

    BackpropController(BackpropService service) {
        this.service = service;
    }

    @PostMapping("/backprop")
    @Operation(summary = "Forward and backward pass: the loss and every gradient", description = """
            Runs the network on the minibatch x, compares its output with y by the loss, and \
            backpropagates: for each layer k the pre-activation s_k, the activation z_k, \
            δ_k = ∂L/∂s_k, ∂L/∂z_k, ∂L/∂W_k and, when the layer has a bias, ∂L/∂b_k; ∂L/∂y_out \
            and ∂L/∂x. Every matrix is oriented as the request's `layout` says; δ_k, ∂L/∂z_k, \
            ∂L/∂y_out and ∂L/∂x are N×D in every layout but dimension-first-throughout (D×N).

            With `δ_L = ∂L/∂y_out ⊙ f_L′(s_L)` (the full Jacobian for softmax), the backward step is \
            `δ_{k-1} = (δ_k · W_k) ⊙ f′(s_{k-1})ᵀ` in the dimension-first notation of the 2017 matrix-math \
            note, https://gist.github.com/petered/57c751280871332c6566fcf64fe00983 (δ is N×D, s is D×N), and \
            `∂L/∂W_k = δ_kᵀ · z_{k-1}ᵀ` there.""")
    @ApiResponse(responseCode = "200", description = "The forward and the backward pass")
    BackpropResponse backprop(@RequestBody BackpropRequest request) {
        return service.backprop(request);
    }

    @PostMapping("/forward")
    @Operation(summary = "Forward pass only: the output, and the loss when y is given", description = """
            Runs the network on the minibatch x: for each layer k the pre-activation s_k and the \
            activation z_k = f_k(s_k), and the output y_out = z_L. When the request has `y`, \
            the answer has the loss too. Takes the /backprop request with `y` optional.""")
    @ApiResponse(responseCode = "200", description = "The forward pass")
    ForwardResponse forward(@RequestBody BackpropRequest request) {
        return service.forward(request);
    }
}
