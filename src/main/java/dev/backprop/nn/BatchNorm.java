package dev.backprop.nn;

import java.util.Objects;
import org.ejml.data.DMatrixRMaj;

/**
 * Batch normalization between s_k and f, as {@code F.batch_norm} and {@code nn.BatchNorm1d}: per
 * unit j, ŝ = (s − μ)/√(σ² + ε) and u = γ ⊙ ŝ + β. In training mode μ and σ² are the mean and the
 * biased variance of s over the N samples; in eval mode they are the running statistics.
 *
 * @param gamma γ, 1×D_k
 * @param beta β, 1×D_k
 * @param epsilon ε &gt; 0
 * @param eval whether to normalize with the running statistics instead of the batch's
 * @param runningMean the running mean, 1×D_k, or {@code null}
 * @param runningVariance the running variance, 1×D_k, or {@code null} (exactly when runningMean is)
 * @param momentum the weight of the batch in the running statistics' update, in [0, 1]
 */
public record BatchNorm(
        DMatrixRMaj gamma,
        DMatrixRMaj beta,
        double epsilon,
        boolean eval,
        DMatrixRMaj runningMean,
        DMatrixRMaj runningVariance,
        double momentum) {

    /** PyTorch's default ε. */
    public static final double DEFAULT_EPSILON = 1e-5;
    /** PyTorch's default momentum. */
    public static final double DEFAULT_MOMENTUM = 0.1;

    public BatchNorm {
        Objects.requireNonNull(gamma, "gamma");
        Objects.requireNonNull(beta, "beta");
        if ((runningMean == null) != (runningVariance == null)) {
            throw new IllegalArgumentException("runningMean and runningVariance go together");
        }
        if (eval && runningMean == null) {
            throw new IllegalArgumentException("eval mode needs the running statistics");
        }
    }

    /** Whether the running statistics are given (and, in training mode, updated). */
    public boolean hasRunningStatistics() {
        return runningMean != null;
    }

    /** The same layer with other γ and β (an optimizer's step). */
    public BatchNorm with(DMatrixRMaj gamma, DMatrixRMaj beta) {
        return new BatchNorm(gamma, beta, epsilon, eval, runningMean, runningVariance, momentum);
    }

    /** The same layer with other running statistics (after a training step). */
    public BatchNorm withRunningStatistics(DMatrixRMaj mean, DMatrixRMaj variance) {
        return new BatchNorm(gamma, beta, epsilon, eval, mean, variance, momentum);
    }

    /**
     * The forward pass of s, N×D_k.
     *
     * @return μ, σ², ŝ, u, and the updated running statistics in training mode with running statistics
     */
    public BatchNormForward forward(DMatrixRMaj s) {
        BatchNormForward into = newForward(s.numRows);
        forward(s, into);
        return into;
    }

    /**
     * Matrices for the forward pass of N samples: μ, σ², 1/√(σ² + ε), ŝ, u, and the updated
     * running statistics in training mode with running statistics (else {@code null}).
     */
    BatchNormForward newForward(int N) {
        int D = gamma.getNumElements();
        boolean updatesRunningStatistics = !eval && hasRunningStatistics();
        return new BatchNormForward(
                new DMatrixRMaj(1, D),
                new DMatrixRMaj(1, D),
                new DMatrixRMaj(1, D),
                new DMatrixRMaj(N, D),
                new DMatrixRMaj(N, D),
                updatesRunningStatistics ? new DMatrixRMaj(1, D) : null,
                updatesRunningStatistics ? new DMatrixRMaj(1, D) : null);
    }

    /**
     * The forward pass of s, N×D_k, written into the matrices of {@code into} ({@link
     * #newForward}'s for N samples); changes nothing else.
     */
    void forward(DMatrixRMaj s, BatchNormForward into) {
        int N = s.numRows;
        int D = s.numCols;
        double[] mean = into.mean().data;
        double[] variance = into.variance().data;
        double[] invStd = into.invStd().data;
        if (eval) {
            into.mean().setTo(runningMean);
            into.variance().setTo(runningVariance);
        } else {
            for (int j = 0; j < D; j++) {
                // μ_j = Σ_n s_nj / N
                double sum = 0;
                for (int n = 0; n < N; n++) {
                    sum += s.data[n * D + j];
                }
                double mu = sum / N;
                // σ²_j = Σ_n (s_nj − μ_j)² / N
                double squares = 0;
                for (int n = 0; n < N; n++) {
                    double centred = s.data[n * D + j] - mu;
                    squares += centred * centred;
                }
                mean[j] = mu;
                variance[j] = squares / N;
            }
            if (hasRunningStatistics()) {
                double[] newRunningMean = into.runningMean().data;
                double[] newRunningVariance = into.runningVariance().data;
                for (int j = 0; j < D; j++) {
                    // running ← (1 − momentum)·running + momentum·batch, with the unbiased variance
                    double unbiased = variance[j] * N / (N - 1);
                    newRunningMean[j] = (1 - momentum) * runningMean.data[j] + momentum * mean[j];
                    newRunningVariance[j] = (1 - momentum) * runningVariance.data[j] + momentum * unbiased;
                }
            }
        }
        for (int j = 0; j < D; j++) {
            invStd[j] = 1 / Math.sqrt(variance[j] + epsilon);
        }
        double[] normalized = into.normalized().data;
        double[] u = into.output().data;
        for (int n = 0; n < N; n++) {
            for (int j = 0; j < D; j++) {
                int e = n * D + j;
                // ŝ = (s − μ)/√(σ² + ε), u = γ ⊙ ŝ + β
                normalized[e] = (s.data[e] - mean[j]) * invStd[j];
                u[e] = gamma.data[j] * normalized[e] + beta.data[j];
            }
        }
    }

    /**
     * The backward pass from ∂L/∂u to ∂L/∂s, ∂L/∂γ and ∂L/∂β.
     *
     * @param forward this layer's forward pass
     * @param du ∂L/∂u, N×D_k; not modified
     */
    public BatchNormGradients backward(BatchNormForward forward, DMatrixRMaj du) {
        int D = du.numCols;
        BatchNormGradients into =
                new BatchNormGradients(new DMatrixRMaj(du.numRows, D), new DMatrixRMaj(1, D), new DMatrixRMaj(1, D));
        backward(forward, du, into);
        return into;
    }

    /**
     * The backward pass from ∂L/∂u, written into the matrices of {@code into} (∂L/∂s N×D_k, not
     * {@code du} itself; ∂L/∂γ and ∂L/∂β 1×D_k); changes nothing else.
     */
    void backward(BatchNormForward forward, DMatrixRMaj du, BatchNormGradients into) {
        int N = du.numRows;
        int D = du.numCols;
        double[] ds = into.ds().data;
        double[] normalized = forward.normalized().data;
        for (int j = 0; j < D; j++) {
            double invStd = forward.invStd().data[j];
            // ∂L/∂β = Σ_n ∂L/∂u, ∂L/∂γ = Σ_n ∂L/∂u ⊙ ŝ
            double sumDu = 0;
            double sumDuNormalized = 0;
            for (int n = 0; n < N; n++) {
                double g = du.data[n * D + j];
                sumDu += g;
                sumDuNormalized += g * normalized[n * D + j];
            }
            into.dBeta().data[j] = sumDu;
            into.dGamma().data[j] = sumDuNormalized;
            double scale = gamma.data[j] * invStd;
            for (int n = 0; n < N; n++) {
                int e = n * D + j;
                if (eval) {
                    // ∂L/∂s = ∂L/∂u ⊙ γ/√(σ²_running + ε)
                    ds[e] = du.data[e] * scale;
                } else {
                    // ∂L/∂s = γ/√(σ² + ε) · (∂L/∂u − mean_n ∂L/∂u − ŝ · mean_n(∂L/∂u ⊙ ŝ))
                    ds[e] = (du.data[e] - sumDu / N - normalized[e] * sumDuNormalized / N) * scale;
                }
            }
        }
    }
}
