package dev.backprop.teaching;

import dev.backprop.backprop.BackpropRequest;
import dev.backprop.backprop.BackpropResponse;
import dev.backprop.backprop.BackpropService;
import dev.backprop.backprop.BackpropService.Solved;
import dev.backprop.backprop.LayerResponse;
import dev.backprop.backprop.Layout;
import dev.backprop.backprop.PreparedRequest;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Backprop;
import java.math.BigDecimal;
import java.math.MathContext;
import org.ejml.data.DMatrixRMaj;
import org.springframework.stereotype.Service;

/**
 * The forward and backward pass of a request written out as Markdown with LaTeX ($…$ and
 * $$…$$, for KaTeX or MathJax), in the seed's notation: every term has its shape over it,
 * {@code \overset{[D_k \times N]}{s_k}}, then this problem's numbers.
 */
@Service
public class ExplainService {

    /** Rows and columns shown of a matrix; larger ones are elided with dots. */
    static final int SHOWN = 8;

    private final BackpropService backprop;

    public ExplainService(BackpropService backprop) {
        this.backprop = backprop;
    }

    public String explain(BackpropRequest request) {
        Solved solved = backprop.solve(request);
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
                .append(", loss **")
                .append(prepared.loss().apiName())
                .append("**. Sizes: $N = ")
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
        md.append(". Each term carries its shape over it, as in the seed: $")
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
            md.append(display(over(layout.samplesShape("D_" + k), "z_" + k) + " = f_" + k + "(s_" + k + ") = "
                    + matrix(layer.activation())));
        }

        md.append("## Loss\n\n");
        md.append(display("L = " + prepared.loss().latex() + " = " + number(answer.loss())));

        md.append("## Backward pass\n\n");
        md.append(
                        "$\\delta_k = \\frac{\\partial L}{\\partial s_k}$ is $N \\times D_k$ in every layout (the seed: sample-first in backward). ")
                .append("For $k = ")
                .append(L)
                .append(", \\dots, 1$: $\\delta_k = \\frac{\\partial L}{\\partial z_k} \\odot f_k'(s_k)$, $")
                .append(layout.weightGradientLatex())
                .append("$ and $")
                .append(layout.inputGradientLatex())
                .append("$.\n\n");
        String transposedNote = layout.samplesAreColumns() ? "^\\top" : "";
        md.append(display(over("N×D_" + L, "\\frac{\\partial L}{\\partial y_{out}}") + " = \\left("
                + prepared.loss().gradientLatex() + "\\right)"
                + (layout.samplesAreColumns() ? " \\text{ on } y_{out}^\\top, y^\\top" : "") + " = "
                + matrix(answer.outputGradient())));
        for (int k = L; k >= 1; k--) {
            Activation f = prepared.network().layers().get(k - 1).f();
            LayerResponse layer = answer.layers().get(k - 1);
            md.append("### Layer ").append(k).append("\n\n");
            String g = "\\frac{\\partial L}{\\partial z_{" + k + "}}";
            if (k == L) {
                md.append(display(over("N×D_" + k, g) + " = \\frac{\\partial L}{\\partial y_{out}}"));
            } else {
                DMatrixRMaj gValue = Backprop.inputGradient(
                        answer.layers().get(k).delta(),
                        prepared.network().layers().get(k).W());
                md.append(display(
                        over("N×D_" + k, g) + " = " + inputGradientTerms(layout, k + 1) + " = " + matrix(gValue)));
            }
            String derivative = f == Activation.SOFTMAX
                    ? "J_{\\operatorname{softmax}}(s_{" + k + "}) \\text{ per sample}"
                    : "f_" + k + "'(s_" + k + ")" + transposedNote;
            md.append(display(over("N×D_" + k, "\\delta_" + k) + " = " + g + " \\odot " + derivative + " = "
                    + matrix(layer.delta())));
            md.append(display(
                    over(layout.weightsShape("D_" + k, "D_" + (k - 1)), "\\frac{\\partial L}{\\partial W_" + k + "}")
                            + " = " + weightGradientTerms(layout, k) + " = " + matrix(layer.weightGradient())));
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
            case DIMENSION_FIRST -> over(units + "×" + inputs, W) + " \\cdot " + over(inputs + "×N", z);
            case SAMPLE_FIRST -> over("N×" + inputs, z) + " \\cdot " + over(inputs + "×" + units, W);
            case TORCH -> over("N×" + inputs, z) + " \\cdot " + over(inputs + "×" + units, W + "^\\top");
        };
    }

    private static String forwardNumbers(Layout layout, DMatrixRMaj W, DMatrixRMaj zPrevious) {
        return switch (layout) {
            case DIMENSION_FIRST -> matrix(W) + " \\cdot " + matrix(zPrevious);
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
        };
    }

    /** The seed's {@code \overset{[D_k \times N]}{s_k}}. */
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
