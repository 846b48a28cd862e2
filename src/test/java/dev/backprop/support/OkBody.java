package dev.backprop.support;

import org.springframework.test.web.servlet.client.RestTestClient;

/** The body of a GET that must answer 200, as text: the one way tests read a page, a spec or the metrics. */
public final class OkBody {

    private OkBody() {}

    /** GETs {@code uri}, asserts a 200 and returns the body. */
    public static String get(RestTestClient client, String uri) {
        return client.get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }
}
