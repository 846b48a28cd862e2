package dev.backprop.web;

/**
 * One thing wrong with a request.
 *
 * @param pointer the RFC 6901 JSON pointer into the request, e.g. {@code /layers/1/weights}
 * @param detail what is wrong there, written for a person
 */
public record FieldError(String pointer, String detail) {}
