package dev.backprop.nn;

/** A value clients name in requests, e.g. the activation {@code leaky-relu}. */
public interface ApiNamed {

    /** The name used in the public API. */
    String apiName();

    /** The value among {@code values} with this API name, or {@code null}. */
    static <E extends ApiNamed> E find(E[] values, String name) {
        for (E value : values) {
            if (value.apiName().equals(name)) {
                return value;
            }
        }
        return null;
    }
}
