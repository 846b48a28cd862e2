package dev.backprop.problems;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/problems}. */
@RestController
class ProblemController {

    private final ProblemGenerator generator;

    ProblemController(ProblemGenerator generator) {
        this.generator = generator;
    }

    @PostMapping(path = "/api/v1/problems", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ProblemResponse generate(@RequestBody ProblemRequest request) {
        return generator.generate(request);
    }
}
