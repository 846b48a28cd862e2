package dev.backprop.grading;

import dev.backprop.backprop.BackpropRequest;

/**
 * The body of {@code POST /api/v1/grade}.
 *
 * @param problem a /backprop request
 * @param submission the student's answer
 * @param tolerance when an entry counts as correct; numpy's defaults when absent
 * @param reveal whether to show the reference values; false when absent
 */
public record GradeRequest(BackpropRequest problem, Submission submission, Tolerance tolerance, Boolean reveal) {}
