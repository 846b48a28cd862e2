package dev.backprop.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A structural check of Markdown with LaTeX math, for the tests: $$ blocks and $ spans balanced,
 * braces balanced, \begin and \end paired, and every command one KaTeX knows. The full parse is
 * scripts/katex/check-latex.mjs (KaTeX itself) over the same samples.
 */
public final class LatexCheck {

    private static final Set<String> KNOWN = Set.of(
            "overset",
            "times",
            "cdot",
            "frac",
            "partial",
            "begin",
            "end",
            "odot",
            "top",
            "sum",
            "max",
            "tfrac",
            "log",
            "operatorname",
            "left",
            "right",
            "sigma",
            "delta",
            "text",
            "dots",
            "cdots",
            "vdots",
            "tanh",
            "ln",
            "Phi",
            "sqrt",
            "le",
            "quad",
            "mathcal",
            "in",
            "mathbb",
            "ldots",
            "ne",
            "mu",
            "hat",
            "varepsilon",
            "gamma",
            "beta",
            "lVert",
            "rVert",
            "eta",
            "leftarrow",
            "lambda",
            "tau",
            "alpha");
    private static final Pattern COMMAND = Pattern.compile("\\\\([A-Za-z]+)");
    private static final Pattern INLINE = Pattern.compile("\\$([^$]+)\\$");

    private LatexCheck() {}

    /** The math fragments of a Markdown text, display blocks first, after asserting the delimiters pair up. */
    public static List<String> fragments(String markdown) {
        String[] parts = markdown.split("\\$\\$", -1);
        assertThat(parts.length % 2).as("$$ delimiters come in pairs").isEqualTo(1);
        List<String> fragments = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            if (i % 2 == 1) {
                fragments.add(parts[i]);
            } else {
                for (String line : parts[i].split("\n")) {
                    assertThat(line.chars().filter(c -> c == '$').count() % 2)
                            .as("$ delimiters pair up in: %s", line)
                            .isZero();
                    Matcher inline = INLINE.matcher(line);
                    while (inline.find()) {
                        fragments.add(inline.group(1));
                    }
                }
            }
        }
        return fragments;
    }

    /** Asserts that one LaTeX fragment is well formed. */
    public static void assertWellFormed(String latex) {
        int depth = 0;
        for (int i = 0; i < latex.length(); i++) {
            char c = latex.charAt(i);
            if (c == '\\') {
                i++;
                continue;
            }
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            assertThat(depth).as("braces in %s", latex).isNotNegative();
        }
        assertThat(depth).as("braces in %s", latex).isZero();
        Deque<String> environments = new ArrayDeque<>();
        Matcher environment = Pattern.compile("\\\\(begin|end)\\{(\\w+)}").matcher(latex);
        while (environment.find()) {
            if (environment.group(1).equals("begin")) {
                environments.push(environment.group(2));
            } else {
                assertThat(environments.poll())
                        .as("\\end{%s} in %s", environment.group(2), latex)
                        .isEqualTo(environment.group(2));
            }
        }
        assertThat(environments).as("unclosed environments in %s", latex).isEmpty();
        Matcher command = COMMAND.matcher(latex);
        while (command.find()) {
            assertThat(KNOWN).as("\\%s in %s", command.group(1), latex).contains(command.group(1));
        }
    }
}
