package dev.backprop.grading;

import dev.backprop.limits.LimitsProperties;
import dev.backprop.web.OpenApiSchemas;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

/**
 * The mistake catalogue in the OpenAPI description, generated from {@link Mistakes#CATALOGUE} so
 * that a new row is documented with it: the codes of {@code FieldVerdict.diagnosis} as an enum,
 * with what each means, in the order they are tried; the answer of {@code /grade} in each
 * autograder format, recorded from the service by {@code OpenApiExamplesTests}; and the sizes of
 * a grade, from {@link Field} and the compute limits.
 */
@Configuration(proxyBeanMethods = false)
class GradingApiDocumentation {

    @Bean
    OpenApiCustomizer mistakeCatalogueDocumentation() {
        return api -> {
            Schema<?> verdict = api.getComponents().getSchemas().get("FieldVerdict");
            if (verdict == null
                    || verdict.getProperties() == null
                    || !verdict.getProperties().containsKey("diagnosis")) {
                return;
            }
            describe(verdict.getProperties().get("diagnosis"));
        };
    }

    /**
     * {@code GradeRequest.problem} as what it accepts, {@code oneOf} a /backprop and a /train
     * request, rather than the record both are read into.
     */
    @Bean
    @SuppressWarnings({"rawtypes"})
    OpenApiCustomizer gradeProblemIsOneOfTheRequests() {
        return api -> {
            Schema<?> request = api.getComponents().getSchemas().get("GradeRequest");
            if (request == null || request.getProperties() == null) {
                return;
            }
            Schema problem = request.getProperties().get("problem");
            if (problem != null && problem.getOneOf() != null) {
                problem.set$ref(null);
                api.getComponents().getSchemas().remove("GradeProblem");
            }
        };
    }

    /**
     * The sizes of a grade: at most one verdict (and one autograder test) per field a submission can
     * hold, each a field of the answer or of one of its {@code max-layers} layers; a field of at
     * most {@code max-numbers} entries.
     */
    @Bean
    @SuppressWarnings({"rawtypes"})
    OpenApiCustomizer gradeSizes(LimitsProperties limits) {
        int layers = limits.compute().maxLayers();
        int fields = Arrays.stream(Field.values())
                .mapToInt(field -> field.perLayer() ? layers : 1)
                .sum();
        BigDecimal entries = BigDecimal.valueOf(limits.compute().maxNumbers());
        return api -> {
            Map<String, Schema> schemas = api.getComponents().getSchemas();
            for (String[] list : new String[][] {
                {"GradeResponse", "fields"}, {"GradescopeResult", "tests"}, {"PrairieLearnResult", "tests"}
            }) {
                Schema property = OpenApiSchemas.property(schemas.get(list[0]), list[1]);
                if (property != null) {
                    property.setMaxItems(fields);
                }
            }
            for (String count : List.of("correct", "correctGivenEarlierError", "total")) {
                bound(OpenApiSchemas.property(schemas.get("GradeResponse"), count), BigDecimal.valueOf(fields));
            }
            for (String count : List.of("entries", "wrongEntries")) {
                bound(OpenApiSchemas.property(schemas.get("FieldVerdict"), count), entries);
            }
        };
    }

    @SuppressWarnings("rawtypes")
    private static void bound(Schema count, BigDecimal most) {
        if (count != null) {
            count.setMinimum(BigDecimal.ZERO);
            count.setMaximum(most);
        }
    }

    /** A field's points are a weight > 0, as the grader requires of each value of {@code points}. */
    @Bean
    OpenApiCustomizer pointsAreWeights() {
        return api -> {
            Schema<?> request = api.getComponents().getSchemas().get("GradeRequest");
            Schema<?> points = request == null || request.getProperties() == null
                    ? null
                    : request.getProperties().get("points");
            if (points != null && points.getAdditionalProperties() instanceof Schema<?> weight) {
                weight.setExclusiveMinimumValue(java.math.BigDecimal.ZERO);
            }
        };
    }

    /** The formats whose complete answer is an example of the 200 response, each from {@value #RESPONSES}NAME.json. */
    static final List<String> FORMAT_EXAMPLES = List.of("grade-gradescope", "grade-prairielearn");

    static final String RESPONSES = "openapi/responses/";

    @Bean
    OpenApiCustomizer autograderFormatExamples() {
        return api -> {
            PathItem path = api.getPaths() == null ? null : api.getPaths().get("/api/v1/grade");
            Operation post = path == null ? null : path.getPost();
            ApiResponse ok = post == null || post.getResponses() == null
                    ? null
                    : post.getResponses().get("200");
            MediaType json = ok == null || ok.getContent() == null
                    ? null
                    : ok.getContent().get(org.springframework.http.MediaType.APPLICATION_JSON_VALUE);
            if (json == null) {
                return;
            }
            for (String name : FORMAT_EXAMPLES) {
                try (InputStream in = new ClassPathResource(RESPONSES + name + ".json").getInputStream()) {
                    com.fasterxml.jackson.databind.JsonNode file = Json.mapper().readTree(in);
                    json.addExamples(
                            name.substring("grade-".length()),
                            new Example().summary(file.path("summary").asText()).value(file.get("value")));
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read the response example " + name, e);
                }
            }
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void describe(Schema diagnosis) {
        StringBuilder table = new StringBuilder("""
                The mistakes are tried in this order; the first whose recomputed answer reproduces the \
                student's field within the tolerance is named:

                | diagnosis | what the student did |
                |---|---|
                """);
        List<Object> codes = new ArrayList<>();
        for (Mistakes.Mistake mistake : Mistakes.CATALOGUE) {
            table.append("| `")
                    .append(mistake.code())
                    .append("` | ")
                    .append(mistake.meaning())
                    .append(" |\n");
            codes.add(mistake.code());
        }
        codes.add(null);
        diagnosis.setEnum(codes);
        diagnosis.setDescription(
                diagnosis.getDescription() + "\n\n" + table.toString().strip());
    }
}
