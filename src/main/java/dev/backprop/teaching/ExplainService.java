package dev.backprop.teaching;

import dev.backprop.backprop.BackpropRequest;
import dev.backprop.backprop.BackpropResponse;
import dev.backprop.backprop.BackpropService;
import dev.backprop.backprop.BackpropService.Solved;
import dev.backprop.backprop.BatchNormResponse;
import dev.backprop.backprop.LayerResponse;
import dev.backprop.backprop.Layout;
import dev.backprop.backprop.Orientation;
import dev.backprop.backprop.PreparedRequest;
import dev.backprop.backprop.Quantity;
import dev.backprop.nn.Activation;
import dev.backprop.train.OptimizerRequest;
import dev.backprop.train.TrainResponse;
import dev.backprop.train.TrainService;
import dev.backprop.web.ApiException;
import dev.backprop.web.ProblemType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.springframework.stereotype.Service;

/**
 * The forward and backward pass of a request written out as Markdown with LaTeX ($…$ and
 * $$…$$, for KaTeX or MathJax), in the notation of the 2017 matrix-math note: every term has its shape over it,
 * {@code \overset{[D_k \times N]}{s_k}}, then this problem's numbers.
 */
@Service
public class ExplainService {

    /** Rows and columns shown of a matrix; larger ones are elided with dots. */
    static final int SHOWN = 8;

    private final BackpropService backprop;
    private final TrainService train;

    public ExplainService(BackpropService backprop, TrainService train) {
        this.backprop = backprop;
        this.train = train;
    }

    /** The forward and backward pass of the request, and for a /train request its step. */
    public String explain(ExplainRequest request) {
        if (request.optimizer() == null) {
            for (String option : new String[] {"steps", "state"}) {
                if ((option.equals("steps") ? request.steps() : request.state()) != null) {
                    throw ApiException.at(
                            ProblemType.INVALID_VALUE,
                            "/" + option,
                            "/" + option + " is given without /optimizer: it belongs to a /train request, whose step "
                                    + "/explain writes out only with an optimizer");
                }
            }
            return explain(request.problem());
        }
        if (request.outputGradient() != null) {
            throw ApiException.at(
                    ProblemType.INVALID_VALUE,
                    "/outputGradient",
                    "/outputGradient is given with /optimizer, but a training step needs targets y and a loss");
        }
        if (request.steps() != null && request.steps() != 1) {
            throw ApiException.at(
                    ProblemType.INVALID_VALUE,
                    "/steps",
                    "/steps is " + request.steps() + ", but /explain writes out one step: send 1, or use /train");
        }
        // the training request first: every check of it, and its cost, before any text is written
        TrainResponse trained = train.train(request.training());
        BackpropRequest problem = request.problem();
        Solved solved = backprop.solve(problem);
        return explain(problem, solved) + update(request, solved.response(), trained);
    }

    /** One weight of each layer through the optimizer's step, W_k[0][0] as sent. */
    private String update(ExplainRequest request, BackpropResponse answer, TrainResponse trained) {
        OptimizerRequest optimizer = request.optimizer();
        StringBuilder md = new StringBuilder("## The update\n\n");
        md.append("One step of **")
                .append(optimizer.name())
                .append("** with learning rate $\\eta = ")
                .append(number(optimizer.learningRate()))
                .append("$, as `torch.optim` takes it: ")
                .append(UPDATES.getOrDefault(optimizer.name(), ""))
                .append(" For one weight of each layer, $w = W_k[0][0]$ as sent:\n\n");
        for (int k = 1; k <= answer.layers().size(); k++) {
            double w = request.layers().get(k - 1).weights().get(0, 0);
            double g = answer.layers().get(k - 1).weightGradient().get(0, 0);
            double after = trained.layers().get(k - 1).weights().get(0, 0);
            String plain = "sgd".equals(optimizer.name()) && isPlainSgd(optimizer)
                    ? " = " + number(w) + " - " + number(optimizer.learningRate()) + " \\cdot " + number(g)
                    : "";
            md.append(display("w = " + number(w) + ",\\quad \\frac{\\partial L}{\\partial w} = " + number(g)
                    + ",\\quad w' = " + (plain.isEmpty() ? "" : "w - \\eta \\frac{\\partial L}{\\partial w}")
                    + plain + " = " + number(after)));
        }
        md.append("The loss goes from $L_0 = ")
                .append(number(trained.lossHistory()[0]))
                .append("$ to $L_1 = ")
                .append(number(trained.lossHistory()[1]))
                .append("$ after the step.\n");
        return md.toString();
    }

