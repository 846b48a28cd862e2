package dev.backprop.grading;

/**
 * What a known mistake says about a wrong field.
 *
 * @param diagnosis the mistake's stable code
 * @param factor the factor of a {@code scaled} field, else {@code null}
 * @param hint what is wrong, for the student, without the reference's numbers
 * @param credited whether the field counts as correct (right given the student's earlier error)
 */
record Finding(String diagnosis, Double factor, String hint, boolean credited) {}
