package dev.backprop.grading;

import dev.backprop.backprop.Warning;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.ejml.data.DMatrixRMaj;

/**
 * A grade written as the autograders read it: Gradescope's {@code results.json} and PrairieLearn's
 * external grader result. Both carry the same text per field, and reference values only when
 * the request revealed them (the error of a wrong field is left out too: with the student's own
 * number it would give the reference away).
 */
final class AutograderResults {

    static final String PASSED = "passed";
    static final String FAILED = "failed";

    private AutograderResults() {}

    /** One submitted field with its weight and the points it earns: all it earns, or nothing. */
    private record Scored(FieldVerdict field, double weight, double points) {}

    /** Every submitted field scored, in the order of the response. */
    private static List<Scored> scored(GradeService.Graded graded) {
        List<FieldVerdict> fields = graded.response().fields();
        List<Scored> scored = new ArrayList<>(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            FieldVerdict field = fields.get(i);
            double weight = graded.weights().get(i);
            scored.add(new Scored(field, weight, field.earnsPoints() ? weight : 0));
        }
        return scored;
    }

    static GradescopeResult gradescope(GradeService.Graded graded) {
        List<GradescopeResult.Test> tests = new ArrayList<>();
        double earned = 0;
        double possible = 0;
        for (Scored s : scored(graded)) {
            earned += s.points();
            possible += s.weight();
            tests.add(new GradescopeResult.Test(
                    s.field().pointer(),
                    s.points(),
                    s.weight(),
                    s.field().earnsPoints() ? PASSED : FAILED,
                    message(s.field(), graded.reveal())));
        }
        return new GradescopeResult(earned, possible, summary(graded.response(), earned, possible), tests);
    }

    static PrairieLearnResult prairieLearn(GradeService.Graded graded) {
        List<PrairieLearnResult.Test> tests = new ArrayList<>();
        double earned = 0;
        double possible = 0;
        for (Scored s : scored(graded)) {
            earned += s.points();
            possible += s.weight();
            tests.add(new PrairieLearnResult.Test(
                    s.field().pointer(), s.points(), s.weight(), message(s.field(), graded.reveal())));
        }
        return new PrairieLearnResult(
                true, graded.response().score(), summary(graded.response(), earned, possible), tests);
    }

    /** The verdict of one field in words, e.g. "Wrong (scaled): Every entry is 2× the reference: ...". */
    static String message(FieldVerdict field, boolean reveal) {
        StringBuilder text = new StringBuilder();
        if (field.correct()) {
            text.append("Correct.");
        } else {
            String diagnosis =
                    field.diagnosis() == null ? null : field.diagnosis().orElse(null);
            if (field.earnsPoints()) {
                text.append("Correct given an earlier error");
            } else {
                text.append("Wrong");
            }
            if (diagnosis != null) {
                text.append(" (").append(diagnosis).append(")");
            }
            if (field.wrongEntries() != null && !field.earnsPoints()) {
                text.append(", ")
                        .append(field.wrongEntries())
                        .append(" of ")
                        .append(field.entries())
                        .append(" entries outside the tolerance");
            }
            text.append(": ").append(field.hint());
        }
        if (reveal && field.reference() != null) {
            text.append(" Reference: ").append(format(field.reference())).append(".");
        }
        return text.toString();
    }

    private static String summary(GradeResponse grade, double earned, double possible) {
        StringBuilder text = new StringBuilder();
        text.append(number(earned))
                .append(" of ")
                .append(number(possible))
                .append(" points: ")
                .append(grade.correct())
                .append(" of ")
                .append(grade.total())
                .append(" fields correct");
        if (grade.correctGivenEarlierError() > 0) {
            text.append(", ").append(grade.correctGivenEarlierError()).append(" correct given an earlier error");
        }
        text.append(".");
        if (grade.warnings() != null) {
            for (Warning warning : grade.warnings()) {
                text.append(" Note (")
                        .append(warning.pointer())
                        .append("): ")
                        .append(warning.detail())
                        .append(".");
            }
        }
        return text.toString();
    }

    /** A revealed value as JSON would write it: a number, [a, b] or [[a, b], [c, d]]. */
    private static String format(Object value) {
        if (value instanceof Double number) {
            return number(number);
        }
        if (value instanceof double[] vector) {
            return row(vector, 0, vector.length);
        }
        DMatrixRMaj matrix = (DMatrixRMaj) value;
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < matrix.numRows; i++) {
            rows.add(row(matrix.data, i * matrix.numCols, matrix.numCols));
        }
        return "[" + String.join(", ", rows) + "]";
    }

    private static String row(double[] data, int from, int length) {
        List<String> entries = new ArrayList<>();
        for (int j = 0; j < length; j++) {
            entries.add(number(data[from + j]));
        }
        return entries.stream().collect(Collectors.joining(", ", "[", "]"));
    }

    /** 2.0 as "2", 0.5 as "0.5": the shortest decimal that reads back as the double. */
    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
