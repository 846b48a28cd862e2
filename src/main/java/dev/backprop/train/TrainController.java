package dev.backprop.train;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/train}. */
@RestController
@RequestMapping(
        path = "/api/v1",
        consumes = MediaType.APPLICATION_JSON_VALUE,
        produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "train", description = "Gradient descent: the parameters after an optimizer's step")
class TrainController {

    private final TrainService service;

    TrainController(TrainService service) {
        this.service = service;
    }

    @PostMapping("/train")
    @Operation(
            summary = "Gradient descent on the minibatch: the weights after the steps, and the loss before and after",
            description = """
            The exercise "update the weights: what are they after one step (or 10,000), and what is \
            the error then?". Takes a /backprop request with `y` (every option holds in each step: \
            layouts, losses, reductions, regularization, dropout masks, batch norm), an `optimizer` \
            and `steps`. Each step is the whole minibatch forward and backward, then one update of \
            every W_k, b_k (unless `optimizer.updateBiases` is false) and batch-norm γ_k, β_k, exactly \
            as `torch.optim` (1.13, float64) steps them; in training mode with running statistics \
            those are updated once per step, from that step's forward pass.

            The answer: `lossHistory` L_0 … L_steps (L_i the loss, with the penalty, after i steps), \
            every layer's parameters after the last step oriented as sent, and the `state` (the step \
            count and every parameter's buffers, named as torch names them and shaped like their \
            parameter): send it back as `state` to continue, and two runs of 5 steps give the numbers \
            of one run of 10.

            The update rules and defaults of sgd, adam, adamw, rmsprop and adagrad are those of \
            POST /api/v1/optimizer-step. Course conventions: a velocity v = μv − ηg from v = 0 is \
            sgd with momentum μ and an explicit zero `momentumBuffer` (torch's first step otherwise \
            sets the buffer to the gradient), and the buffer is −v/η; an exponentially averaged \
            momentum v = βv + (1 − β)g from v = 0 is momentum β, dampening β and a zero state.

            Not in this version: learning-rate schedules, a new minibatch per step, ε inside the \
            square root (one course's Adam); the nearest request is the same run without the \
            schedule, one request per minibatch continued through `state`, and adam's ε.""")
    @ApiResponse(
            responseCode = "200",
            description = "The parameters after the last step, the loss history and the state")
    TrainResponse train(@RequestBody TrainRequest request) {
        return service.train(request);
    }
}
