package dev.backprop.web;

import java.util.List;

/**
 * A request the API answers with a problem: invalid input (with the pointers of what is wrong) or
 * a result it cannot give. Carries only text written for the client.
 */
public class ApiException extends RuntimeException {

    private final ProblemType type;
    private final transient List<FieldError> errors;

    public ApiException(ProblemType type, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    /** One error at one pointer, its detail also the problem's detail. */
    public static ApiException at(ProblemType type, String pointer, String detail) {
        return new ApiException(type, detail, List.of(new FieldError(pointer, detail)));
    }

    /** Several errors; the problem's type and detail are those of the first. */
    public static ApiException of(List<TypedFieldError> errors) {
        TypedFieldError first = errors.get(0);
        String detail = errors.size() == 1
                ? first.detail()
                : first.detail() + " (and " + (errors.size() - 1) + " more: see errors)";
        return new ApiException(first.type(), detail, errors.stream().map(TypedFieldError::withoutType).toList());
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** A field error that knows its kind, while errors are being collected. */
    public record TypedFieldError(ProblemType type, String pointer, String detail) {
        FieldError withoutType() {
            return new FieldError(pointer, detail);
        }
    }
}
