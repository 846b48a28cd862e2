package dev.backprop.grading;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/grade}. */
@RestController
class GradeController {

    private final GradeService service;

    GradeController(GradeService service) {
        this.service = service;
    }

    @PostMapping(path = "/api/v1/grade", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    GradeResponse grade(@RequestBody GradeRequest request) {
        return service.grade(request);
    }
}
