package dev.backprop.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The {@code /error} page the servlet container forwards to when a request fails outside Spring
 * MVC (a filter, a {@code sendError}, an exception no handler caught): a problem+json body, in
 * place of Boot's default JSON or HTML page, whatever the request's {@code Accept} says. It never
 * tells more than the status (or, for a body past its limit, the limit): the exception, if any,
 * is logged, not shown.
 */
@Controller
class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    private final ProblemWriter problems;

    ProblemErrorController(ProblemWriter problems) {
        this.problems = problems;
    }

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        String path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri
                ? uri
                : request.getRequestURI();
        BodyException unreadable = BodyException.findIn(failure);
        if (unreadable != null) {
            problems.write(response, unreadable.problem().withInstance(path));
            return;
        }
        // a request for /error itself, not a forward: there is nothing here
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 404;
        if (status >= 500) {
            log.error("Request to {} failed", path, failure);
        }
        problems.write(response, Problem.forStatus(status).withInstance(path));
    }
}
