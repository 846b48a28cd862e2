package dev.backprop.problems;

import java.util.List;

/**
 * The body of {@code POST /api/v1/problems}. Every field but {@code seed} is optional; the
 * defaults are the seed's own network.
 *
 * @param seed the seed of the generator; the same request always gives the same problem
 * @param layerSizes D_0, D_1, …, D_L; default [2, 3, 1]
 * @param batchSize N; default 4
 * @param layout default dimension-first
 * @param activations one per layer; default relu for the hidden layers and identity for the output
 * @param loss default half-sse
 * @param bias whether every layer has a bias; default false
 * @param valueRange the smallest and largest integer drawn; default [-3, 3]
 * @param avoidTies redraw until no ReLU or leaky-ReLU input is exactly 0; default true
 */
public record ProblemRequest(
        Long seed,
        List<Integer> layerSizes,
        Integer batchSize,
        String layout,
        List<String> activations,
        String loss,
        Boolean bias,
        List<Integer> valueRange,
        Boolean avoidTies) {}