    private static boolean isPlainSgd(OptimizerRequest optimizer) {
        return (optimizer.momentum() == null || optimizer.momentum() == 0)
                && (optimizer.weightDecay() == null || optimizer.weightDecay() == 0);
    }

    /** Each optimizer's update of a weight w with gradient g, in LaTeX. */
    private static final Map<String, String> UPDATES = Map.of(
            "sgd",
            "$g \\leftarrow g + \\lambda w$; with momentum $\\mu$, $b \\leftarrow \\mu b + (1 - \\tau) g$ (the "
                    + "first step of a fresh state sets $b \\leftarrow g$) and $g \\leftarrow b$; then "
                    + "$w \\leftarrow w - \\eta g$.",
            "adam",
            "$m \\leftarrow \\beta_1 m + (1 - \\beta_1) g$, $v \\leftarrow \\beta_2 v + (1 - \\beta_2) g^2$, "
                    + "$w \\leftarrow w - \\frac{\\eta}{1 - \\beta_1^t} \\frac{m}{\\sqrt{v}/\\sqrt{1 - \\beta_2^t} + \\varepsilon}$.",
            "adamw",
            "$w \\leftarrow w (1 - \\eta \\lambda)$, then adam's update.",
            "rmsprop",
            "$v \\leftarrow \\alpha v + (1 - \\alpha) g^2$, $w \\leftarrow w - \\eta \\frac{g}{\\sqrt{v} + \\varepsilon}$.",
            "adagrad",
            "$s \\leftarrow s + g^2$, $w \\leftarrow w - \\eta \\frac{g}{\\sqrt{s} + \\varepsilon}$.");

    /** The forward and backward pass of a /backprop request. */
    public String explain(BackpropRequest request) {
        return explain(request, backprop.solve(request));
    }

