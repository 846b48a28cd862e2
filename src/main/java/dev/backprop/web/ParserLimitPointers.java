package dev.backprop.web;

import tools.jackson.core.FormatSchema;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.InjectableValues;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.DeserializationContexts;
import tools.jackson.databind.deser.DeserializationContextExt;
import tools.jackson.databind.deser.DeserializerCache;
import tools.jackson.databind.deser.DeserializerFactory;

/**
 * The mapper's deserialization contexts, so that a value past a limit of the parser (a number or
 * string too long, nesting too deep, too many tokens) fails with the path of that value. The
 * parser checks a number's length while it reads the token, before any deserializer is at work,
 * and its exception has no path: a scalar property ({@code "seed": 1000…0}) pointed at the whole
 * body, a nested one at its parent. The document is read no further after the failure, so the
 * parser still stands on the value that broke the limit, and its context names the path.
 */
final class ParserLimitPointers extends DeserializationContexts.DefaultImpl {

    private static final long serialVersionUID = 1L;

    ParserLimitPointers() {}

    private ParserLimitPointers(TokenStreamFactory streams, DeserializerFactory factory, DeserializerCache cache) {
        super(streams, factory, cache);
    }

    @Override
    public DeserializationContexts forMapper(
            Object mapper, TokenStreamFactory streams, DeserializerFactory factory, DeserializerCache cache) {
        return new ParserLimitPointers(streams, factory, cache);
    }

    @Override
    public DeserializationContextExt createContext(
            DeserializationConfig config, FormatSchema schema, InjectableValues injectables) {
        return new Context(_streamFactory, _deserializerFactory, _cache, config, schema, injectables);
    }

    private static final class Context extends DeserializationContextExt {

        Context(
                TokenStreamFactory streams,
                DeserializerFactory factory,
                DeserializerCache cache,
                DeserializationConfig config,
                FormatSchema schema,
                InjectableValues injectables) {
            super(streams, factory, cache, config, schema, injectables);
        }

        @Override
        public Object readRootValue(
                JsonParser parser, JavaType type, ValueDeserializer<Object> deserializer, Object valueToUpdate) {
            try {
                return super.readRootValue(parser, type, deserializer, valueToUpdate);
            } catch (StreamConstraintsException limit) {
                throw at(limit, parser.streamReadContext());
            }
        }
    }

    /** The same failure, its path that of the parser's context, whatever path it had gathered. */
    private static StreamConstraintsException at(StreamConstraintsException limit, TokenStreamContext place) {
        StreamConstraintsException located =
                new StreamConstraintsException(limit.getOriginalMessage(), limit.getLocation());
        for (TokenStreamContext context = place; context != null && !context.inRoot(); context = context.getParent()) {
            if (context.inArray() && context.hasCurrentIndex()) {
                located.prependPath(context.currentValue(), context.getCurrentIndex());
            } else if (context.inObject() && context.hasCurrentName()) {
                located.prependPath(context.currentValue(), context.currentName());
            }
        }
        return located;
    }
}
