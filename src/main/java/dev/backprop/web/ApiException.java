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
        return new ApiException(
                first.type(),
                detail,
                errors.stream().map(TypedFieldError::withoutType).toList());
    }

    /**
     * The same problem for a request that sits at {@code prefix} inside a larger one (the
     * {@code problem} of a /grade request): every pointer, and the details that start with one,
     * are prefixed.
     */
    public ApiException nestedUnder(String prefix) {
        List<FieldError> nested = errors.stream()
                .map(error ->
                        new FieldError(prefix + error.pointer(), prefixed(prefix, error.pointer(), error.detail())))
                .toList();
        String pointer = errors.isEmpty() ? null : errors.get(0).pointer();
        return new ApiException(type, pointer == null ? getMessage() : prefixed(prefix, pointer, getMessage()), nested);
    }

    private static String prefixed(String prefix, String pointer, String detail) {
        return !pointer.isEmpty() && detail.startsWith(pointer) ? prefix + detail : detail;
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
