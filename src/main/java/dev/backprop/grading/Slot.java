package dev.backprop.grading;

/**
 * A place in a /backprop response: a field, and for a per-layer field the layer's index.
 *
 * @param field the quantity
 * @param layer the index into {@code layers}, 0 for layer 1; 0 for the fields of the whole network
 */
record Slot(Field field, int layer) {

    String pointer() {
        return field.pointer(layer);
    }

    String symbol() {
        return field.symbol(layer);
    }
}