    /** The text of a request as sent and its solution. */
    private String explain(BackpropRequest request, Solved solved) {
        PreparedRequest prepared = solved.prepared();
        BackpropResponse answer = solved.response();
        Layout layout = prepared.layout();
        int L = answer.layers().size();
        int N = prepared.x().numRows;
        StringBuilder md = new StringBuilder();

        md.append("# Forward and backward pass, step by step\n\n");
        md.append("Layout **")
                .append(layout.apiName())
                .append("**, ")
                .append(L)
                .append(L == 1 ? " layer" : " layers")
                .append(
                        prepared.y() == null
                                ? ", no loss: the backward pass starts from the given $\\frac{\\partial L}{\\partial y_{out}}$"
                                : ", loss **" + prepared.loss().loss().apiName() + "** (reduction "
                                        + prepared.loss().reduction().apiName()
                                        + (prepared.loss().probabilities() ? ", on probabilities" : "") + ")")
                .append(". Sizes: $N = ")
                .append(N)
                .append("$ samples, $D_0 = ")
                .append(prepared.network().inputs())
                .append("$ inputs");
        for (int k = 1; k <= L; k++) {
            md.append(", $D_")
                    .append(k)
                    .append(" = ")
                    .append(prepared.network().layers().get(k - 1).units())
                    .append("$");
        }
        md.append(". Each term carries its shape over it, as in the 2017 matrix-math note on backpropagation: $")
                .append(over("D_k×N", "s_k"))
                .append("$ is ")
                .append("a $D_k \\times N$ matrix.\n\n");

        md.append("## Forward pass\n\n");
        md.append("With $z_0 = x$, for $k = 1, \\dots, ")
                .append(L)
                .append("$: $")
                .append(layout.forwardLatex())
                .append("$ and $z_k = f_k(s_k)$.\n\n");
        md.append(display(over(layout.samplesShape("D_0"), "z_0") + " = x = " + matrix(request.x())));
        for (int k = 1; k <= L; k++) {
            Activation f = prepared.network().layers().get(k - 1).f();
            LayerResponse layer = answer.layers().get(k - 1);
            DMatrixRMaj W = request.layers().get(k - 1).weights();
            double[] b = request.layers().get(k - 1).bias();
            DMatrixRMaj zPrevious =
                    k == 1 ? request.x() : answer.layers().get(k - 2).activation();
            md.append("### Layer ")
                    .append(k)
                    .append(": $f_")
                    .append(k)
                    .append(" = $ ")
                    .append(f.apiName())
                    .append(", $f(s) = ")
                    .append(f.latex())
                    .append("$\n\n");
            String bias = b == null ? "" : " + " + over("D_" + k, "b_" + k);
            String biasNumbers = b == null ? "" : " + " + vector(b);
            md.append(display(over(layout.samplesShape("D_" + k), "s_" + k) + " = " + forwardTerms(layout, k) + bias
                    + " = " + forwardNumbers(layout, W, zPrevious) + biasNumbers + " = "
                    + matrix(layer.preActivation())));
            String input = "s_" + k;
            BatchNormResponse batchNorm = layer.batchNorm();
            if (batchNorm != null) {
                input = "u_" + k;
                md.append(display(over(layout.shape(Quantity.BATCH_NORM_NORMALIZED, k), "\\hat s_" + k)
                        + " = \\frac{s_" + k + " - \\mu_" + k + "}{\\sqrt{\\sigma_" + k + "^2 + \\varepsilon}},\\ \\mu_"
                        + k
                        + " = " + vector(batchNorm.mean()) + ",\\ \\sigma_" + k + "^2 = "
                        + vector(batchNorm.variance()) + " = " + matrix(batchNorm.normalized())));
                md.append(display(over(layout.shape(Quantity.BATCH_NORM_OUTPUT, k), "u_" + k) + " = \\gamma_" + k
                        + " \\odot \\hat s_" + k + " + \\beta_" + k + " = " + matrix(batchNorm.output())));
            }
            String dropout = request.layers().get(k - 1).dropout() == null
                    ? ""
                    : " \\odot \\frac{m_" + k + "}{"
                            + number(request.layers().get(k - 1).dropout().keepProbability()) + "}";
            md.append(display(over(layout.samplesShape("D_" + k), "z_" + k) + " = f_" + k + "(" + input + ")" + dropout
                    + " = " + matrix(layer.activation())));
        }

        if (prepared.y() != null) {
            md.append("## Loss\n\n");
            String penalty = prepared.regularized() ? " + R" : "";
            md.append(display("L = " + prepared.loss().latex() + penalty + " = " + number(answer.loss())));
        }
        if (prepared.regularized()) {
            md.append(display("R = " + number(prepared.regularization().l2()) + " \\sum_k \\lVert W_k \\rVert_F^2 + "
                    + number(prepared.regularization().l1()) + " \\sum_k \\sum |W_k|"
                    + (prepared.regularization().includeBias() ? " \\text{ (biases included)}" : "") + " = "
                    + number(answer.regularizationLoss())));
        }

        md.append("## Backward pass\n\n");
        md.append("$\\delta_k = \\frac{\\partial L}{\\partial s_k}$ is $"
                        + layout.shape(Quantity.DELTA, -1).replace("×", " \\times ") + "$ in this layout. ")
                .append("For $k = ")
                .append(L)
                .append(", \\dots, 1$: $\\delta_k = \\frac{\\partial L}{\\partial z_k} \\odot f_k'(s_k)$, $")
                .append(layout.weightGradientLatex())
                .append("$ and $")
                .append(layout.inputGradientLatex())
                .append("$.\n\n");
        // f′(s_k) is oriented as s_k; it needs a transpose where δ_k is not
        boolean deltaTransposedFromS =
                layout.transposes(Orientation.BACKWARD) != layout.transposes(Orientation.SAMPLES);
        String transposedNote = deltaTransposedFromS ? "^\\top" : "";
        String dLdyOut = over(layout.shape(Quantity.OUTPUT_GRADIENT, L), "\\frac{\\partial L}{\\partial y_{out}}");
        md.append(display(
                prepared.y() == null
                        ? dLdyOut + " = \\text{given} = " + matrix(answer.outputGradient())
                        : dLdyOut + " = \\left(" + prepared.loss().gradientLatex() + "\\right)"
                                + (deltaTransposedFromS ? " \\text{ on } y_{out}^\\top, y^\\top" : "") + " = "
                                + matrix(answer.outputGradient())));
        for (int k = L; k >= 1; k--) {
            Activation f = prepared.network().layers().get(k - 1).f();
            LayerResponse layer = answer.layers().get(k - 1);
            md.append("### Layer ").append(k).append("\n\n");
            String g = "\\frac{\\partial L}{\\partial z_{" + k + "}}";
            String gShape = layout.shape(Quantity.ACTIVATION_GRADIENT, k);
            if (k == L) {
                md.append(display(over(gShape, g) + " = \\frac{\\partial L}{\\partial y_{out}}"));
            } else {
                md.append(display(over(gShape, g) + " = " + inputGradientTerms(layout, k + 1) + " = "
                        + matrix(layer.activationGradient())));
            }
            if (request.layers().get(k - 1).dropout() != null) {
                g = g + " \\odot \\frac{m_" + k + "}{q_" + k + "}";
            }
            String derivative = f == Activation.SOFTMAX
                    ? "J_{\\operatorname{softmax}}(s_{" + k + "}) \\text{ per sample}"
                    : "f_" + k + "'(s_" + k + ")" + transposedNote;
            String deltaShape = layout.shape(Quantity.DELTA, k);
            if (layer.batchNorm() != null) {
                md.append(display(over(deltaShape, "\\frac{\\partial L}{\\partial u_" + k + "}") + " = " + g
                        + " \\odot " + derivative.replace("s_" + k, "u_" + k) + " = "
                        + matrix(layer.batchNorm().outputDelta())));
                md.append(display(over(deltaShape, "\\delta_" + k) + " = \\frac{\\gamma_" + k + "}{\\sqrt{\\sigma_" + k
                        + "^2 + \\varepsilon}} \\odot \\left(\\frac{\\partial L}{\\partial u_" + k
                        + "} - \\operatorname{mean}_n \\frac{\\partial L}{\\partial u_" + k + "} - \\hat s_" + k
                        + " \\odot \\operatorname{mean}_n\\!\\left(\\frac{\\partial L}{\\partial u_" + k
                        + "} \\odot \\hat s_" + k + "\\right)\\right) = " + matrix(layer.delta())));
                md.append(display("\\frac{\\partial L}{\\partial \\gamma_" + k + "} = "
                        + vector(layer.batchNorm().gammaGradient()) + ",\\quad \\frac{\\partial L}{\\partial \\beta_"
                        + k + "} = " + vector(layer.batchNorm().betaGradient())));
            } else {
                md.append(display(over(deltaShape, "\\delta_" + k) + " = " + g + " \\odot " + derivative + " = "
                        + matrix(layer.delta())));
            }
            String penalty = prepared.regularization().l2() == 0
                            && prepared.regularization().l1() == 0
                    ? ""
                    : " + 2 \\cdot " + number(prepared.regularization().l2()) + " \\, W_" + k + " + "
                            + number(prepared.regularization().l1()) + " \\operatorname{sign}(W_" + k + ")";
            md.append(display(
                    over(layout.weightsShape("D_" + k, "D_" + (k - 1)), "\\frac{\\partial L}{\\partial W_" + k + "}")
                            + " = " + weightGradientTerms(layout, k) + penalty + " = "
                            + matrix(layer.weightGradient())));
            if (layer.biasGradient() != null) {
                md.append(display(over("D_" + k, "\\frac{\\partial L}{\\partial b_" + k + "}")
                        + " = \\sum_{n=1}^{N} \\delta_{" + k + ",n} = " + vector(layer.biasGradient())));
            }
        }
        if (!answer.warnings().isEmpty()) {
            md.append("## Conventions that decided this answer\n\n");
            answer.warnings()
                    .forEach(w -> md.append("- `")
                            .append(w.code())
                            .append("` at `")
                            .append(w.pointer())
                            .append("`: ")
                            .append(w.detail())
                            .append("\n"));
            md.append("\n");
        }
        return md.toString();
    }

