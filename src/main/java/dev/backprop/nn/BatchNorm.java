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
        int N = s.numRows;
        int D = s.numCols;
        DMatrixRMaj mean = new DMatrixRMaj(1, D);
        DMatrixRMaj variance = new DMatrixRMaj(1, D);
        DMatrixRMaj invStd = new DMatrixRMaj(1, D);
        DMatrixRMaj newRunningMean = null;
        DMatrixRMaj newRunningVariance = null;
        if (eval) {
            mean.setTo(runningMean);
            variance.setTo(runningVariance);
        } else {
            for (int j = 0; j < D; j++) {
                // μ_j = Σ_n s_nj / N
                double sum = 0;
                for (int n = 0; n < N; n++) {
                    sum += s.get(n, j);
                }
                double mu = sum / N;
                // σ²_j = Σ_n (s_nj − μ_j)² / N
                double squares = 0;
                for (int n = 0; n < N; n++) {
                    double centred = s.get(n, j) - mu;
                    squares += centred * centred;
                }
                mean.data[j] = mu;
                variance.data[j] = squares / N;
            }
            if (hasRunningStatistics()) {
                newRunningMean = new DMatrixRMaj(1, D);
                newRunningVariance = new DMatrixRMaj(1, D);
                for (int j = 0; j < D; j++) {
                    // running ← (1 − momentum)·running + momentum·batch, with the unbiased variance
                    double unbiased = variance.data[j] * N / (N - 1);
                    newRunningMean.data[j] = (1 - momentum) * runningMean.data[j] + momentum * mean.data[j];
                    newRunningVariance.data[j] = (1 - momentum) * runningVariance.data[j] + momentum * unbiased;
                }
            }
        }
        for (int j = 0; j < D; j++) {
            invStd.data[j] = 1 / Math.sqrt(variance.data[j] + epsilon);
        }
        DMatrixRMaj normalized = new DMatrixRMaj(N, D);
        DMatrixRMaj u = new DMatrixRMaj(N, D);
        for (int n = 0; n < N; n++) {
            for (int j = 0; j < D; j++) {
                int e = n * D + j;
                // ŝ = (s − μ)/√(σ² + ε), u = γ ⊙ ŝ + β
                normalized.data[e] = (s.data[e] - mean.data[j]) * invStd.data[j];
                u.data[e] = gamma.data[j] * normalized.data[e] + beta.data[j];
            }
        }
        return new BatchNormForward(mean, variance, invStd, normalized, u, newRunningMean, newRunningVariance);
    }

    /**
     * The backward pass from ∂L/∂u to ∂L/∂s, ∂L/∂γ and ∂L/∂β.
     *
     * @param forward this layer's forward pass
     * @param du ∂L/∂u, N×D_k; not modified
     */
    public BatchNormGradients backward(BatchNormForward forward, DMatrixRMaj du) {
        int N = du.numRows;
        int D = du.numCols;
        DMatrixRMaj ds = new DMatrixRMaj(N, D);
        DMatrixRMaj dGamma = new DMatrixRMaj(1, D);
        DMatrixRMaj dBeta = new DMatrixRMaj(1, D);
        DMatrixRMaj normalized = forward.normalized();
        for (int j = 0; j < D; j++) {
            double invStd = forward.invStd().data[j];
            // ∂L/∂β = Σ_n ∂L/∂u, ∂L/∂γ = Σ_n ∂L/∂u ⊙ ŝ
            double sumDu = 0;
            double sumDuNormalized = 0;
            for (int n = 0; n < N; n++) {
                double g = du.get(n, j);
                sumDu += g;
                sumDuNormalized += g * normalized.get(n, j);
            }
            dBeta.data[j] = sumDu;
            dGamma.data[j] = sumDuNormalized;
            double scale = gamma.data[j] * invStd;
            for (int n = 0; n < N; n++) {
                int e = n * D + j;
                if (eval) {
                    // ∂L/∂s = ∂L/∂u ⊙ γ/√(σ²_running + ε)
                    ds.data[e] = du.data[e] * scale;
                } else {
                    // ∂L/∂s = γ/√(σ² + ε) · (∂L/∂u − mean_n ∂L/∂u − ŝ · mean_n(∂L/∂u ⊙ ŝ))
                    ds.data[e] = (du.data[e] - sumDu / N - normalized.data[e] * sumDuNormalized / N) * scale;
                }
            }
        }
        return new BatchNormGradients(ds, dGamma, dBeta);
    }
}
