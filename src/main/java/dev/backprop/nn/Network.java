package dev.backprop.nn;

import java.util.List;

/**
 * A multilayer perceptron: layers whose shapes chain, D_0 → D_1 → … → D_L.
 *
 * @param layers layer 1 to layer L, at least one
 */
public record Network(List<Layer> layers) {

    public Network {
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        for (int k = 1; k < layers.size(); k++) {
            Layer previous = layers.get(k - 1);
            Layer layer = layers.get(k);
            if (layer.inputs() != previous.units()) {
                throw new IllegalArgumentException("W_" + (k + 1) + " is " + layer.W().numRows + "×"
                        + layer.W().numCols + " but layer " + k + " has " + previous.units()
                        + " units, so W_" + (k + 1) + " must be " + previous.units() + "×" + layer.units());
            }
        }
    }

    /** D_0, the input size. */
    public int inputs() {
        return layers.get(0).inputs();
    }

    /** D_L, the output size. */
    public int outputs() {
        return layers.get(layers.size() - 1).units();
    }

    /** L, the number of layers. */
    public int depth() {
        return layers.size();
    }
}
