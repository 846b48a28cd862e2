package dev.backprop.nn;

import org.ejml.data.DMatrixRMaj;

/** Row-wise softmax and log-softmax, shifted by the row maximum so that no e^s overflows. */
final class Softmax {

    private Softmax() {}

    /** p_j = e^{s_j − m} / Σ_i e^{s_i − m} for every row, m its maximum. Writes {@code p}. */
    static void rows(DMatrixRMaj s, DMatrixRMaj p) {
        int D = s.numCols;
        for (int row = 0; row < s.numRows; row++) {
            int start = row * D;
            double max = rowMax(s.data, start, D);
            double sum = 0;
            for (int j = start; j < start + D; j++) {
                p.data[j] = Math.exp(s.data[j] - max);
                sum += p.data[j];
            }
            for (int j = start; j < start + D; j++) {
                p.data[j] /= sum;
            }
        }
    }

    /** log p_j = s_j − m − ln Σ_i e^{s_i − m} for every row. Writes {@code logP}. */
    static void logRows(DMatrixRMaj s, DMatrixRMaj logP) {
        int D = s.numCols;
        for (int row = 0; row < s.numRows; row++) {
            int start = row * D;
            double max = rowMax(s.data, start, D);
            double logSum = logSumExp(s.data, start, D, max);
            for (int j = start; j < start + D; j++) {
                logP.data[j] = s.data[j] - max - logSum;
            }
        }
    }

    /** ln Σ_j e^{s_j − m} over one row, m its maximum. */
    static double logSumExp(double[] data, int start, int length, double max) {
        double sum = 0;
        for (int j = start; j < start + length; j++) {
            sum += Math.exp(data[j] - max);
        }
        return Math.log(sum);
    }

    /** The maximum of one row. */
    static double rowMax(double[] data, int start, int length) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = start; j < start + length; j++) {
            max = Math.max(max, data[j]);
        }
        return max;
    }
}
