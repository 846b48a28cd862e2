package dev.backprop.backprop;

import dev.backprop.nn.Activation;
import dev.backprop.nn.Loss;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/names}: the valid values of {@code layout}, {@code activation} and {@code
 * loss}, so that a client (a form, an autograder) can offer them without copying the API page.
 */
@RestController
class NamesController {

    private static final Names NAMES = new Names(
            apiNames(Layout.values(), Layout::apiName),
            apiNames(Activation.values(), Activation::apiName),
            apiNames(Loss.values(), Loss::apiName));

    @GetMapping(path = "/api/v1/names", produces = MediaType.APPLICATION_JSON_VALUE)
    Names names() {
        return NAMES;
    }

    private static <E> List<String> apiNames(E[] values, Function<E, String> apiName) {
        return Arrays.stream(values).map(apiName).toList();
    }

    /**
     * @param layouts the values of {@code layout}
     * @param activations the values of {@code layers[k].activation}
     * @param losses the values of {@code loss}
     */
    record Names(List<String> layouts, List<String> activations, List<String> losses) {}
}
