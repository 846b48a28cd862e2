package dev.backprop.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.support.LiveSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The bounds in the spec are the limits the service runs with, read when the spec is built: with
 * limits other than the defaults, the spec says those.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "backprop.limits.compute.max-layers=7",
            "backprop.limits.compute.max-units=30",
            "backprop.limits.compute.max-batch-size=50",
            "backprop.limits.compute.max-numbers=4000",
            "backprop.limits.compute.max-steps=123",
            "backprop.limits.json.max-string-length=200",
            "backprop.teaching.batch-max-problems=9"
        })
@AutoConfigureRestTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiLimitsTests {

    @Autowired
    RestTestClient client;

    JsonNode schemas;

    @BeforeAll
    void readTheLiveSpec() {
        schemas = LiveSpec.read(client).at("/components/schemas");
    }

    @Test
    void layersAndMatricesFollowTheComputeLimits() {
        JsonNode request = schemas.at("/BackpropRequest/properties");
        assertThat(request.at("/layers/maxItems").asInt()).isEqualTo(7);
        // x is D_0×N or N×D_0 as the layout says: either axis up to max(max-units, max-batch-size)
        assertThat(request.at("/x/maxItems").asInt()).isEqualTo(50);
        assertThat(request.at("/x/items/maxItems").asInt()).isEqualTo(50);
        JsonNode layer = schemas.at("/LayerRequest/properties");
        assertThat(layer.at("/weights/maxItems").asInt()).isEqualTo(30);
        assertThat(layer.at("/weights/items/maxItems").asInt()).isEqualTo(30);
        assertThat(layer.at("/bias/maxItems").asInt()).isEqualTo(30);
        assertThat(schemas.at("/BatchNormRequest/properties/runningVariance/maxItems")
                        .asInt())
                .isEqualTo(30);
        assertThat(schemas.at("/BackpropResponse/properties/layers/maxItems").asInt())
                .isEqualTo(7);
    }

    @Test
    void anyMatrixOrVectorHoldsAtMostTheNumbersOfARequest() {
        assertThat(schemas.at("/Matrix/maxItems").asInt()).isEqualTo(4000);
        assertThat(schemas.at("/Matrix/items/maxItems").asInt()).isEqualTo(4000);
        assertThat(schemas.at("/Vector/maxItems").asInt()).isEqualTo(4000);
    }

    @Test
    void stepsProblemsAndKeysFollowTheirLimits() {
        assertThat(schemas.at("/TrainRequest/properties/steps/maximum").asInt()).isEqualTo(123);
        assertThat(schemas.at("/BatchRequest/properties/problems/maxItems").asInt())
                .isEqualTo(9);
        assertThat(schemas.at("/OptimizerStepRequest/properties/parameters/propertyNames/maxLength")
                        .asInt())
                .isEqualTo(200);
    }
}
