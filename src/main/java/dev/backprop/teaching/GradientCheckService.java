package dev.backprop.teaching;

import dev.backprop.backprop.BackpropService;
import dev.backprop.backprop.BackpropService.Solved;
import dev.backprop.backprop.Engine;
import dev.backprop.backprop.Layout;
import dev.backprop.backprop.PreparedRequest;
import dev.backprop.limits.ComputeGate;
import dev.backprop.limits.ComputeLimits;
import dev.backprop.nn.BatchNorm;
import dev.backprop.nn.ForwardResult;
import dev.backprop.nn.Layer;
import dev.backprop.nn.LayerGradients;
import dev.backprop.nn.Network;
import dev.backprop.nn.Regularization;
import dev.backprop.nn.Target;
import dev.backprop.web.ApiException;
import dev.backprop.web.JsonPointers;
import dev.backprop.web.ProblemType;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.springframework.stereotype.Service;

/**
 * Checks the backward pass against central finite differences of the loss,
 * n = (L(θ + ε) − L(θ − ε)) / 2ε, for every weight and bias. Stateless: each call perturbs its
 * own copies of the weights.
 */
@Service
public class GradientCheckService {

    static final double DEFAULT_EPSILON = 1e-6;
    static final double PASS_BELOW = 1e-5;

    private final BackpropService backprop;
    private final TeachingSettings settings;
    private final ComputeLimits limits;
    private final ComputeGate gate;

    public GradientCheckService(
            BackpropService backprop, TeachingSettings settings, ComputeLimits limits, ComputeGate gate) {
        this.backprop = backprop;
        this.settings = settings;
        this.limits = limits;
        this.gate = gate;
    }

    public GradientCheckResponse check(GradientCheckRequest request) {
        double epsilon = request.epsilon() == null ? DEFAULT_EPSILON : request.epsilon();
        if (!(epsilon > 0 && epsilon <= 1)) {
            throw ApiException.at(
                    ProblemType.INVALID_VALUE,
                    "/epsilon",
                    "/epsilon is " + epsilon + ", but the step must be in (0, 1]");
        }
        Solved solved = backprop.solve(request.problem());
        PreparedRequest prepared = solved.prepared();
        int parameters = 0;
        for (Layer layer : prepared.network().layers()) {
            parameters += layer.W().getNumElements()
                    + (layer.hasBias() ? layer.units() : 0)
                    + (layer.batchNorm() != null ? 2 * layer.units() : 0);
        }
        if (parameters > settings.gradientCheckMaxParameters()) {
            throw ApiException.at(
                    ProblemType.LIMIT_EXCEEDED,
                    "/layers",
                    "The network has " + parameters + " weights and biases, but a gradient check perturbs at most "
                            + settings.gradientCheckMaxParameters());
        }
        // two forward passes per parameter, each as costly as the forward pass of the problem
        ComputeLimits.Cost forward =
                ComputeLimits.cost(prepared.network(), prepared.x().numRows, true, ComputeLimits.Pass.FORWARD);
        limits.check(new ComputeLimits.Cost(forward.numbers(), 2L * parameters * forward.multiplyAdds()));
        return gate.run(() -> compare(solved, epsilon));
    }

    /** The finite differences of every parameter beside its analytic gradient. */
    private GradientCheckResponse compare(Solved solved, double epsilon) {
        PreparedRequest prepared = solved.prepared();
        Layout layout = prepared.layout();
        List<Layer> layers = new ArrayList<>(prepared.network().layers());
        List<GradientCheckResponse.LayerCheck> checks = new ArrayList<>();
        List<GradientCheckResponse.Kink> kinks = new ArrayList<>();
        double maxRelativeError = 0;
        for (int k = 0; k < layers.size(); k++) {
            Layer original = layers.get(k);
            LayerGradients analytic = solved.result().layers().get(k);
            BatchNorm batchNorm = original.batchNorm();
            Layer perturbed = original.with(
                    original.W().copy(),
                    original.hasBias() ? original.b().copy() : null,
                    batchNorm == null
                            ? null
                            : batchNorm.with(
                                    batchNorm.gamma().copy(), batchNorm.beta().copy()));
            layers.set(k, perturbed);
            Network network = new Network(layers);

            String weights = JsonPointers.join("layers", k, "weights");
            Differences dW = differences(
                    network,
                    solved,
                    perturbed.W(),
                    analytic.dW(),
                    epsilon,
                    (i, j) -> layout.weightsEntry(weights, i, j),
                    kinks);
            GradientCheckResponse.Check weightCheck = new GradientCheckResponse.Check(
                    layout.weightsOut(analytic.dW()), layout.weightsOut(dW.numeric()), dW.maxRelativeError());
            double layerMax = dW.maxRelativeError();
            GradientCheckResponse.Check biasCheck = null;
            if (original.hasBias()) {
                biasCheck = vectorCheck(
                        network,
                        solved,
                        perturbed.b(),
                        analytic.db(),
                        epsilon,
                        JsonPointers.join("layers", k, "bias"),
                        kinks);
                layerMax = Math.max(layerMax, biasCheck.maxRelativeError());
            }
            GradientCheckResponse.Check gammaCheck = null;
            GradientCheckResponse.Check betaCheck = null;
            if (batchNorm != null) {
                String base = JsonPointers.join("layers", k, "batchNorm");
                gammaCheck = vectorCheck(
                        network,
                        solved,
                        perturbed.batchNorm().gamma(),
                        analytic.batchNorm().dGamma(),
                        epsilon,
                        base + "/gamma",
                        kinks);
                betaCheck = vectorCheck(
                        network,
                        solved,
                        perturbed.batchNorm().beta(),
                        analytic.batchNorm().dBeta(),
                        epsilon,
                        base + "/beta",
                        kinks);
                layerMax = Math.max(layerMax, Math.max(gammaCheck.maxRelativeError(), betaCheck.maxRelativeError()));
            }
            checks.add(new GradientCheckResponse.LayerCheck(weightCheck, biasCheck, gammaCheck, betaCheck));
            maxRelativeError = Math.max(maxRelativeError, layerMax);
            layers.set(k, original);
        }
        return new GradientCheckResponse(epsilon, maxRelativeError, maxRelativeError < PASS_BELOW, kinks, checks);
    }

