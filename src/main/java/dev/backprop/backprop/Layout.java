package dev.backprop.backprop;

import dev.backprop.nn.ApiNamed;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The four orientations a client may send and receive, and the one place that converts between
 * them and the engine's orientation (sample-first: samples N×D, weights D_{k-1}×D_k). Which
 * quantity has which orientation is {@link Quantity}'s table; a layout says, per {@link
 * Orientation}, whether it transposes it. Conversions that need no transpose return their
 * argument itself.
 */
public enum Layout implements ApiNamed {
    /**
     * Convention 1 of the 2017 matrix-math note: x, s, z are D×N; W_k is D_k×D_{k-1}; s_k =
     * W_k·z_{k-1}; δ_k is N×D_k ("dimension first in forward, sample first in backward").
     */
    DIMENSION_FIRST("dimension-first", true, false, true),
    /** The note's convention 2 (Keras, CS231n): x, s, z, δ are N×D; W_k is D_{k-1}×D_k; s_k = z_{k-1}·W_k. */
    SAMPLE_FIRST("sample-first", false, false, false),
    /** PyTorch's nn.Linear: x, s, z, δ are N×D; W_k is D_k×D_{k-1}; s_k = z_{k-1}·W_kᵀ. */
    TORCH("torch", false, false, true),
    /** As dimension-first, with δ_k and every other backward quantity D×N too (deeplearning.ai's dZ). */
    DIMENSION_FIRST_THROUGHOUT("dimension-first-throughout", true, true, true);

    private final String apiName;
    private final boolean samplesTransposed;
    private final boolean backwardTransposed;
    private final boolean weightsTransposed;

    Layout(String apiName, boolean samplesTransposed, boolean backwardTransposed, boolean weightsTransposed) {
        this.apiName = apiName;
        this.samplesTransposed = samplesTransposed;
        this.backwardTransposed = backwardTransposed;
        this.weightsTransposed = weightsTransposed;
    }

    /** Whether this layout holds quantities of this orientation transposed from the engine's. */
    public boolean transposes(Orientation orientation) {
        return switch (orientation) {
            case SAMPLES -> samplesTransposed;
            case BACKWARD -> backwardTransposed;
            case WEIGHTS -> weightsTransposed;
            case VECTOR, SCALAR -> false;
        };
    }

    /** A quantity as sent (this layout) → the engine's orientation. */
    public DMatrixRMaj in(Quantity quantity, DMatrixRMaj sent) {
        return transposes(quantity.orientation()) ? CommonOps_DDRM.transpose(sent, null) : sent;
    }

    /** A quantity from the engine → this layout. */
    public DMatrixRMaj out(Quantity quantity, DMatrixRMaj engine) {
        return in(quantity, engine);
    }

    /**
     * The symbolic shape of a quantity in this layout, e.g. {@code D_2×N} for s_2 in
     * dimension-first, with {@code k} the layer ({@code D_k}, and {@code D_L} for the output's
     * quantities, become {@code D_2}); {@code k} &lt; 0 keeps the symbols.
     */
    public String shape(Quantity quantity, int k) {
        String units = k < 0
                ? quantity.units()
                : quantity.units().replace("D_k", "D_" + k).replace("D_L", "D_" + k);
        String inputs = k < 0 ? "D_{k-1}" : "D_" + (k - 1);
        return switch (quantity.orientation()) {
            case SAMPLES, BACKWARD -> transposes(quantity.orientation()) ? units + "×N" : "N×" + units;
            case WEIGHTS -> weightsShape(units, inputs);
            case VECTOR -> "a vector of " + units;
            case SCALAR -> "a scalar";
        };
    }

    /** The numeric shape of a samples or backward quantity with these sizes, e.g. {@code 3×4}. */
    public String shape(Quantity quantity, int units, int samples) {
        return transposes(quantity.orientation()) ? units + "×" + samples : samples + "×" + units;
    }

    /** The JSON pointer of the engine's entry (n, j), sample n and unit j, of a quantity at {@code base}. */
    public String entry(Quantity quantity, String base, int n, int j) {
        return transposes(quantity.orientation()) ? base + "/" + j + "/" + n : base + "/" + n + "/" + j;
    }

    /** The number of samples N of a samples or backward quantity as sent. */
    public int samples(Quantity quantity, DMatrixRMaj sent) {
        return transposes(quantity.orientation()) ? sent.numCols : sent.numRows;
    }

    /** The number of units D of a samples or backward quantity as sent. */
    public int units(Quantity quantity, DMatrixRMaj sent) {
        return transposes(quantity.orientation()) ? sent.numRows : sent.numCols;
    }

    @Override
    public String apiName() {
        return apiName;
    }

    /** The layout with this API name, or {@code null}. */
    public static Layout fromApiName(String name) {
        return ApiNamed.find(values(), name);
    }

    /** x, y, s or z as sent (this layout) → N×D (the engine). */
    public DMatrixRMaj samplesIn(DMatrixRMaj sent) {
        return in(Quantity.X, sent);
    }

    /** s, z or y_out from the engine (N×D) → this layout. */
    public DMatrixRMaj samplesOut(DMatrixRMaj engine) {
        return samplesIn(engine);
    }

