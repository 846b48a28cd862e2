package dev.backprop.support;

import static org.assertj.core.api.Assertions.fail;

import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The one comparison of JSON answers in the tests: numbers within a relative and an absolute
 * tolerance (numpy's {@code isclose}: |a − e| ≤ atol + rtol·|e|), everything else exactly.
 */
public final class JsonAssertions {

    /** PyTorch agreement the API promises: 1e-9 relative. */
    public static final double RTOL = 1e-9;

    /**
     * The absolute floor for entries that are zero up to rounding: a difference of 1e-12 or less
     * next to values of order one is rounding in the last bits, not a wrong derivative.
     */
    public static final double ATOL = 1e-12;

    private JsonAssertions() {}

    /** Asserts that {@code actual} has every field of {@code expected}, equal within RTOL/ATOL. */
    public static void assertClose(JsonNode expected, JsonNode actual, Set<String> ignoredFields) {
        assertClose(expected, actual, "", RTOL, ATOL, ignoredFields);
    }

    public static void assertClose(
            JsonNode expected, JsonNode actual, String pointer, double rtol, double atol, Set<String> ignoredFields) {
        if (expected.isNumber()) {
            if (actual == null || !actual.isNumber()) {
                fail("%s: expected the number %s but got %s", pointer, expected, actual);
            }
            double e = expected.doubleValue();
            double a = actual.doubleValue();
            if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) {
                fail("%s: expected %s but got %s (difference %s)", pointer, e, a, Math.abs(a - e));
            }
        } else if (expected.isArray()) {
            if (actual == null || !actual.isArray() || actual.size() != expected.size()) {
                fail("%s: expected an array of %d but got %s", pointer, expected.size(), actual);
            }
            for (int i = 0; i < expected.size(); i++) {
                assertClose(expected.get(i), actual.get(i), pointer + "/" + i, rtol, atol, ignoredFields);
            }
        } else if (expected.isObject()) {
            if (actual == null || !actual.isObject()) {
                fail("%s: expected an object but got %s", pointer, actual);
            }
            for (String name : expected.propertyNames()) {
                assertClose(expected.get(name), actual.get(name), pointer + "/" + name, rtol, atol, ignoredFields);
            }
            for (String name : actual.propertyNames()) {
                if (!expected.has(name) && !ignoredFields.contains(name)) {
                    fail("%s: unexpected field %s", pointer, name);
                }
            }
        } else if (!expected.equals(actual)) {
            fail("%s: expected %s but got %s", pointer, expected, actual);
        }
    }
}
