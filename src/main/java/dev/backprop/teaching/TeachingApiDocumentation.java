package dev.backprop.teaching;

import dev.backprop.web.OpenApiSchemas;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The teaching endpoints' requests as the services read them: a /backprop/batch's problems as what
 * they are (any JSON value, each answered on its own), at most {@code
 * backprop.teaching.batch-max-problems} of them ({@link TeachingSettings}, read when the spec is
 * built); an /explain request's /train part ({@code steps}, {@code state}) only with an optimizer,
 * which needs targets. And the sizes of their answers.
 */
@Configuration(proxyBeanMethods = false)
class TeachingApiDocumentation {

    @Bean
    OpenApiCustomizer teachingDocumentation(TeachingSettings settings) {
        return api -> {
            Map<String, Schema> schemas = api.getComponents().getSchemas();
            batchProblems(OpenApiSchemas.property(schemas.get("BatchRequest"), "problems"), settings);
            explainsOneStepWithAnOptimizer(schemas.get("ExplainRequest"));
            answerSizes(schemas, settings);
        };
    }

    /**
     * A batch answers one result per problem, each with /backprop's status; a gradient check lists
     * at most one kink per parameter it perturbs; the catalogue lists every layout, activation and
     * loss, as many as there are.
     */
    @SuppressWarnings({"rawtypes"})
    private static void answerSizes(Map<String, Schema> schemas, TeachingSettings settings) {
        Schema results = OpenApiSchemas.property(schemas.get("BatchResponse"), "results");
        if (results != null) {
            results.setMaxItems(settings.batchMaxProblems());
        }
        Schema status = OpenApiSchemas.property(schemas.get("BatchResult"), "status");
        if (status != null) {
            status.setMinimum(BigDecimal.valueOf(200));
            status.setMaximum(BigDecimal.valueOf(599));
        }
        Schema kinks = OpenApiSchemas.property(schemas.get("GradientCheckResponse"), "kinks");
        if (kinks != null) {
            kinks.setMaxItems(settings.gradientCheckMaxParameters());
        }
        FunctionCatalogue catalogue = FunctionCatalogue.fromEnums();
        Map<String, Integer> sizes = Map.of(
                "layouts", catalogue.layouts().size(),
                "activations", catalogue.activations().size(),
                "losses", catalogue.losses().size());
        sizes.forEach((name, size) -> {
            Schema list = OpenApiSchemas.property(schemas.get("FunctionCatalogue"), name);
            if (list != null) {
                list.setMinItems(size);
                list.setMaxItems(size);
            }
        });
    }

    /**
     * {@link BatchService} reads each problem on its own, so a batch takes any JSON value as a
     * problem: a /backprop request is solved, anything else answered with its problem.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void batchProblems(Schema problems, TeachingSettings settings) {
        if (problems == null) {
            return;
        }
        problems.setMaxItems(settings.batchMaxProblems());
        Schema other = new Schema<>()
                .description("Any other JSON value, even one that is not an object: answered in its result with "
                        + "the status and the problem /backprop would answer it with (400 or 422); it fails no "
                        + "other problem, and the batch still answers 200.");
        Schema problem = new Schema<>()
                .description("A /backprop request, solved as /backprop solves it; the batch takes any JSON value here.")
                .anyOf(new ArrayList<>(List.of(new Schema<>().$ref("#/components/schemas/BackpropRequest"), other)));
        problems.setItems(problem);
    }

    /** /explain writes out a /train step only with an optimizer, and a step needs targets y. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void explainsOneStepWithAnOptimizer(Schema explain) {
        if (explain == null || explain.getProperties() == null) {
            return;
        }
        if (explain.getDependentRequired() == null) {
            explain.setDependentRequired(new LinkedHashMap<>());
        }
        explain.getDependentRequired().put("steps", List.of("optimizer"));
        explain.getDependentRequired().put("state", List.of("optimizer"));
        if (explain.getDependentSchemas() == null) {
            explain.setDependentSchemas(new LinkedHashMap<>());
        }
        explain.getDependentSchemas().put("optimizer", new Schema<>().required(new ArrayList<>(List.of("y"))));
    }
}
