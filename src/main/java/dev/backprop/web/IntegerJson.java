package dev.backprop.web;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads the integers of a request ({@code Integer} and {@code Long} fields, and their elements in
 * a list): any JSON number with no fractional part, {@code 4}, {@code 4.0} or {@code 4e0}, as
 * JSON Schema's {@code integer} says. One the field's Java type cannot hold ({@code "steps":
 * 99999999999}, {@code "seed": 1e30}) is an {@code invalid-value} that names the field's range:
 * the {@code minimum} and {@code maximum} its OpenAPI schema publishes, within the type's own.
 * A value within the type but outside the field's range is left to the field's validator, whose
 * answer may be a 422 for a configured limit ({@code steps} past {@code max-steps}).
 */
public final class IntegerJson {

    private IntegerJson() {}

    /** Reads an {@code Integer} or a {@code Long}, per {@link IntegerJson}. */
    public static final class IntegerDeserializer<T extends Number> extends ValueDeserializer<T> {

        private final Class<T> type;
        private final BigInteger min;
        private final BigInteger max;

        /** @param type {@code Integer.class} or {@code Long.class} */
        public IntegerDeserializer(Class<T> type) {
            this(type, smallest(type), largest(type));
        }

        private IntegerDeserializer(Class<T> type, BigInteger min, BigInteger max) {
            this.type = type;
            this.min = min;
            this.max = max;
        }

        @Override
        public Class<?> handledType() {
            return type;
        }

        /** The same reader, with the range the property's schema publishes. */
        @Override
        public ValueDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
            Schema schema = published(property);
            if (schema == null) {
                return this;
            }
            BigInteger least = schema.minimum().isBlank()
                    ? smallest(type)
                    : new BigDecimal(schema.minimum().strip())
                            .setScale(0, RoundingMode.CEILING)
                            .toBigInteger()
                            .max(smallest(type));
            BigInteger most = schema.maximum().isBlank()
                    ? largest(type)
                    : new BigDecimal(schema.maximum().strip())
                            .setScale(0, RoundingMode.FLOOR)
                            .toBigInteger()
                            .min(largest(type));
            return new IntegerDeserializer<>(type, least, most);
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) {
            JsonToken token = parser.currentToken();
            if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                return type.cast(context.handleUnexpectedToken(type, parser));
            }
            BigDecimal value = token == JsonToken.VALUE_NUMBER_INT
                    ? new BigDecimal(parser.getBigIntegerValue())
                    : parser.getDecimalValue();
            // the range first: it is decided by the exponents alone, so 1e999999999 costs nothing
            if (value.compareTo(new BigDecimal(smallest(type))) < 0
                    || value.compareTo(new BigDecimal(largest(type))) > 0) {
                throw new InvalidJsonValueException(
                        parser,
                        ProblemType.INVALID_VALUE,
                        "is " + parser.getText() + ", but it must be an integer from " + min + " to " + max);
            }
            if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
                throw new InvalidJsonValueException(
                        parser,
                        ProblemType.WRONG_TYPE,
                        "is " + parser.getText() + ", but must be an integer: a number without a fractional part");
            }
            return type.cast(type == Integer.class ? (Object) value.intValueExact() : (Object) value.longValueExact());
        }
    }

    /** The schema a property publishes for its integers: its own, or its array's items'. */
    private static Schema published(BeanProperty property) {
        if (property == null) {
            return null;
        }
        if (property.getType().isContainerType()) {
            ArraySchema array = property.getAnnotation(ArraySchema.class);
            return array == null ? null : array.schema();
        }
        return property.getAnnotation(Schema.class);
    }

    private static BigInteger smallest(Class<? extends Number> type) {
        return BigInteger.valueOf(type == Integer.class ? Integer.MIN_VALUE : Long.MIN_VALUE);
    }

    private static BigInteger largest(Class<? extends Number> type) {
        return BigInteger.valueOf(type == Integer.class ? Integer.MAX_VALUE : Long.MAX_VALUE);
    }
}
