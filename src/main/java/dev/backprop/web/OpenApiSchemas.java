package dev.backprop.web;

import io.swagger.v3.oas.models.media.Schema;

/** Lookups in the OpenAPI model that the features' documentation customizers share. */
public final class OpenApiSchemas {

    private OpenApiSchemas() {}

    /** The schema of a property, or {@code null} when the schema or the property is absent. */
    @SuppressWarnings("rawtypes")
    public static Schema property(Schema schema, String name) {
        return schema == null || schema.getProperties() == null
                ? null
                : (Schema) schema.getProperties().get(name);
    }
}