    /** The finite differences of a vector parameter (b, γ or β) at {@code pointer}, perturbed in place. */
    private GradientCheckResponse.Check vectorCheck(
            Network network,
            Solved solved,
            DMatrixRMaj theta,
            DMatrixRMaj analytic,
            double epsilon,
            String pointer,
            List<GradientCheckResponse.Kink> kinks) {
        Differences d = differences(network, solved, theta, analytic, epsilon, (i, j) -> pointer + "/" + j, kinks);
        return new GradientCheckResponse.Check(analytic.data, d.numeric().data, d.maxRelativeError());
    }

    private interface EntryPointer {
        String of(int i, int j);
    }

    private record Differences(DMatrixRMaj numeric, double maxRelativeError) {}

    /** Central differences for every entry of {@code theta}, a matrix of the network, perturbed in place and restored. */
    private Differences differences(
            Network network,
            Solved solved,
            DMatrixRMaj theta,
            DMatrixRMaj analytic,
            double epsilon,
            EntryPointer pointer,
            List<GradientCheckResponse.Kink> kinks) {
        DMatrixRMaj numeric = new DMatrixRMaj(theta.numRows, theta.numCols);
        PreparedRequest prepared = solved.prepared();
        Engine engine = solved.engine();
        Target target = prepared.target();
        Regularization regularization = prepared.regularization();
        double max = 0;
        for (int i = 0; i < theta.numRows; i++) {
            for (int j = 0; j < theta.numCols; j++) {
                double saved = theta.get(i, j);
                theta.set(i, j, saved + epsilon);
                ForwardResult plus = engine.forward(network, prepared.x());
                double lossPlus = engine.loss(network, plus, target, regularization);
                theta.set(i, j, saved - epsilon);
                ForwardResult minus = engine.forward(network, prepared.x());
                double lossMinus = engine.loss(network, minus, target, regularization);
                theta.set(i, j, saved);
                double n = (lossPlus - lossMinus) / (2 * epsilon);
                if (!Double.isFinite(n)) {
                    // answered as NaN it would be written as the string "NaN": never a number of the API
                    throw ApiException.at(
                            ProblemType.NON_FINITE_RESULT,
                            pointer.of(i, j),
                            "Perturbing " + pointer.of(i, j) + " by ±" + epsilon
                                    + " makes the loss not finite (L(θ + ε) = "
                                    + lossPlus + ", L(θ − ε) = " + lossMinus + "): the output leaves the loss's domain "
                                    + "or overflows a double there. Take a smaller epsilon");
                }
                numeric.set(i, j, n);
                if (crossesKink(network, plus, minus)) {
                    kinks.add(
                            new GradientCheckResponse.Kink(
                                    pointer.of(i, j),
                                    "Perturbing this parameter by ±" + epsilon
                                            + " moves a ReLU input across 0, where the derivative jumps: the finite difference is not a derivative there"));
                    continue;
                }
                double a = analytic.get(i, j);
                max = Math.max(max, Math.abs(a - n) / Math.max(1e-8, Math.abs(a) + Math.abs(n)));
            }
        }
        return new Differences(numeric, max);
    }

    /** Whether some ReLU or leaky-ReLU input changes between the two passes and lies on both sides of 0 (or on it). */
    private static boolean crossesKink(Network network, ForwardResult plus, ForwardResult minus) {
        for (int k = 0; k < network.depth(); k++) {
            if (!network.layers().get(k).f().isKinkedAtZero()) {
                continue;
            }
            // the activation's input: s_k, or batch norm's output
            DMatrixRMaj sPlus = plus.layers().get(k).u();
            DMatrixRMaj sMinus = minus.layers().get(k).u();
            for (int e = 0; e < sPlus.getNumElements(); e++) {
                double p = sPlus.data[e];
                double m = sMinus.data[e];
                if (p != m && Math.min(p, m) <= 0 && Math.max(p, m) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
