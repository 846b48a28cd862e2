package dev.backprop.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.PushbackInputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * A {@code @RequestBody} of one of the API's records, read straight from the request by {@link
 * ApiJsonConverter}. Spring's own resolver would copy every request header into a new {@code
 * HttpHeaders} to find the {@code Content-Type} again (the mapping's {@code consumes} has already
 * checked it), go through the converters and the body advice, and make a data binder to validate
 * a parameter that asks for no validation: together more than Jackson's own reading of the
 * worked example. What it answers is kept: an empty body is the same exception, a body that is
 * not the record is the converter's (the same as before), and a charset in the {@code
 * Content-Type} decodes the body as before.
 */
final class ApiRequestBodies implements HandlerMethodArgumentResolver {

    private final ApiJsonConverter converter;

    ApiRequestBodies(ApiJsonConverter converter) {
        this.converter = converter;
    }

    /**
     * The handler adapter with this resolver ahead of Spring's, when its first converter is an
     * {@link ApiJsonConverter}: Spring's resolver would take every {@code @RequestBody} first.
     */
    static RequestMappingHandlerAdapter adapter() {
        return new RequestMappingHandlerAdapter() {
            @Override
            public void afterPropertiesSet() {
                super.afterPropertiesSet();
                if (getMessageConverters().get(0) instanceof ApiJsonConverter converter) {
                    List<HandlerMethodArgumentResolver> resolvers = new ArrayList<>();
                    resolvers.add(new ApiRequestBodies(converter));
                    resolvers.addAll(getArgumentResolvers());
                    setArgumentResolvers(resolvers);
                }
            }
        };
    }

    /** A required body (an optional one is Spring's to resolve) of one of the API's records. */
    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        RequestBody body = parameter.getParameterAnnotation(RequestBody.class);
        return body != null && body.required() && converter.supports(parameter.getParameterType());
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer container,
            NativeWebRequest webRequest,
            WebDataBinderFactory binders)
            throws IOException {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        ServletServerHttpRequest message = new ServletServerHttpRequest(request);
        PushbackInputStream body;
        int first;
        try {
            body = new PushbackInputStream(request.getInputStream(), 1);
            first = body.read();
        } catch (IOException e) {
            // as Spring's resolver: a body that cannot be read (a broken chunk, a client gone) is
            // the client's, and a limit's exception stays the cause the problem is found from
            throw new HttpMessageNotReadableException("I/O error while reading input message", e, message);
        }
        if (first == -1) {
            throw new HttpMessageNotReadableException(
                    "Required request body is missing: "
                            + parameter.getExecutable().toGenericString(),
                    message);
        }
        body.unread(first);
        // parsed as the mapping's consumes parsed it (from Spring's cache), so it is known to parse
        String contentType = request.getContentType();
        Charset charset = contentType == null
                ? null
                : MediaType.parseMediaType(contentType).getCharset();
        return converter.read(parameter.getParameterType(), body, charset, message);
    }
}
