package dev.backprop.web;

import org.ejml.data.DMatrixRMaj;

/**
 * A value the request chooses to send as a matrix ({@code [[1, 2], [3, 4]]}) or as a vector
 * ({@code [1, 2]}), such as an optimizer's parameter: the answer gives it back in the same kind
 * and shape. A vector is held as a 1×n matrix.
 *
 * @param values the numbers, row-major; 1×n for a vector
 * @param vector whether it was sent, and is written, as a vector
 */
public record MatrixOrVector(DMatrixRMaj values, boolean vector) {

    public static MatrixOrVector matrix(DMatrixRMaj matrix) {
        return new MatrixOrVector(matrix, false);
    }

    public static MatrixOrVector vector(double[] vector) {
        return new MatrixOrVector(DMatrixRMaj.wrap(1, vector.length, vector), true);
    }

    /** The same kind and shape with other numbers, row-major. */
    public MatrixOrVector withData(double[] data) {
        return new MatrixOrVector(DMatrixRMaj.wrap(values.numRows, values.numCols, data), vector);
    }

    /** The numbers, row-major: the array itself, not a copy. */
    public double[] data() {
        return values.data;
    }

    public int size() {
        return values.getNumElements();
    }

    /** Whether {@code other} is of the same kind (matrix or vector) and shape. */
    public boolean sameShapeAs(MatrixOrVector other) {
        return vector == other.vector
                && values.numRows == other.values.numRows
                && values.numCols == other.values.numCols;
    }

    /** "a 2×3 matrix" or "a vector of 3 numbers", for error details. */
    public String describe() {
        return vector
                ? "a vector of " + values.numCols + " number" + (values.numCols == 1 ? "" : "s")
                : "a " + values.numRows + "×" + values.numCols + " matrix";
    }
}
