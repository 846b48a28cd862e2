package dev.backprop.teaching;

import dev.backprop.backprop.BackpropRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/gradient-check}, {@code POST /api/v1/backprop/batch},
 * {@code POST /api/v1/explain} and {@code GET /api/v1/functions}.
 */
@RestController
@RequestMapping("/api/v1")
class TeachingController {

    static final String TEXT_MARKDOWN = "text/markdown";

    private static final FunctionCatalogue FUNCTIONS = FunctionCatalogue.fromEnums();

    private final GradientCheckService gradientCheck;
    private final BatchService batch;
    private final ExplainService explain;

    TeachingController(GradientCheckService gradientCheck, BatchService batch, ExplainService explain) {
        this.gradientCheck = gradientCheck;
        this.batch = batch;
        this.explain = explain;
    }

    @PostMapping(path = "/gradient-check", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    GradientCheckResponse gradientCheck(@RequestBody GradientCheckRequest request) {
        return gradientCheck.check(request);
    }

    @PostMapping(path = "/backprop/batch", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    BatchResponse batch(@RequestBody BatchRequest request) {
        return batch.solve(request);
    }

    @PostMapping(path = "/explain", consumes = MediaType.APPLICATION_JSON_VALUE, produces = TEXT_MARKDOWN + ";charset=UTF-8")
    String explain(@RequestBody BackpropRequest request) {
        return explain.explain(request);
    }

    @GetMapping(path = "/functions", produces = MediaType.APPLICATION_JSON_VALUE)
    FunctionCatalogue functions() {
        return FUNCTIONS;
    }
}
