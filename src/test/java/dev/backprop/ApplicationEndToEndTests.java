package dev.backprop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.support.OkBody;
import dev.backprop.support.WorkedExample;
import dev.backprop.web.ProblemType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The started application over real HTTP: the worked example, an invalid request, and serving on;
 * the service's own address leads to Swagger UI.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class ApplicationEndToEndTests {

    @Autowired
    RestTestClient client;

    @Test
    void answersTheWorkedExampleAnInvalidRequestAndTheWorkedExampleAgain() {
        assertWorkedExample();

        client.post()
                .uri("/api/v1/backprop")
                .contentType(MediaType.APPLICATION_JSON)
                .body(WorkedExample.REQUEST.replace("[[1, -2, 1]]", "[[1, -2]]"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(ProblemType.SHAPE_MISMATCH.type().toString())
                .jsonPath("$.errors[0].pointer")
                .isEqualTo("/layers/1/weights");

        assertWorkedExample();
    }

    @Test
    void theRootRedirectsToSwaggerUi() {
        client.get()
                .uri("/")
                .exchange()
                .expectStatus()
                .isFound()
                .expectHeader()
                .value("Location", location -> assertThat(location).endsWith("/swagger-ui.html"));

        // and Swagger UI is there: springdoc's own redirect to its page, then the page
        String page = OkBody.get(client, "/swagger-ui/index.html");
        assertThat(page).contains("swagger-ui");
    }

    private void assertWorkedExample() {
        JsonNode answer = client.post()
                .uri("/api/v1/backprop")
                .contentType(MediaType.APPLICATION_JSON)
                .body(WorkedExample.REQUEST)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(answer.get("loss").doubleValue()).isEqualTo(24.5);
        assertThat(answer.get("layers").get(1).get("weightGradient").toString()).isEqualTo("[[10.5,-27.0,-15.5]]");
    }
}