    /** W_k as sent (this layout) → D_{k-1}×D_k (the engine). */
    public DMatrixRMaj weightsIn(DMatrixRMaj sent) {
        return in(Quantity.WEIGHTS, sent);
    }

    /** W_k or ∂L/∂W_k from the engine (D_{k-1}×D_k) → the shape of W_k in this layout. */
    public DMatrixRMaj weightsOut(DMatrixRMaj engine) {
        return weightsIn(engine);
    }

    /** The number of samples N of x or y as sent. */
    public int samples(DMatrixRMaj sent) {
        return samples(Quantity.X, sent);
    }

    /** The number of units D of x or y as sent. */
    public int units(DMatrixRMaj sent) {
        return units(Quantity.X, sent);
    }

    /** D_{k-1}, the number of inputs of W_k as sent. */
    public int weightInputs(DMatrixRMaj sent) {
        return weightsTransposed ? sent.numCols : sent.numRows;
    }

    /** D_k, the number of units of W_k as sent. */
    public int weightUnits(DMatrixRMaj sent) {
        return weightsTransposed ? sent.numRows : sent.numCols;
    }

    /** The symbolic shape of x, y, s or z in this layout, e.g. {@code D_2×N}. */
    public String samplesShape(String units) {
        return samplesTransposed ? units + "×N" : "N×" + units;
    }

    /** The symbolic shape of δ_k, ∂L/∂y_out or ∂L/∂x in this layout, e.g. {@code N×D_2}. */
    public String backwardShape(String units) {
        return backwardTransposed ? units + "×N" : "N×" + units;
    }

    /** The symbolic shape of W_k in this layout, e.g. {@code D_2×D_1}. */
    public String weightsShape(int k) {
        return weightsShape("D_" + k, "D_" + (k - 1));
    }

    /** The symbolic shape of W_k in this layout with symbolic sizes, e.g. {@code D_k×D_{k-1}}. */
    public String weightsShape(String units, String inputs) {
        return weightsTransposed ? units + "×" + inputs : inputs + "×" + units;
    }

    /** The numeric shape of x, y, s or z with these sizes in this layout, e.g. {@code 3×4}. */
    public String samplesShape(int units, int samples) {
        return shape(Quantity.X, units, samples);
    }

    /** The numeric shape of W_k with these sizes in this layout. */
    public String weightsShape(int units, int inputs) {
        return weightsTransposed ? units + "×" + inputs : inputs + "×" + units;
    }

    /** Whether each sample is a column of x, y, s and z in this layout (dimension-first), not a row. */
    public boolean samplesAreColumns() {
        return samplesTransposed;
    }

    /** The JSON pointer of the engine's entry (n, j), sample n and unit j, of the samples matrix at {@code base}. */
    public String samplesEntry(String base, int n, int j) {
        return entry(Quantity.X, base, n, j);
    }

    /** The JSON pointer of the engine's entry (i, j) of W_k (input i, unit j) within the weights at {@code base}. */
    public String weightsEntry(String base, int i, int j) {
        return weightsTransposed ? base + "/" + j + "/" + i : base + "/" + i + "/" + j;
    }

    /** The forward step in LaTeX, e.g. {@code s_k = W_k z_{k-1}}. */
    public String forwardLatex() {
        return switch (this) {
            case DIMENSION_FIRST, DIMENSION_FIRST_THROUGHOUT -> "s_k = W_k \\cdot z_{k-1} + b_k";
            case SAMPLE_FIRST -> "s_k = z_{k-1} \\cdot W_k + b_k";
            case TORCH -> "s_k = z_{k-1} \\cdot W_k^\\top + b_k";
        };
    }

    /** ∂L/∂W_k from δ_k and z_{k-1} in LaTeX, with the shape of W_k in this layout. */
    public String weightGradientLatex() {
        return switch (this) {
            case DIMENSION_FIRST -> "\\frac{\\partial L}{\\partial W_k} = \\delta_k^\\top \\cdot z_{k-1}^\\top";
            case DIMENSION_FIRST_THROUGHOUT -> "\\frac{\\partial L}{\\partial W_k} = \\delta_k \\cdot z_{k-1}^\\top";
            case SAMPLE_FIRST -> "\\frac{\\partial L}{\\partial W_k} = z_{k-1}^\\top \\cdot \\delta_k";
            case TORCH -> "\\frac{\\partial L}{\\partial W_k} = \\delta_k^\\top \\cdot z_{k-1}";
        };
    }

    /** ∂L/∂z_{k-1} from δ_k and W_k in LaTeX, both oriented as this layout holds them. */
    public String inputGradientLatex() {
        return switch (this) {
            case DIMENSION_FIRST, TORCH -> "\\frac{\\partial L}{\\partial z_{k-1}} = \\delta_k \\cdot W_k";
            case SAMPLE_FIRST -> "\\frac{\\partial L}{\\partial z_{k-1}} = \\delta_k \\cdot W_k^\\top";
            case DIMENSION_FIRST_THROUGHOUT -> "\\frac{\\partial L}{\\partial z_{k-1}} = W_k^\\top \\cdot \\delta_k";
        };
    }
}
