package dev.backprop.support;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Instances of the JSON Schema 2020-12 subset that this service's OpenAPI 3.1 spec uses: a seeded
 * generator of valid instances and a validator. Every keyword of a schema is either one this class
 * enforces (types, {@code enum}, {@code const}, object, array, number and string bounds, {@code
 * $ref}, {@code allOf}, {@code anyOf}, {@code oneOf}, {@code not}, {@code if}/{@code then}/{@code
 * else}, {@code dependentRequired}, {@code dependentSchemas}) or an annotation; any other keyword
 * is an error, so that neither the generator nor the validator ever ignores a constraint the spec
 * adds.
 *
 * <p>The generator draws small instances (arrays of at most 4 items past their {@code minItems},
 * numbers near 0 where a side is unbounded) and favours the edges a schema names: a value at
 * {@code minimum} or {@code maximum}, just above an {@code exclusiveMinimum}, an array of {@code
 * maxItems} when that is small. It draws an object's properties first, then the values its
 * conditions ({@code dependentSchemas}, {@code if}) depend on, then the rest under the
 * conditions that hold; every instance it returns has passed {@link #validate}.
 */
public final class SchemaInstances {

    /** Keywords that say nothing about validity. */
    private static final Set<String> ANNOTATIONS = Set.of(
            "description",
            "example",
            "examples",
            "default",
            "title",
            "deprecated",
            "readOnly",
            "writeOnly",
            "discriminator",
            "externalDocs",
            "xml",
            "$comment");

    /** Keywords this class enforces. */
    private static final Set<String> ASSERTIONS = Set.of(
            "$ref",
            "type",
            "format",
            "enum",
            "const",
            "properties",
            "required",
            "additionalProperties",
            "propertyNames",
            "minProperties",
            "maxProperties",
            "dependentRequired",
            "dependentSchemas",
            "items",
            "minItems",
            "maxItems",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "minLength",
            "maxLength",
            "pattern",
            "allOf",
            "anyOf",
            "oneOf",
            "not",
            "if",
            "then",
            "else");

    /** Items drawn past an array's {@code minItems}, at most. */
    private static final int EXTRA_ITEMS = 3;

    private static final int ATTEMPTS = 200;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonNode document;
    private final SplittableRandom random;

    /**
     * @param document the OpenAPI document, which {@code $ref}s such as {@code
     *     #/components/schemas/Matrix} point into
     * @param random the source of every draw
     */
    public SchemaInstances(JsonNode document, SplittableRandom random) {
        this.document = document;
        this.random = random;
    }

    /** The schema at a JSON pointer into the document, e.g. {@code /components/schemas/Matrix}. */
    public JsonNode schema(String pointer) {
        JsonNode schema = document.at(pointer);
        if (schema.isMissingNode()) {
            throw new IllegalArgumentException("no schema at " + pointer);
        }
        return schema;
    }

    // ---- validation

    /** What is wrong with {@code instance} under {@code schema}, each as "pointer: why"; empty when it is valid. */
    public List<String> validate(JsonNode schema, JsonNode instance) {
        List<String> errors = new ArrayList<>();
        check(schema, instance, "", errors);
        return errors;
    }

    public boolean isValid(JsonNode schema, JsonNode instance) {
        return validate(schema, instance).isEmpty();
    }

    private void check(JsonNode schema, JsonNode value, String at, List<String> errors) {
        if (schema.isBoolean()) {
            if (!schema.asBoolean()) {
                errors.add(at + ": nothing is allowed here");
            }
            return;
        }
        for (Map.Entry<String, JsonNode> entry : schema.properties()) {
            String keyword = entry.getKey();
            JsonNode argument = entry.getValue();
            if (!ASSERTIONS.contains(keyword) && !ANNOTATIONS.contains(keyword) && !keyword.startsWith("x-")) {
                throw new IllegalStateException("the keyword " + keyword + " at " + at + " is outside the subset");
            }
            switch (keyword) {
                case "$ref" -> check(resolve(argument.asString()), value, at, errors);
                case "type" -> {
                    if (!hasType(value, argument)) {
                        errors.add(at + ": not of type " + argument);
                    }
                }
                case "format" -> checkFormat(argument.asString(), value, at, errors);
                case "enum" -> {
                    if (!contains(argument, value)) {
                        errors.add(at + ": " + value + " is none of " + argument);
                    }
                }
                case "const" -> {
                    if (!same(argument, value)) {
                        errors.add(at + ": " + value + " is not " + argument);
                    }
                }
                case "allOf" -> argument.forEach(part -> check(part, value, at, errors));
                case "anyOf" -> {
                    if (count(argument, value) == 0) {
                        errors.add(at + ": matches none of anyOf");
                    }
                }
                case "oneOf" -> {
                    int matches = count(argument, value);
                    if (matches != 1) {
                        errors.add(at + ": matches " + matches + " of oneOf, not exactly one");
                    }
                }
                case "not" -> {
                    if (isValid(argument, value)) {
                        errors.add(at + ": matches what `not` excludes, " + argument);
                    }
                }
                case "if" -> {
                    String branch = isValid(argument, value) ? "then" : "else";
                    if (schema.has(branch)) {
                        check(schema.get(branch), value, at, errors);
                    }
                }
                default -> {
                    if (value.isObject()) {
                        checkObject(keyword, argument, schema, (ObjectNode) value, at, errors);
                    } else if (value.isArray()) {
                        checkArray(keyword, argument, value, at, errors);
                    } else if (value.isNumber()) {
                        checkNumber(keyword, argument, value.decimalValue(), at, errors);
                    } else if (value.isString()) {
                        checkString(keyword, argument, value.asString(), at, errors);
                    }
                }
            }
        }
    }

    private void checkObject(
            String keyword, JsonNode argument, JsonNode schema, ObjectNode value, String at, List<String> errors) {
        switch (keyword) {
            case "properties" -> {
                for (Map.Entry<String, JsonNode> property : argument.properties()) {
                    if (value.has(property.getKey())) {
                        check(property.getValue(), value.get(property.getKey()), at + "/" + property.getKey(), errors);
                    }
                }
            }
            case "required" ->
                argument.forEach(name -> {
                    if (!value.has(name.asString())) {
                        errors.add(at + ": " + name.asString() + " is required");
                    }
                });
            case "additionalProperties" -> {
                JsonNode declared = schema.path("properties");
                for (Map.Entry<String, JsonNode> property : value.properties()) {
                    if (!declared.has(property.getKey())) {
                        check(argument, property.getValue(), at + "/" + property.getKey(), errors);
                    }
                }
            }
            case "propertyNames" ->
                value.propertyNames()
                        .forEach(name -> check(argument, NODES.stringNode(name), at + "/" + name + " (name)", errors));
            case "minProperties" -> {
                if (value.size() < argument.asInt()) {
                    errors.add(at + ": fewer than " + argument + " properties");
                }
            }
            case "maxProperties" -> {
                if (value.size() > argument.asInt()) {
                    errors.add(at + ": more than " + argument + " properties");
                }
            }
            case "dependentRequired" -> {
                for (Map.Entry<String, JsonNode> dependency : argument.properties()) {
                    if (value.has(dependency.getKey())) {
                        dependency.getValue().forEach(name -> {
                            if (!value.has(name.asString())) {
                                errors.add(at + ": " + name.asString() + " is required with " + dependency.getKey());
                            }
                        });
                    }
                }
            }
            case "dependentSchemas" -> {
                for (Map.Entry<String, JsonNode> dependency : argument.properties()) {
                    if (value.has(dependency.getKey())) {
                        check(dependency.getValue(), value, at, errors);
                    }
                }
            }
            default -> {}
        }
    }

    private void checkArray(String keyword, JsonNode argument, JsonNode value, String at, List<String> errors) {
        switch (keyword) {
            case "items" -> {
                for (int i = 0; i < value.size(); i++) {
                    check(argument, value.get(i), at + "/" + i, errors);
                }
            }
            case "minItems" -> {
                if (value.size() < argument.asInt()) {
                    errors.add(at + ": fewer than " + argument + " items");
                }
            }
            case "maxItems" -> {
                if (value.size() > argument.asInt()) {
                    errors.add(at + ": more than " + argument + " items");
                }
            }
            default -> {}
        }
    }

    private static void checkNumber(
            String keyword, JsonNode argument, BigDecimal value, String at, List<String> errors) {
        BigDecimal bound = argument.isNumber() ? argument.decimalValue() : null;
        boolean wrong =
                switch (keyword) {
                    case "minimum" -> value.compareTo(bound) < 0;
                    case "maximum" -> value.compareTo(bound) > 0;
                    case "exclusiveMinimum" -> value.compareTo(bound) <= 0;
                    case "exclusiveMaximum" -> value.compareTo(bound) >= 0;
                    default -> false;
                };
        if (wrong) {
            errors.add(at + ": " + value + " breaks " + keyword + " " + bound);
        }
    }

    private static void checkString(String keyword, JsonNode argument, String value, String at, List<String> errors) {
        int length = value.codePointCount(0, value.length());
        boolean wrong =
                switch (keyword) {
                    case "minLength" -> length < argument.asInt();
                    case "maxLength" -> length > argument.asInt();
                    case "pattern" ->
                        !Pattern.compile(argument.asString()).matcher(value).find();
                    default -> false;
                };
        if (wrong) {
            errors.add(at + ": \"" + value + "\" breaks " + keyword + " " + argument);
        }
    }

    /** An integer's format is the range of the type the service reads it into. */
    private static void checkFormat(String format, JsonNode value, String at, List<String> errors) {
        if (!value.isNumber() || !(format.equals("int32") || format.equals("int64"))) {
            return;
        }
        long[] range = range(format);
        BigDecimal number = value.decimalValue();
        if (number.compareTo(BigDecimal.valueOf(range[0])) < 0 || number.compareTo(BigDecimal.valueOf(range[1])) > 0) {
            errors.add(at + ": " + number + " is outside " + format);
        }
    }

    private static long[] range(String format) {
        return format.equals("int32")
                ? new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE}
                : new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
    }

    private static boolean hasType(JsonNode value, JsonNode type) {
        if (type.isArray()) {
            for (JsonNode one : type) {
                if (hasType(value, one)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asString()) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isString();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            case "number" -> value.isNumber();
            case "integer" -> value.isNumber() && isIntegral(value.decimalValue());
            default -> throw new IllegalStateException("unknown type " + type);
        };
    }

    private static boolean isIntegral(BigDecimal number) {
        return number.signum() == 0 || number.stripTrailingZeros().scale() <= 0;
    }

    private int count(JsonNode alternatives, JsonNode value) {
        int matches = 0;
        for (JsonNode alternative : alternatives) {
            if (isValid(alternative, value)) {
                matches++;
            }
        }
        return matches;
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode candidate : values) {
            if (same(candidate, value)) {
                return true;
            }
        }
        return false;
    }

    /** JSON equality, numbers by value (1 is 1.0). */
    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private JsonNode resolve(String ref) {
        if (!ref.startsWith("#")) {
            throw new IllegalStateException("only local $refs are in the subset: " + ref);
        }
        return schema(ref.substring(1));
    }

    // ---- generation

    /**
     * A valid instance of {@code schema}.
     *
     * @throws IllegalStateException when none is found in {@value #ATTEMPTS} draws: the schema
     *     asks for something the generator cannot draw, or for nothing at all
     */
    public JsonNode generate(JsonNode schema) {
        try {
            return instance(schema);
        } catch (Unsatisfiable none) {
            throw new IllegalStateException(none.getMessage());
        }
    }

    /** A valid instance, or {@link Unsatisfiable} after {@value #ATTEMPTS} draws, for the draw of the value that holds it to try again. */
    private JsonNode instance(JsonNode schema) {
        List<String> last = List.of();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                Draft draft = new Draft();
                draft.add(schema);
                JsonNode value = draw(draft);
                last = validate(schema, value);
                if (last.isEmpty()) {
                    return value;
                }
            } catch (Unsatisfiable conflict) {
                // the properties drawn ask for what no value is, such as two optimizers' options
                last = List.of(conflict.getMessage());
            }
        }
        throw new Unsatisfiable("no valid instance in " + ATTEMPTS + " draws of " + schema + "; the last: " + last);
    }

    /** The constraints gathered for one draw allow no value: that draw is abandoned for another. */
    private static final class Unsatisfiable extends RuntimeException {
        Unsatisfiable(String why) {
            super(why, null, false, false);
        }
    }

    /** Every constraint of a schema and of the schemas it applies with it, gathered to draw one value. */
    private final class Draft {
        Set<String> types;
        List<JsonNode> candidates;
        final Map<String, List<JsonNode>> properties = new LinkedHashMap<>();
        final Set<String> required = new LinkedHashSet<>();
        boolean closed;
        final List<JsonNode> additional = new ArrayList<>();
        final List<JsonNode> propertyNames = new ArrayList<>();
        final Map<String, List<JsonNode>> dependentSchemas = new LinkedHashMap<>();
        final Map<String, Set<String>> dependentRequired = new LinkedHashMap<>();
        final List<JsonNode> conditions = new ArrayList<>();
        final List<JsonNode> items = new ArrayList<>();
        final List<JsonNode> choices = new ArrayList<>();
        Integer minProperties;
        Integer maxProperties;
        Integer minItems;
        Integer maxItems;
        Integer minLength;
        Integer maxLength;
        BigDecimal minimum;
        BigDecimal maximum;
        BigDecimal exclusiveMinimum;
        BigDecimal exclusiveMaximum;
        String format;

        void add(JsonNode schema) {
            if (schema.isBoolean()) {
                if (!schema.asBoolean()) {
                    candidates = List.of();
                }
                return;
            }
            for (Map.Entry<String, JsonNode> entry : schema.properties()) {
                JsonNode argument = entry.getValue();
                switch (entry.getKey()) {
                    case "$ref" -> add(resolve(argument.asString()));
                    case "allOf" -> argument.forEach(this::add);
                    case "anyOf", "oneOf" -> choices.add(argument);
                    case "type" -> {
                        Set<String> named = new HashSet<>();
                        if (argument.isArray()) {
                            argument.forEach(type -> named.add(type.asString()));
                        } else {
                            named.add(argument.asString());
                        }
                        if (types == null) {
                            types = named;
                        } else {
                            types.retainAll(named);
                        }
                    }
                    case "enum" -> restrict(list(argument));
                    case "const" -> restrict(List.of(argument));
                    case "properties" ->
                        argument.properties()
                                .forEach(p -> properties
                                        .computeIfAbsent(p.getKey(), name -> new ArrayList<>())
                                        .add(p.getValue()));
                    case "required" -> argument.forEach(name -> required.add(name.asString()));
                    case "additionalProperties" -> {
                        if (argument.isBoolean() && !argument.asBoolean()) {
                            closed = true;
                        } else {
                            additional.add(argument);
                        }
                    }
                    case "propertyNames" -> propertyNames.add(argument);
                    case "dependentSchemas" ->
                        argument.properties()
                                .forEach(d -> dependentSchemas
                                        .computeIfAbsent(d.getKey(), name -> new ArrayList<>())
                                        .add(d.getValue()));
                    case "dependentRequired" ->
                        argument.properties()
                                .forEach(d -> d.getValue()
                                        .forEach(name -> dependentRequired
                                                .computeIfAbsent(d.getKey(), key -> new LinkedHashSet<>())
                                                .add(name.asString())));
                    case "if" -> conditions.add(schema);
                    case "not", "then", "else" -> {
                        // checked when the value is validated; then and else through their if
                    }
                    case "items" -> items.add(argument);
                    case "minProperties" -> minProperties = larger(minProperties, argument.asInt());
                    case "maxProperties" -> maxProperties = smaller(maxProperties, argument.asInt());
                    case "minItems" -> minItems = larger(minItems, argument.asInt());
                    case "maxItems" -> maxItems = smaller(maxItems, argument.asInt());
                    case "minLength" -> minLength = larger(minLength, argument.asInt());
                    case "maxLength" -> maxLength = smaller(maxLength, argument.asInt());
                    case "minimum" -> minimum = larger(minimum, argument.decimalValue());
                    case "maximum" -> maximum = smaller(maximum, argument.decimalValue());
                    case "exclusiveMinimum" -> exclusiveMinimum = larger(exclusiveMinimum, argument.decimalValue());
                    case "exclusiveMaximum" -> exclusiveMaximum = smaller(exclusiveMaximum, argument.decimalValue());
                    case "format" -> format = argument.asString();
                    case "pattern" -> throw new IllegalStateException("the generator draws no pattern: " + schema);
                    default -> {
                        if (!ANNOTATIONS.contains(entry.getKey())
                                && !entry.getKey().startsWith("x-")) {
                            throw new IllegalStateException("the keyword " + entry.getKey() + " is outside the subset");
                        }
                    }
                }
            }
        }

        private void restrict(List<JsonNode> allowed) {
            if (candidates == null) {
                candidates = new ArrayList<>(allowed);
            } else {
                candidates.removeIf(
                        candidate -> !SchemaInstances.contains(NODES.arrayNode().addAll(allowed), candidate));
            }
        }

        /** Takes one alternative of each {@code anyOf} and {@code oneOf}, and of those they bring. */
        void choose() {
            while (!choices.isEmpty()) {
                JsonNode alternatives = choices.remove(0);
                add(alternatives.get(random.nextInt(alternatives.size())));
            }
        }

        /** The schema of a property: all that apply to it, or of any other name. */
        JsonNode propertySchema(String name) {
            List<JsonNode> schemas = properties.getOrDefault(name, additional);
            ArrayNode all = NODES.arrayNode();
            schemas.forEach(all::add);
            return NODES.objectNode().set("allOf", all);
        }
    }

    private JsonNode draw(Draft draft) {
        draft.choose();
        if (draft.candidates != null) {
            if (draft.candidates.isEmpty()) {
                throw new Unsatisfiable("no value is allowed");
            }
            return draft.candidates.get(random.nextInt(draft.candidates.size())).deepCopy();
        }
        return switch (typeOf(draft)) {
            case "object" -> drawObject(draft);
            case "array" -> drawArray(draft);
            case "integer" -> drawInteger(draft);
            case "number" -> NODES.numberNode(drawNumber(draft));
            case "string" -> NODES.stringNode(drawString(draft));
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            case "null" -> NODES.nullNode();
            default -> drawAny();
        };
    }

    private String typeOf(Draft draft) {
        if (draft.types != null) {
            List<String> types = new ArrayList<>(draft.types);
            types.sort(null);
            if (types.isEmpty()) {
                throw new Unsatisfiable("the types of the schema exclude each other");
            }
            return types.get(random.nextInt(types.size()));
        }
        if (!draft.properties.isEmpty() || !draft.required.isEmpty() || draft.closed || !draft.additional.isEmpty()) {
            return "object";
        }
        if (!draft.items.isEmpty() || draft.minItems != null || draft.maxItems != null) {
            return "array";
        }
        if (draft.minimum != null || draft.maximum != null || draft.exclusiveMinimum != null) {
            return "number";
        }
        return "any";
    }

    /** Any JSON value, small. */
    private JsonNode drawAny() {
        return switch (random.nextInt(6)) {
            case 0 -> NODES.numberNode(random.nextInt(-5, 6));
            case 1 -> NODES.stringNode(word(1, 6));
            case 2 -> NODES.booleanNode(random.nextBoolean());
            case 3 -> NODES.nullNode();
            case 4 -> NODES.arrayNode().add(random.nextInt(10));
            default -> NODES.objectNode().put(word(1, 6), random.nextInt(10));
        };
    }

    private JsonNode drawObject(Draft draft) {
        Set<String> present = new LinkedHashSet<>(draft.required);
        for (String name : draft.properties.keySet()) {
            if (random.nextBoolean()) {
                present.add(name);
            }
        }
        if (draft.properties.isEmpty() && !draft.closed) {
            // a map: a few names, drawn under propertyNames
            int least = draft.minProperties == null ? 0 : draft.minProperties;
            int most = Math.min(
                    least + EXTRA_ITEMS, draft.maxProperties == null ? Integer.MAX_VALUE : draft.maxProperties);
            int size = least + random.nextInt(most - least + 1);
            for (int i = 0; i < size; i++) {
                present.add(drawName(draft));
            }
        }
        // the conditions of presence, until they hold: each may require more
        Set<String> applied = new HashSet<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (String name : List.copyOf(present)) {
                changed |= present.addAll(draft.dependentRequired.getOrDefault(name, Set.of()));
                if (draft.dependentSchemas.containsKey(name) && applied.add(name)) {
                    draft.dependentSchemas.get(name).forEach(draft::add);
                    draft.choose();
                    changed = true;
                }
            }
            changed |= present.addAll(draft.required);
        }
        ObjectNode object = NODES.objectNode();
        // the values that if-conditions read, then what holds of the others
        for (JsonNode condition : List.copyOf(draft.conditions)) {
            JsonNode test = condition.get("if");
            for (String name : test.path("properties").propertyNames()) {
                if (present.contains(name) && !object.has(name)) {
                    object.set(name, instance(draft.propertySchema(name)));
                }
            }
            String branch = isValid(test, object) ? "then" : "else";
            if (condition.has(branch)) {
                draft.add(condition.get(branch));
                draft.choose();
                present.addAll(draft.required);
            }
        }
        for (String name : present) {
            if (!object.has(name)) {
                if (draft.closed && !draft.properties.containsKey(name)) {
                    continue;
                }
                object.set(name, instance(draft.propertySchema(name)));
            }
        }
        return object;
    }

    private String drawName(Draft draft) {
        if (draft.propertyNames.isEmpty()) {
            return word(1, 8);
        }
        // a name is a string, whether or not its schema says so
        ArrayNode all = NODES.arrayNode().add(NODES.objectNode().put("type", "string"));
        draft.propertyNames.forEach(all::add);
        return instance(NODES.objectNode().set("allOf", all)).asString();
    }

    private JsonNode drawArray(Draft draft) {
        int least = draft.minItems == null ? 0 : draft.minItems;
        int most = draft.maxItems == null ? Integer.MAX_VALUE : draft.maxItems;
        int size;
        if (most - least <= EXTRA_ITEMS + 5 && random.nextInt(10) == 0) {
            size = most;
        } else {
            size = least + random.nextInt(Math.min(most - least, EXTRA_ITEMS) + 1);
        }
        ArrayNode array = NODES.arrayNode();
        ArrayNode all = NODES.arrayNode();
        draft.items.forEach(all::add);
        JsonNode item = NODES.objectNode().set("allOf", all);
        for (int i = 0; i < size; i++) {
            array.add(instance(item));
        }
        return array;
    }

    private JsonNode drawInteger(Draft draft) {
        long[] range = range(draft.format == null ? "int64" : draft.format);
        long low = range[0];
        long high = range[1];
        if (draft.minimum != null) {
            low = Math.max(
                    low,
                    draft.minimum.setScale(0, java.math.RoundingMode.CEILING).longValueExact());
        }
        if (draft.exclusiveMinimum != null) {
            low = Math.max(
                    low,
                    draft.exclusiveMinimum
                                    .setScale(0, java.math.RoundingMode.FLOOR)
                                    .longValueExact()
                            + 1);
        }
        if (draft.maximum != null) {
            high = Math.min(
                    high,
                    draft.maximum.setScale(0, java.math.RoundingMode.FLOOR).longValueExact());
        }
        if (draft.exclusiveMaximum != null) {
            high = Math.min(
                    high,
                    draft.exclusiveMaximum
                                    .setScale(0, java.math.RoundingMode.CEILING)
                                    .longValueExact()
                            - 1);
        }
        int edge = random.nextInt(10);
        if (edge == 0) {
            return NODES.numberNode(low);
        }
        if (edge == 1) {
            return NODES.numberNode(high);
        }
        // near the lower end, or near 0 when the range holds it
        long from = low <= 0 && high >= 0 ? Math.max(low, -5) : low;
        long to = Math.min(high, from + 10);
        return NODES.numberNode(from + random.nextLong(to - from + 1));
    }

    private double drawNumber(Draft draft) {
        double low = Double.NEGATIVE_INFINITY;
        boolean lowOpen = false;
        double high = Double.POSITIVE_INFINITY;
        boolean highOpen = false;
        if (draft.minimum != null) {
            low = draft.minimum.doubleValue();
        }
        if (draft.exclusiveMinimum != null && draft.exclusiveMinimum.doubleValue() >= low) {
            low = draft.exclusiveMinimum.doubleValue();
            lowOpen = true;
        }
        if (draft.maximum != null) {
            high = draft.maximum.doubleValue();
        }
        if (draft.exclusiveMaximum != null && draft.exclusiveMaximum.doubleValue() <= high) {
            high = draft.exclusiveMaximum.doubleValue();
            highOpen = true;
        }
        int edge = random.nextInt(20);
        if (edge == 0 && Double.isFinite(low)) {
            return lowOpen ? Math.nextUp(low) : low;
        }
        if (edge == 1 && Double.isFinite(high)) {
            return highOpen ? Math.nextDown(high) : high;
        }
        // numbers of a hand-worked exercise: a few units either side of 0, or past the bound that is set
        double from = Double.isFinite(low) ? low : Double.isFinite(high) ? Math.min(high, 0) - 5 : -5;
        double to = Double.isFinite(high) ? high : from + (Double.isFinite(low) ? 5 : 10);
        to = Math.min(to, from + 10);
        for (int attempt = 0; attempt < 100; attempt++) {
            // two decimals, as a student writes them, and exact in the answers' arithmetic more often
            double value = Math.round((from + random.nextDouble() * (to - from)) * 100) / 100.0;
            if ((lowOpen ? value > low : value >= low) && (highOpen ? value < high : value <= high)) {
                return value;
            }
        }
        return from + (to - from) / 2;
    }

    private String drawString(Draft draft) {
        int least = draft.minLength == null ? 1 : Math.max(draft.minLength, 0);
        int most = draft.maxLength == null ? least + 7 : Math.min(draft.maxLength, least + 7);
        return word(least, most);
    }

    private String word(int least, int most) {
        int length = least + random.nextInt(most - least + 1);
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < length; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> values = new ArrayList<>();
        array.forEach(values::add);
        return values;
    }

    private static Integer larger(Integer a, int b) {
        return a == null ? b : Math.max(a, b);
    }

    private static Integer smaller(Integer a, int b) {
        return a == null ? b : Math.min(a, b);
    }

    private static BigDecimal larger(BigDecimal a, BigDecimal b) {
        return a == null || b.compareTo(a) > 0 ? b : a;
    }

    private static BigDecimal smaller(BigDecimal a, BigDecimal b) {
        return a == null || b.compareTo(a) < 0 ? b : a;
    }
}
