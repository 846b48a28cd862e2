package dev.backprop.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConversionException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.util.StreamUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.exc.InvalidDefinitionException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's own request and answer records as {@code application/json}, with the application's
 * mapper through a reader and a writer made once per type, ahead of Spring's Jackson converter.
 * That one looks up its mapper, parses the charset of the {@code Content-Type} and builds a reader
 * or a writer on every call, a cost a small request (the worked example) pays as much as its own
 * computation. The JSON is the same: the same mapper, its features and modules; the errors are
 * the same exceptions with the same causes, so every problem+json is unchanged. A body is read in
 * the charset its {@code Content-Type} names; an answer is written in the charset {@code Accept}
 * asks for when JSON can be written in it, else in UTF-8 without a charset. Anything else
 * (problem+json, other media types, other classes) is left to the converters after this one.
 */
final class ApiJsonConverter extends AbstractHttpMessageConverter<Object> {

    private static final String API_PACKAGE = "dev.backprop.";

    /** The charsets Jackson reads from the bytes themselves (ASCII being UTF-8's first half). */
    private static final Set<String> UNICODE =
            Set.of("UTF-8", "US-ASCII", "UTF-16", "UTF-16BE", "UTF-16LE", "UTF-32", "UTF-32BE", "UTF-32LE");

    /**
     * The encodings an answer is written in, by the charset an {@code Accept} names: the five
     * encodings JSON may be written in. Any other (ISO-8859-1, or UTF-16 without its byte order)
     * is answered in UTF-8 as {@code application/json} without a charset, which is what JSON is
     * (RFC 8259), rather than refused with an error after the answer is computed.
     */
    private static final Map<String, JsonEncoding> ENCODINGS = Map.of(
            "UTF-8", JsonEncoding.UTF8,
            "UTF-16BE", JsonEncoding.UTF16_BE,
            "UTF-16LE", JsonEncoding.UTF16_LE,
            "UTF-32BE", JsonEncoding.UTF32_BE,
            "UTF-32LE", JsonEncoding.UTF32_LE);

    private final JsonMapper mapper;

    private final ClassValue<ObjectReader> readers = new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
            return mapper.readerFor(type);
        }
    };

    private final ClassValue<ObjectWriter> writers = new ClassValue<>() {
        @Override
        protected ObjectWriter computeValue(Class<?> type) {
            return mapper.writerFor(type);
        }
    };

    ApiJsonConverter(JsonMapper mapper) {
        super(MediaType.APPLICATION_JSON);
        this.mapper = mapper;
    }

    /** The API's records: requests and answers, never a problem, which has its own media type. */
    @Override
    protected boolean supports(Class<?> type) {
        return type.isRecord() && type.getName().startsWith(API_PACKAGE) && type != Problem.class;
    }

    @Override
    protected void addDefaultHeaders(HttpHeaders headers, Object value, MediaType contentType) throws IOException {
        Charset charset = contentType == null ? null : contentType.getCharset();
        super.addDefaultHeaders(
                headers,
                value,
                charset == null || ENCODINGS.containsKey(charset.name())
                        ? contentType
                        : new MediaType(contentType.getType(), contentType.getSubtype()));
    }

    @Override
    protected Object readInternal(Class<?> type, HttpInputMessage input) throws IOException {
        MediaType contentType = input.getHeaders().getContentType();
        return read(type, input.getBody(), contentType == null ? null : contentType.getCharset(), input);
    }

    /**
     * Reads a body as {@code type}: Jackson detects UTF-8, UTF-16 or UTF-32 from its bytes; another
     * charset the {@code Content-Type} names decodes it first, as Spring's converter does.
     *
     * @param charset the {@code Content-Type}'s charset, or null
     * @param input the message the body came with, for the exception
     * @throws HttpMessageNotReadableException when the body is not a {@code type}, with Jackson's
     *     exception as its cause
     */
    Object read(Class<?> type, InputStream body, Charset charset, HttpInputMessage input) throws IOException {
        // the container closes the streams, after the filters that wrap them are done
        InputStream unclosed = StreamUtils.nonClosing(body);
        ObjectReader reader = readers.get(type);
        try {
            return charset == null || UNICODE.contains(charset.name())
                    ? reader.readValue(unclosed)
                    : reader.readValue(new InputStreamReader(unclosed, charset));
        } catch (InvalidDefinitionException e) {
            throw new HttpMessageConversionException("Type definition error: " + e.getType(), e);
        } catch (JacksonException e) {
            throw new HttpMessageNotReadableException("JSON parse error: " + e.getOriginalMessage(), e, input);
        }
    }

    @Override
    protected void writeInternal(Object value, HttpOutputMessage output) throws IOException {
        MediaType contentType = output.getHeaders().getContentType();
        Charset charset = contentType == null ? null : contentType.getCharset();
        JsonEncoding encoding =
                charset == null ? JsonEncoding.UTF8 : ENCODINGS.getOrDefault(charset.name(), JsonEncoding.UTF8);
        ObjectWriter writer = writers.get(value.getClass());
        try (JsonGenerator generator = writer.createGenerator(StreamUtils.nonClosing(output.getBody()), encoding)) {
            writer.writeValue(generator, value);
        } catch (InvalidDefinitionException e) {
            throw new HttpMessageConversionException("Type definition error: " + e.getType(), e);
        } catch (JacksonException e) {
            throw new HttpMessageNotWritableException("Could not write JSON: " + e.getOriginalMessage(), e);
        }
    }
}
