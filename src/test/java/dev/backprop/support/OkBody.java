package dev.backprop.support;

import org.springframework.test.web.servlet.client.RestTestClient;

/** The body of a request that must answer 200, as text: the one way tests read a page, a spec, the metrics or an answer. */
public final class OkBody {

    private OkBody() {}

    /** GETs {@code uri}, asserts a 200 and returns the body. */
    public static String get(RestTestClient client, String uri) {
        return of(client.get().uri(uri));
    }

    /** Sends {@code request}, asserts a 200 and returns the body. */
    public static String of(RestTestClient.RequestHeadersSpec<?> request) {
        return request.exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }
}
