package dev.backprop.web;

/**
 * Thrown by the request's input stream as soon as the body passes its limit: the bytes as sent,
 * or, for a gzip body, the bytes it decompresses to as well. The 413 names the limit that fired.
 */
public class BodyTooLargeException extends BodyException {

    private final transient BodySizeLimitFilter.Limit limit;
    private final boolean decompressed;

    BodyTooLargeException(BodySizeLimitFilter.Limit limit, boolean decompressed) {
        super("request body larger than " + limit.bytes() + " bytes (" + limit.property() + ")"
                + (decompressed ? " once decompressed" : ""));
        this.limit = limit;
        this.decompressed = decompressed;
    }

    /** The 413 problem: the limit in bytes and the property that sets it. */
    @Override
    public Problem problem() {
        return Problem.at(
                ProblemType.PAYLOAD_TOO_LARGE,
                "",
                "The request body" + (decompressed ? ", decompressed," : "") + " is larger than the limit of "
                        + limit.bytes() + " bytes (" + limit.property() + ")");
    }
}
