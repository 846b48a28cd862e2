package dev.backprop.backprop;

/**
 * A condition where a convention, not the mathematics, decides the answer.
 *
 * @param code a stable code, e.g. {@code relu-input-zero}
 * @param pointer the JSON pointer of the place concerned, into the /backprop request or response
 * @param detail what it means, written for a person
 */
public record Warning(String code, String pointer, String detail) {}