    private static String forwardTerms(Layout layout, int k) {
        String W = "W_" + k;
        String z = "z_{" + (k - 1) + "}";
        String inputs = "D_{" + (k - 1) + "}";
        String units = "D_" + k;
        return switch (layout) {
            case DIMENSION_FIRST, DIMENSION_FIRST_THROUGHOUT ->
                over(units + "×" + inputs, W) + " \\cdot " + over(inputs + "×N", z);
            case SAMPLE_FIRST -> over("N×" + inputs, z) + " \\cdot " + over(inputs + "×" + units, W);
            case TORCH -> over("N×" + inputs, z) + " \\cdot " + over(inputs + "×" + units, W + "^\\top");
        };
    }

    private static String forwardNumbers(Layout layout, DMatrixRMaj W, DMatrixRMaj zPrevious) {
        return switch (layout) {
            case DIMENSION_FIRST, DIMENSION_FIRST_THROUGHOUT -> matrix(W) + " \\cdot " + matrix(zPrevious);
            case SAMPLE_FIRST -> matrix(zPrevious) + " \\cdot " + matrix(W);
            case TORCH -> matrix(zPrevious) + " \\cdot " + matrix(W) + "^\\top";
        };
    }

    /** ∂L/∂z_{k-1} = δ_k · W_k (or W_kᵀ) with shapes, for the layer k above. */
    private static String inputGradientTerms(Layout layout, int k) {
        String units = "D_" + k;
        String inputs = "D_{" + (k - 1) + "}";
        String delta = over("N×" + units, "\\delta_" + k);
        return switch (layout) {
            case DIMENSION_FIRST, TORCH -> delta + " \\cdot " + over(units + "×" + inputs, "W_" + k);
            case SAMPLE_FIRST -> delta + " \\cdot " + over(units + "×" + inputs, "W_" + k + "^\\top");
            case DIMENSION_FIRST_THROUGHOUT ->
                over(inputs + "×" + units, "W_" + k + "^\\top") + " \\cdot " + over(units + "×N", "\\delta_" + k);
        };
    }

