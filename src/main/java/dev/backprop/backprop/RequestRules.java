package dev.backprop.backprop;

import dev.backprop.nn.Loss;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link RequestValidator} requires of a /backprop request beyond each property's own type
 * and range, said in JSON Schema 2020-12 wherever it can be, for every request schema that holds
 * such a problem: which of y and outputGradient, which losses take lossInput, what targets hinge
 * losses take, a dropout mask's values, batch normalization's running statistics. What JSON
 * Schema cannot say (shapes that chain, one 1 per sample across a layout's orientation) is left to
 * the validator and the descriptions.
 */
final class RequestRules {

    /** The request schemas whose backward pass starts from y or from outputGradient, one of them. */
    private static final List<String> BACKWARD = List.of("BackpropRequest", "GradientCheckRequest", "ExplainRequest");

    /** Every request schema that holds a /backprop problem's loss options. */
    private static final List<String> PROBLEMS = List.of(
            "BackpropRequest",
            "ForwardRequest",
            "GradientCheckRequest",
            "ExplainRequest",
            "TrainRequest",
            "ProblemRequest");

    private RequestRules() {}

    static void apply(OpenAPI api) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        for (String name : PROBLEMS) {
            Schema<?> request = schemas.get(name);
            if (request == null || request.getProperties() == null) {
                continue;
            }
            if (BACKWARD.contains(name)) {
                // exactly one: targets and a loss, or a given ∂L/∂y_out
                request.setOneOf(new ArrayList<>(List.of(requires("y"), requires("outputGradient"))));
            } else if (request.getProperties().containsKey("outputGradient")) {
                // /forward: either, or neither
                request.setNot(requires("y", "outputGradient"));
            }
            if (request.getProperties().containsKey("outputGradient")) {
                dependentSchema(request, "outputGradient", noLoss());
            }
            if (request.getProperties().containsKey("lossInput")) {
                dependentSchema(request, "lossInput", lossWithAChoiceOfInput());
            }
            if (request.getProperties().containsKey("y")) {
                targetsOfEachLoss(request);
            }
        }
        dropoutMask(schemas.get("DropoutRequest"));
        runningStatistics(schemas.get("BatchNormRequest"));
    }

    /** With outputGradient the backward pass has no loss: none of the properties that choose one. */
    private static Schema<?> noLoss() {
        List<Schema> any = new ArrayList<>();
        RequestValidator.LOSS_OPTIONS.forEach(option -> any.add(requires(option)));
        return new Schema<>().not(new Schema<>().anyOf(any));
    }

    /** lossInput chooses between logits and probabilities only for a loss that has the choice. */
    private static Schema<?> lossWithAChoiceOfInput() {
        List<String> losses = Arrays.stream(Loss.values())
                .filter(Loss::hasProbabilityInput)
                .map(Loss::apiName)
                .toList();
        return requires("loss").addProperty("loss", enumOf(new ArrayList<>(losses)));
    }

    /**
     * Each loss whose targets take only some values: y's entries are those values when that is the
     * loss, and y's description says so (one-hot rows, which JSON Schema cannot say across a
     * layout's orientation, in words only).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void targetsOfEachLoss(Schema request) {
        Schema y = (Schema) request.getProperties().get("y");
        for (Loss loss : Loss.values()) {
            if (loss.targetValues().isEmpty()) {
                continue;
            }
            List<Object> allowed = new ArrayList<>();
            loss.targetValues()
                    .forEach(value -> allowed.add(BigDecimal.valueOf(value).stripTrailingZeros()));
            String said = "With `" + loss.apiName() + "` every target is "
                    + String.join(
                            " or ",
                            allowed.stream()
                                    .map(v -> ((BigDecimal) v).toPlainString())
                                    .toList())
                    + (loss.oneHotTargets() ? ", one 1 per sample (at its class)." : ".");
            if (y.getDescription() != null && !y.getDescription().contains(said)) {
                y.setDescription(y.getDescription() + "\n\n" + said);
            }
            Schema entries = new Schema<>().items(new Schema<>().items(enumOf(allowed)));
            Schema rule = new Schema<>();
            rule.setIf(requires("loss").addProperty("loss", new Schema<>()._const(loss.apiName())));
            rule.setThen(new Schema<>().addProperty("y", entries));
            request.addAllOfItem(rule);
        }
    }

    /** A dropout mask keeps (1) or drops (0) each unit of a sample, as RequestValidator checks it. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void dropoutMask(Schema dropout) {
        if (dropout == null || dropout.getProperties() == null) {
            return;
        }
        Schema mask = (Schema) dropout.getProperties().get("mask");
        if (mask != null) {
            Schema row = mask.getItems() == null ? new Schema<>() : mask.getItems();
            row.setItems(enumOf(new ArrayList<>(List.of(0, 1))));
            mask.setItems(row);
        }
    }

    /**
     * The running mean and variance come together, eval mode normalizes with them, and a variance
     * is never negative.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void runningStatistics(Schema batchNorm) {
        if (batchNorm == null || batchNorm.getProperties() == null) {
            return;
        }
        Map<String, List<String>> together = new LinkedHashMap<>();
        together.put("runningMean", List.of("runningVariance"));
        together.put("runningVariance", List.of("runningMean"));
        batchNorm.setDependentRequired(together);
        Schema eval = requires("mode").addProperty("mode", new Schema<>()._const("eval"));
        batchNorm.setIf(eval);
        batchNorm.setThen(requires("runningMean", "runningVariance"));
        Schema variance = (Schema) batchNorm.getProperties().get("runningVariance");
        if (variance != null) {
            variance.setItems(new Schema<>().minimum(BigDecimal.ZERO));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void dependentSchema(Schema request, String property, Schema<?> schema) {
        if (request.getDependentSchemas() == null) {
            request.setDependentSchemas(new LinkedHashMap<>());
        }
        request.getDependentSchemas().put(property, schema);
    }

    private static Schema<Object> requires(String... properties) {
        return new Schema<>().required(new ArrayList<>(List.of(properties)));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Schema<?> enumOf(List<Object> values) {
        Schema schema = new Schema<>();
        schema.setEnum(values);
        return schema;
    }
}
