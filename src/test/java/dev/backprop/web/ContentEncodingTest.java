package dev.backprop.web;

import static dev.backprop.web.LimitsTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.Http;
import dev.backprop.support.WorkedExample;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A body with {@code Content-Encoding: gzip} is decompressed as it is read, and answered as the
 * same body sent plain; one that is not gzip data is a 400 that says so, never a JSON syntax
 * error; any other encoding is a 415 naming the one this service decodes. The body limits on the
 * decompressed bytes: {@link LimitsTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ContentEncodingTest {

    private static final String BACKPROP = "/api/v1/backprop";
    private static final byte[] WORKED_EXAMPLE = WorkedExample.REQUEST.getBytes(StandardCharsets.UTF_8);

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void http() {
        http = new Http(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "x-gzip", "GZIP", "identity, gzip"})
    void aGzipBodyIsAnsweredAsTheSameBodySentPlain(String coding) {
        HttpResponse<String> plain = http.post(BACKPROP, WORKED_EXAMPLE);
        HttpResponse<String> compressed = http.post(BACKPROP, gzip(WORKED_EXAMPLE), "Content-Encoding", coding);
        assertThat(compressed.statusCode()).isEqualTo(200);
        assertThat(compressed.body()).isEqualTo(plain.body());
        assertThat(Http.json(compressed).get("loss").asDouble()).isEqualTo(24.5);
    }

    @Test
    void aChunkedGzipBodyOfSeveralMembersIsReadToTheEnd() {
        int half = WORKED_EXAMPLE.length / 2;
        byte[] first = gzip(Arrays.copyOfRange(WORKED_EXAMPLE, 0, half));
        byte[] second = gzip(Arrays.copyOfRange(WORKED_EXAMPLE, half, WORKED_EXAMPLE.length));
        byte[] members = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, members, first.length, second.length);

        HttpResponse<String> answer = http.postChunked(BACKPROP, members, "Content-Encoding", "gzip");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(Http.json(answer).get("loss").asDouble()).isEqualTo(24.5);
    }

    @Test
    void aBodyThatIsNotGzipDataIsABadRequestNotMalformedJson() {
        HttpResponse<String> answer = http.post(BACKPROP, WORKED_EXAMPLE, "Content-Encoding", "gzip");
        assertProblem(answer, 400, "bad-request", "");
        assertThat(Http.json(answer).get("detail").asString())
                .isEqualTo("The body is not valid gzip data, but its Content-Encoding is gzip: send the gzip of the "
                        + "JSON, or the JSON itself without a Content-Encoding");
    }

    @Test
    void aGzipBodyCutShortIsABadRequest() {
        byte[] compressed = gzip(WORKED_EXAMPLE);
        HttpResponse<String> answer =
                http.post(BACKPROP, Arrays.copyOf(compressed, compressed.length / 2), "Content-Encoding", "gzip");
        assertProblem(answer, 400, "bad-request", "");
        assertThat(Http.json(answer).get("detail").asString())
                .isEqualTo("The body ends before its gzip data does (Content-Encoding: gzip): send the whole gzip "
                        + "of the JSON");
    }

    @Test
    void anEmptyGzipBodyIsAMissingBody() {
        HttpResponse<String> answer = http.post(BACKPROP, new byte[0], "Content-Encoding", "gzip");
        assertProblem(answer, 400, "malformed-json", "");
        assertThat(Http.json(answer).get("detail").asString()).isEqualTo("The body is missing or is not valid JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"br", "deflate", "zstd", "gzip, gzip", "gzip, br"})
    void anyOtherEncodingIs415WithTheOneThisServiceDecodes(String coding) {
        HttpResponse<String> answer = http.post(BACKPROP, gzip(WORKED_EXAMPLE), "Content-Encoding", coding);
        assertThat(answer.statusCode()).isEqualTo(415);
        assertThat(Http.contentType(answer)).startsWith("application/problem+json");
        assertThat(answer.headers().firstValue("Accept-Encoding")).hasValue("gzip");
        assertThat(Http.json(answer).get("type").asString())
                .isEqualTo(ProblemType.UNSUPPORTED_MEDIA_TYPE.type().toString());
        assertThat(Http.json(answer).get("detail").asString())
                .isEqualTo("The body's Content-Encoding " + coding
                        + " is not supported: send the body as it is, or gzip-compressed with Content-Encoding: gzip");
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return compressed.toByteArray();
    }
}
