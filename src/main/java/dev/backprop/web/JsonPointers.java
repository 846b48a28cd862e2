package dev.backprop.web;

import java.util.List;
import tools.jackson.core.JacksonException;

/** RFC 6901 JSON pointers. */
public final class JsonPointers {

    private JsonPointers() {}

    /** The pointer of the place a Jackson exception names, e.g. {@code /layers/0/weights/1/2}. */
    public static String of(List<JacksonException.Reference> path) {
        StringBuilder pointer = new StringBuilder();
        for (JacksonException.Reference reference : path) {
            pointer.append('/');
            if (reference.getPropertyName() != null) {
                pointer.append(escape(reference.getPropertyName()));
            } else if (reference.getIndex() >= 0) {
                pointer.append(reference.getIndex());
            } else {
                pointer.append('-');
            }
        }
        return pointer.toString();
    }

    /** A pointer joined from segments, each escaped as RFC 6901 says. */
    public static String join(Object... segments) {
        StringBuilder pointer = new StringBuilder();
        for (Object segment : segments) {
            pointer.append('/').append(escape(String.valueOf(segment)));
        }
        return pointer.toString();
    }

    private static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }
}
