package dev.backprop.web;

import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.type.ArrayType;
import tools.jackson.databind.type.CollectionType;
import tools.jackson.databind.type.MapType;
import tools.jackson.databind.util.AccessPattern;

/**
 * {@code null} is never a value of a request: a property sent as {@code null}, or a {@code null}
 * element of an array or a map, fails with an {@link InvalidNullException} at its path, which
 * {@link ProblemHandler} answers as a {@code wrong-type} problem; a property left out still takes
 * its default. Every deserializer of the mapper is wrapped so that its {@code null} value is that
 * failure, while its absent value stays what it was.
 *
 * <p>Jackson's own {@code Nulls.FAIL} cannot do this for records: their properties are set through
 * the constructor, where Jackson asks a property left out for its "null" too, and so would refuse
 * every optional property that is not sent.
 *
 * <p>A {@link JsonNode} is read as it is, {@code null} included: it stands for a value the service
 * checks later, as each problem of a /backprop/batch request is (and a null problem fails alone).
 */
final class StrictNulls extends ValueDeserializerModifier {

    @Override
    public ValueDeserializer<?> modifyDeserializer(
            DeserializationConfig config, BeanDescription.Supplier description, ValueDeserializer<?> deserializer) {
        return refusingNull(description.getType(), deserializer);
    }

    @Override
    public ValueDeserializer<?> modifyArrayDeserializer(
            DeserializationConfig config,
            ArrayType type,
            BeanDescription.Supplier description,
            ValueDeserializer<?> deserializer) {
        return refusingNull(type, deserializer);
    }

    @Override
    public ValueDeserializer<?> modifyCollectionDeserializer(
            DeserializationConfig config,
            CollectionType type,
            BeanDescription.Supplier description,
            ValueDeserializer<?> deserializer) {
        return refusingNull(type, deserializer);
    }

    @Override
    public ValueDeserializer<?> modifyMapDeserializer(
            DeserializationConfig config,
            MapType type,
            BeanDescription.Supplier description,
            ValueDeserializer<?> deserializer) {
        return refusingNull(type, deserializer);
    }

    @Override
    public ValueDeserializer<?> modifyEnumDeserializer(
            DeserializationConfig config,
            JavaType type,
            BeanDescription.Supplier description,
            ValueDeserializer<?> deserializer) {
        return refusingNull(type, deserializer);
    }

    private static ValueDeserializer<?> refusingNull(JavaType type, ValueDeserializer<?> deserializer) {
        if (type.isTypeOrSubTypeOf(JsonNode.class) || deserializer instanceof NullRefusing) {
            return deserializer;
        }
        if (deserializer.handledType() == null) {
            // a custom deserializer must say what it reads, or it could not be wrapped
            throw new IllegalStateException(deserializer.getClass().getName() + " does not name its handled type");
        }
        return new NullRefusing(deserializer, type);
    }

    /** A deserializer whose null value is a failure; everything else is its delegate's. */
    private static final class NullRefusing extends DelegatingDeserializer {

        private final JavaType type;

        NullRefusing(ValueDeserializer<?> delegate, JavaType type) {
            super(delegate);
            this.type = type;
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new NullRefusing(delegate, type);
        }

        @Override
        public Object getNullValue(DeserializationContext context) {
            throw InvalidNullException.from(context, null, type);
        }

        /** Asked for each null, never remembered: the answer is a failure at that place. */
        @Override
        public AccessPattern getNullAccessPattern() {
            return AccessPattern.DYNAMIC;
        }
    }
}
