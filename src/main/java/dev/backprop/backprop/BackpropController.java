package dev.backprop.backprop;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/backprop} and {@code POST /api/v1/forward}. */
@RestController
@RequestMapping(path = "/api/v1", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
class BackpropController {

    private final BackpropService service;

    BackpropController(BackpropService service) {
        this.service = service;
    }

    @PostMapping("/backprop")
    BackpropResponse backprop(@RequestBody BackpropRequest request) {
        return service.backprop(request);
    }

    @PostMapping("/forward")
    ForwardResponse forward(@RequestBody BackpropRequest request) {
        return service.forward(request);
    }
}
