package dev.backprop.problems;

import dev.backprop.backprop.BackpropRequest;
import dev.backprop.backprop.BackpropResponse;

/**
 * A generated problem and its answer.
 *
 * @param problem a /backprop request
 * @param solution its /backprop response
 */
public record ProblemResponse(BackpropRequest problem, BackpropResponse solution) {}
