package dev.backprop.train;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/optimizer-step}. */
@RestController
@RequestMapping(
        path = "/api/v1",
        consumes = MediaType.APPLICATION_JSON_VALUE,
        produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "train", description = "Gradient descent: the parameters after an optimizer's step")
class OptimizerStepController {

    private final OptimizerStepService service;

    OptimizerStepController(OptimizerStepService service) {
        this.service = service;
    }

    @PostMapping("/optimizer-step")
    @Operation(
            summary = "One optimizer step: the parameters after it, and the state to continue from",
            description = """
            For the exercises that hand over the gradient ("given w, dw and the velocity, compute the \
            next w"): one update of the given `parameters` (any names, each a Matrix or a Vector) by \
            the given `gradients`, exactly as `torch.optim` (1.13, float64) steps once with `p.grad` \
            set to the gradient. The answer has the parameters after the step, in the kinds and \
            shapes sent, and the `state` after it: send that back as `state` to take the next step.

            θ is a parameter, g its gradient, t the step (1 for the first), η the learning rate, λ \
            the weight decay; every formula is elementwise.

            **sgd** (momentum μ = 0, dampening τ = 0, nesterov false, weightDecay λ = 0): \
            g ← g + λθ; with μ ≠ 0, b ← μb + (1 − τ)g (the first step of a fresh state instead sets \
            b ← g, as torch clones the gradient), then g ← g + μb with nesterov, else g ← b; \
            θ ← θ − ηg. Nesterov needs μ > 0 and τ = 0.

            **adam** (betas [β₁, β₂] = [0.9, 0.999], epsilon ε = 1e-8, weightDecay λ = 0, amsgrad \
            false): g ← g + λθ; m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²; with amsgrad \
            v_max ← max(v_max, v) replaces v below; θ ← θ − η/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε).

            **adamw** (as adam, but weightDecay λ = 0.01, decoupled): θ ← θ·(1 − ηλ) first, then \
            adam's update with λ = 0.

            **rmsprop** (alpha α = 0.99, epsilon ε = 1e-8, momentum μ = 0, centered false, \
            weightDecay λ = 0): g ← g + λθ; v ← αv + (1 − α)g²; centered: g_avg ← αg_avg + (1 − α)g \
            and v̄ = v − g_avg², else v̄ = v; with μ > 0, b ← μb + g/(√v̄ + ε) and θ ← θ − ηb, else \
            θ ← θ − ηg/(√v̄ + ε).

            **adagrad** (lrDecay = 0, weightDecay λ = 0, initialAccumulatorValue = 0, epsilon \
            ε = 1e-10): η_t = η / (1 + (t − 1)·lrDecay); g ← g + λθ; sum ← sum + g²; \
            θ ← θ − η_t·g/(√sum + ε). A fresh `sum` is filled with initialAccumulatorValue.

            **State.** `state.step` is t before the step (the answer's is t + 1); \
            `state.parameters` has, per parameter, the buffers the optimizer keeps with these \
            options, named as torch names them: `momentumBuffer` (sgd, rmsprop), `expAvg` = m, \
            `expAvgSq` = v, `maxExpAvgSq` = v_max (adam, adamw), `squareAvg` = v, `gradAvg` \
            (rmsprop), `sum` (adagrad). Without `state` the step starts from torch's fresh state \
            (t = 0, zero buffers).

            **The course convention v = μv − ηg, w ← w + v from v = 0** is sgd with momentum μ and \
            a `state` holding a zero `momentumBuffer`: torch's buffer b is then −v/η at every \
            step, and the parameters are the same (see the example).

            `optimizer.updateBiases` is for /train; here every parameter sent is updated, so \
            `false` is a 400 (leave out a parameter to keep it fixed). Not supported: learning-rate \
            schedules and ε inside the square root (one course's Adam).""")
    @ApiResponse(responseCode = "200", description = "The parameters after the step, and the state after it")
    OptimizerStepResponse optimizerStep(@RequestBody OptimizerStepRequest request) {
        return service.step(request);
    }
}
