package dev.backprop.limits;

import dev.backprop.web.ApiException;
import dev.backprop.web.ProblemType;
import java.util.List;

/** The service is saturated: a 503 with {@code Retry-After}. */
public class OverloadedException extends ApiException {

    private final long retryAfterSeconds;

    public OverloadedException(String detail, long retryAfterSeconds) {
        super(ProblemType.OVERLOADED, detail, List.of());
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
