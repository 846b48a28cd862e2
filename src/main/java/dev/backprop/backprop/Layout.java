package dev.backprop.backprop;

import dev.backprop.nn.ApiNamed;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The three orientations a client may send and receive, and the one place that converts between
 * them and the engine's orientation (sample-first: samples N×D, weights D_{k-1}×D_k).
 *
 * <p>δ_k and ∂L/∂y_out are N×D in every layout; ∂L/∂W_k always has the shape of W_k as sent.
 * Conversions that need no transpose return their argument itself.
 */
public enum Layout implements ApiNamed {
    /** The seed's convention 1: x, s, z are D×N; W_k is D_k×D_{k-1}; s_k = W_k·z_{k-1}. */
    DIMENSION_FIRST("dimension-first", true, true),
    /** The seed's convention 2 (Keras, CS231n): x, s, z are N×D; W_k is D_{k-1}×D_k; s_k = z_{k-1}·W_k. */
    SAMPLE_FIRST("sample-first", false, false),
    /** PyTorch's nn.Linear: x, s, z are N×D; W_k is D_k×D_{k-1}; s_k = z_{k-1}·W_kᵀ. */
    TORCH("torch", false, true);

    private final String apiName;
    private final boolean samplesTransposed;
    private final boolean weightsTransposed;

    Layout(String apiName, boolean samplesTransposed, boolean weightsTransposed) {
        this.apiName = apiName;
        this.samplesTransposed = samplesTransposed;
        this.weightsTransposed = weightsTransposed;
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
        return samplesTransposed ? CommonOps_DDRM.transpose(sent, null) : sent;
    }

    /** s, z or y_out from the engine (N×D) → this layout. */
    public DMatrixRMaj samplesOut(DMatrixRMaj engine) {
        return samplesIn(engine);
    }

    /** W_k as sent (this layout) → D_{k-1}×D_k (the engine). */
    public DMatrixRMaj weightsIn(DMatrixRMaj sent) {
        return weightsTransposed ? CommonOps_DDRM.transpose(sent, null) : sent;
    }

    /** W_k or ∂L/∂W_k from the engine (D_{k-1}×D_k) → the shape of W_k in this layout. */
    public DMatrixRMaj weightsOut(DMatrixRMaj engine) {
        return weightsIn(engine);
    }

    /** The number of samples N of x or y as sent. */
    public int samples(DMatrixRMaj sent) {
        return samplesTransposed ? sent.numCols : sent.numRows;
    }

    /** The number of units D of x or y as sent. */
    public int units(DMatrixRMaj sent) {
        return samplesTransposed ? sent.numRows : sent.numCols;
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
        return samplesTransposed ? units + "×" + samples : samples + "×" + units;
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
        return samplesTransposed ? base + "/" + j + "/" + n : base + "/" + n + "/" + j;
    }

    /** The JSON pointer of the engine's entry (i, j) of W_k (input i, unit j) within the weights at {@code base}. */
    public String weightsEntry(String base, int i, int j) {
        return weightsTransposed ? base + "/" + j + "/" + i : base + "/" + i + "/" + j;
    }

    /** The forward step in LaTeX, e.g. {@code s_k = W_k z_{k-1}}. */
    public String forwardLatex() {
        return switch (this) {
            case DIMENSION_FIRST -> "s_k = W_k \\cdot z_{k-1} + b_k";
            case SAMPLE_FIRST -> "s_k = z_{k-1} \\cdot W_k + b_k";
            case TORCH -> "s_k = z_{k-1} \\cdot W_k^\\top + b_k";
        };
    }

    /** ∂L/∂W_k from δ_k and z_{k-1} in LaTeX, with the shape of W_k in this layout. */
    public String weightGradientLatex() {
        return switch (this) {
            case DIMENSION_FIRST -> "\\frac{\\partial L}{\\partial W_k} = \\delta_k^\\top \\cdot z_{k-1}^\\top";
            case SAMPLE_FIRST -> "\\frac{\\partial L}{\\partial W_k} = z_{k-1}^\\top \\cdot \\delta_k";
            case TORCH -> "\\frac{\\partial L}{\\partial W_k} = \\delta_k^\\top \\cdot z_{k-1}";
        };
    }

    /** ∂L/∂z_{k-1} from δ_k and W_k in LaTeX (δ_k is N×D_k in every layout). */
    public String inputGradientLatex() {
        return switch (this) {
            case DIMENSION_FIRST, TORCH -> "\\frac{\\partial L}{\\partial z_{k-1}} = \\delta_k \\cdot W_k";
            case SAMPLE_FIRST -> "\\frac{\\partial L}{\\partial z_{k-1}} = \\delta_k \\cdot W_k^\\top";
        };
    }
}
