package dev.backprop.support;

/**
 * The worked example, the one fixture every test that needs it reads: a 2-3-1 network (ReLU
 * hidden layer, linear output with a bias) in the dimension-first layout, N = 4, half-sse; loss
 * 24.5, with a ReLU input exactly 0 in layer 0, sample 3. It is the spec's {@code worked-example}
 * request, which {@code WorkedExampleTests} checks against it.
 */
public final class WorkedExample {

    /** The request, as the README and the spec show it. */
    public static final String REQUEST = """
            {
              "layout": "dimension-first",
              "layers": [
                {"weights": [[1, -1], [0, 2], [1, 1]], "activation": "relu"},
                {"weights": [[1, -2, 1]], "bias": [0.5], "activation": "identity"}
              ],
              "x": [[1, 0, -1, 2], [2, 1, 0, -1]],
              "y": [[1, 0, 0, 1]],
              "loss": "half-sse"
            }
            """;

    /** {@link #REQUEST} without {@code y} and {@code loss}: a forward pass only. */
    public static final String WITHOUT_Y = REQUEST.replace(",\n  \"y\": [[1, 0, 0, 1]],\n  \"loss\": \"half-sse\"", "");

    private WorkedExample() {}
}