    private static String weightGradientTerms(Layout layout, int k) {
        String units = "D_" + k;
        String inputs = "D_{" + (k - 1) + "}";
        String z = "z_{" + (k - 1) + "}";
        return switch (layout) {
            case DIMENSION_FIRST ->
                over(units + "×N", "\\delta_" + k + "^\\top") + " \\cdot " + over("N×" + inputs, z + "^\\top");
            case SAMPLE_FIRST -> over(inputs + "×N", z + "^\\top") + " \\cdot " + over("N×" + units, "\\delta_" + k);
            case TORCH -> over(units + "×N", "\\delta_" + k + "^\\top") + " \\cdot " + over("N×" + inputs, z);
            case DIMENSION_FIRST_THROUGHOUT ->
                over(units + "×N", "\\delta_" + k) + " \\cdot " + over("N×" + inputs, z + "^\\top");
        };
    }

    /** The shape over a term, {@code \overset{[D_k \times N]}{s_k}}, as the 2017 matrix-math note writes it. */
    static String over(String shape, String term) {
        return "\\overset{[" + shape.replace("×", " \\times ") + "]}{" + term + "}";
    }

    private static String display(String latex) {
        return "$$\n" + latex + "\n$$\n\n";
    }

    static String matrix(DMatrixRMaj m) {
        StringBuilder latex = new StringBuilder("\\begin{bmatrix}");
        int rows = Math.min(m.numRows, SHOWN);
        int columns = Math.min(m.numCols, SHOWN);
        for (int i = 0; i < rows; i++) {
            if (i > 0) {
                latex.append(" \\\\ ");
            }
            for (int j = 0; j < columns; j++) {
                latex.append(j > 0 ? " & " : "").append(number(m.get(i, j)));
            }
            if (columns < m.numCols) {
                latex.append(" & \\cdots");
            }
        }
        if (rows < m.numRows) {
            latex.append(" \\\\ \\vdots");
        }
        return latex.append("\\end{bmatrix}").toString();
    }

    private static String vector(double[] values) {
        return matrix(DMatrixRMaj.wrap(1, values.length, values));
    }

    /** 2 as "2", 0.5 as "0.5", otherwise 6 significant digits; powers of ten in LaTeX. */
    static String number(double value) {
        if (value == 0) {
            return "0";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e9) {
            return Long.toString((long) value);
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros();
        double magnitude = Math.abs(value);
        if (magnitude >= 1e-4 && magnitude < 1e9) {
            return rounded.toPlainString();
        }
        int exponent = rounded.precision() - rounded.scale() - 1;
        return rounded.movePointLeft(exponent).toPlainString() + " \\times 10^{" + exponent + "}";
    }
}
