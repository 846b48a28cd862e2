package dev.backprop.grading;

import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The mistake catalogue in the OpenAPI description, generated from {@link Mistakes#CATALOGUE} so
 * that a new row is documented with it: the codes of {@code FieldVerdict.diagnosis} as an enum,
 * with what each means, in the order they are tried.
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
