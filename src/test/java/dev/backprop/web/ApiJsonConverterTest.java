package dev.backprop.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backprop.backprop.BackpropRequest;
import dev.backprop.backprop.BackpropResponse;
import dev.backprop.backprop.BackpropService;
import dev.backprop.support.WorkedExample;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's records go through {@link ApiJsonConverter}, first of the converters, and come out
 * as the application's mapper writes them; problems and anything else are left to the others.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class ApiJsonConverterTest {

    @Autowired
    RestTestClient client;

    @Autowired
    RequestMappingHandlerAdapter mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    BackpropService service;

    @Test
    void isTheFirstConverterAndTakesOnlyTheApisRecords() {
        HttpMessageConverter<?> first = mvc.getMessageConverters().get(0);
        assertThat(first).isInstanceOf(ApiJsonConverter.class);
        ApiJsonConverter converter = (ApiJsonConverter) first;
        assertThat(converter.canRead(BackpropRequest.class, MediaType.APPLICATION_JSON))
                .isTrue();
        assertThat(converter.canWrite(BackpropResponse.class, MediaType.APPLICATION_JSON))
                .isTrue();
        assertThat(converter.canWrite(Problem.class, MediaType.APPLICATION_JSON))
                .isFalse();
        assertThat(converter.canWrite(BackpropResponse.class, MediaType.APPLICATION_PROBLEM_JSON))
                .isFalse();
        assertThat(converter.canWrite(String.class, MediaType.APPLICATION_JSON)).isFalse();
        assertThat(converter.canRead(java.util.Map.class, MediaType.APPLICATION_JSON))
                .isFalse();
    }

    @Test
    void theApisRequestBodiesAreReadAheadOfSpringsResolver() {
        assertThat(mvc.getArgumentResolvers().get(0)).isInstanceOf(ApiRequestBodies.class);
    }

    @Test
    void aBodyInTheCharsetItsContentTypeNamesIsReadInIt() {
        String expected =
                json.writeValueAsString(service.backprop(json.readValue(WorkedExample.REQUEST, BackpropRequest.class)));
        for (String charset : new String[] {"UTF-8", "UTF-16", "UTF-32BE", "ISO-8859-1", "windows-1252"}) {
            byte[] answer = client.post()
                    .uri("/api/v1/backprop")
                    .contentType(MediaType.parseMediaType("application/json;charset=" + charset))
                    .body(WorkedExample.REQUEST.getBytes(java.nio.charset.Charset.forName(charset)))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(byte[].class)
                    .returnResult()
                    .getResponseBody();
            assertThat(new String(answer, StandardCharsets.UTF_8)).as(charset).isEqualTo(expected);
        }
    }

    @Test
    void aLatinOneBodyIsDecodedAsLatinOne() {
        String request = WorkedExample.REQUEST.replace("\"dimension-first\"", "\"dimension-première\"");
        for (String charset : new String[] {"ISO-8859-1", "windows-1252"}) {
            client.post()
                    .uri("/api/v1/backprop")
                    .contentType(MediaType.parseMediaType("application/json;charset=" + charset))
                    .body(request.getBytes(java.nio.charset.Charset.forName(charset)))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].pointer")
                    .isEqualTo("/layout")
                    .jsonPath("$.detail")
                    .value(String.class, detail -> assertThat(detail).contains("dimension-première"));
        }
    }

    @Test
    void anAnswerIsInTheCharsetAcceptAsksForWhenJsonCanBeWrittenInItElseInUtf8() {
        // Accept → the Content-Type of the answer, which is byte for byte what the application's mapper writes
        Map<String, String> answered = Map.of(
                "application/json", "application/json",
                "application/json;charset=UTF-8", "application/json;charset=UTF-8",
                "application/json;charset=UTF-16LE", "application/json;charset=UTF-16LE",
                "application/json;charset=UTF-32BE", "application/json;charset=UTF-32BE",
                "application/json;charset=ISO-8859-1", "application/json",
                "application/json;charset=UTF-16", "application/json");
        answered.forEach((asked, contentType) -> {
            byte[] answer = client.post()
                    .uri("/api/v1/backprop")
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.parseMediaType(asked))
                    .body(WorkedExample.REQUEST)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .contentType(contentType)
                    .expectBody(byte[].class)
                    .returnResult()
                    .getResponseBody();
            java.nio.charset.Charset charset =
                    MediaType.parseMediaType(contentType).getCharset();
            assertThat(new String(answer, charset == null ? StandardCharsets.UTF_8 : charset))
                    .as(asked)
                    .isEqualTo(workedExampleAnswer());
        });
    }

    @Test
    void aBodyThatCannotBeReadIsTheClientsProblemWithItsCause() throws Exception {
        var converter = (ApiJsonConverter) mvc.getMessageConverters().get(0);
        var request = new org.springframework.mock.web.MockHttpServletRequest("POST", "/api/v1/backprop") {
            @Override
            public jakarta.servlet.ServletInputStream getInputStream() {
                return new org.springframework.mock.web.DelegatingServletInputStream(new java.io.InputStream() {
                    @Override
                    public int read() throws java.io.IOException {
                        throw new java.io.IOException("broken chunk");
                    }
                });
            }
        };
        request.setContentType("application/json");
        var parameter = new org.springframework.core.MethodParameter(
                Bodies.class.getDeclaredMethod("take", BackpropRequest.class), 0);
        assertThatThrownBy(() -> new ApiRequestBodies(converter)
                        .resolveArgument(
                                parameter,
                                null,
                                new org.springframework.web.context.request.ServletWebRequest(request),
                                null))
                .isInstanceOf(org.springframework.http.converter.HttpMessageNotReadableException.class)
                .hasRootCauseMessage("broken chunk");
    }

    /** A handler method with an API record for its body. */
    static final class Bodies {
        void take(@org.springframework.web.bind.annotation.RequestBody BackpropRequest request) {}
    }

    @Test
    void anEmptyBodyIsStillTheProblemItWas() {
        client.post()
                .uri("/api/v1/backprop")
                .contentType(MediaType.APPLICATION_JSON)
                .body(new byte[0])
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(ProblemType.MALFORMED_JSON.type().toString())
                .jsonPath("$.detail")
                .isEqualTo("The body is missing or is not valid JSON");
    }

    /** The worked example's answer as the service computes it and the application's mapper writes it. */
    private String workedExampleAnswer() {
        return json.writeValueAsString(service.backprop(json.readValue(WorkedExample.REQUEST, BackpropRequest.class)));
    }
}
