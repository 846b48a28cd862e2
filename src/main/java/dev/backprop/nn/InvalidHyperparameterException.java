package dev.backprop.nn;

/**
 * A hyperparameter outside the range {@code torch.optim} accepts (where its constructor raises
 * {@code ValueError}), naming the option as the optimizer's record component does.
 */
public final class InvalidHyperparameterException extends IllegalArgumentException {

    private final String option;
    private final transient Object value;
    private final String requirement;

    InvalidHyperparameterException(String optimizer, String option, Object value, String requirement) {
        super(optimizer + ": " + option + " is " + value + ", but " + requirement);
        this.option = option;
        this.value = value;
        this.requirement = requirement;
    }

    /** The record component that is out of range, e.g. {@code momentum} or {@code beta2}. */
    public String option() {
        return option;
    }

    /** The value given. */
    public Object value() {
        return value;
    }

    /** What the value must be, e.g. "it must be a finite number ≥ 0". */
    public String requirement() {
        return requirement;
    }

    /** Requires a finite value ≥ 0, the range of every learning rate, decay and epsilon in torch.optim. */
    static void requireNonNegative(String optimizer, String option, double value) {
        if (!(value >= 0 && Double.isFinite(value))) {
            throw new InvalidHyperparameterException(optimizer, option, value, "it must be a finite number ≥ 0");
        }
    }

    /** Requires 0 ≤ β < 1, the range of Adam's betas. */
    static void requireBeta(String optimizer, String option, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new InvalidHyperparameterException(optimizer, option, value, "it must be in [0, 1)");
        }
    }

    /** Requires a finite value, for the options torch does not bound (SGD's dampening). */
    static void requireFinite(String optimizer, String option, double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidHyperparameterException(optimizer, option, value, "it must be a finite number");
        }
    }

    static InvalidHyperparameterException because(String optimizer, String option, Object value, String requirement) {
        return new InvalidHyperparameterException(optimizer, option, value, requirement);
    }
}
