package dev.backprop.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Refuses a request whose {@code Accept} header gives every representation of its endpoint the
 * quality 0, as RFC 9110 (section 12.4.2) says: {@code Accept: application/json;q=0} means "not
 * JSON", and an endpoint that answers only JSON answers 406. Spring MVC picks a representation by
 * the media types alone, and would answer JSON. The quality of a representation is that of the
 * most specific range of the header that includes it ({@code application/json;q=0, *}{@code /*}
 * refuses JSON still).
 */
class AcceptQualities implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws HttpMediaTypeNotAcceptableException {
        if (!(request.getAttribute(HandlerMapping.PRODUCIBLE_MEDIA_TYPES_ATTRIBUTE) instanceof Set<?> producible)
                || producible.isEmpty()) {
            return true;
        }
        List<MediaType> ranges = accepted(request);
        if (ranges.isEmpty()) {
            return true;
        }
        List<MediaType> representations = new ArrayList<>();
        for (Object type : producible) {
            if (type instanceof MediaType representation) {
                if (quality(representation, ranges) > 0) {
                    return true;
                }
                representations.add(representation);
            }
        }
        throw new HttpMediaTypeNotAcceptableException(representations);
    }

    /** The ranges of the request's Accept headers; none for no header or one Spring MVC could not read. */
    private static List<MediaType> accepted(HttpServletRequest request) {
        List<String> headers = Collections.list(request.getHeaders(HttpHeaders.ACCEPT));
        if (headers.isEmpty()) {
            return List.of();
        }
        try {
            return MediaType.parseMediaTypes(headers);
        } catch (InvalidMediaTypeException unreadable) {
            // Spring MVC refuses it itself, before any handler is chosen
            return List.of();
        }
    }

    /** The q of the most specific range that includes the representation; 0 when none does. */
    private static double quality(MediaType representation, List<MediaType> ranges) {
        MediaType best = null;
        for (MediaType range : ranges) {
            if (range.includes(representation) && (best == null || specificity(range) > specificity(best))) {
                best = range;
            }
        }
        return best == null ? 0 : best.getQualityValue();
    }

    /** {@code *}{@code /*} 0, {@code type/*} 1, {@code type/subtype} 2, and 3 with parameters besides q. */
    private static int specificity(MediaType range) {
        if (range.isWildcardType()) {
            return 0;
        }
        if (range.isWildcardSubtype()) {
            return 1;
        }
        boolean parameters = range.getParameters().keySet().stream().anyMatch(name -> !name.equalsIgnoreCase("q"));
        return parameters ? 3 : 2;
    }
}
