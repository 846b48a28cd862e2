package dev.backprop.nn;

import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * A penalty on the weights added to the data loss: R = c2·Σ_k ‖W_k‖²_F + c1·Σ_k Σ|W_k|, over the
 * biases too when {@code includeBias} (batch-norm γ and β never).
 *
 * @param l2 c2 ≥ 0
 * @param l1 c1 ≥ 0
 * @param includeBias whether the biases are penalized too
 */
public record Regularization(double l2, double l1, boolean includeBias) {

    /** No penalty. */
    public static final Regularization NONE = new Regularization(0, 0, false);

    public Regularization {
        if (!(l2 >= 0) || !(l1 >= 0) || Double.isInfinite(l2) || Double.isInfinite(l1)) {
            throw new IllegalArgumentException("the coefficients must be finite and ≥ 0, not " + l2 + " and " + l1);
        }
    }

    /** R for these layers. */
    public double value(List<Layer> layers) {
        double R = 0;
        for (Layer layer : layers) {
            R += penalty(layer.W());
            if (includeBias && layer.hasBias()) {
                R += penalty(layer.b());
            }
        }
        return R;
    }

    /** dθ += ∂R/∂θ = 2·c2·θ + c1·sign(θ), sign(0) = 0. Modifies {@code dTheta} only. */
    public void addGradient(DMatrixRMaj theta, DMatrixRMaj dTheta) {
        if (l2 == 0 && l1 == 0) {
            return;
        }
        for (int i = 0; i < theta.getNumElements(); i++) {
            double t = theta.data[i];
            dTheta.data[i] += 2 * l2 * t + l1 * Math.signum(t);
        }
    }

    /** Whether the biases are penalized. */
    public boolean appliesToBias() {
        return includeBias;
    }

    private double penalty(DMatrixRMaj theta) {
        double squares = 0;
        double absolutes = 0;
        for (int i = 0; i < theta.getNumElements(); i++) {
            double t = theta.data[i];
            squares += t * t;
            absolutes += Math.abs(t);
        }
        return l2 * squares + l1 * absolutes;
    }
}
