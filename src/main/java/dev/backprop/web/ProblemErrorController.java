package dev.backprop.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The {@code /error} page the servlet container forwards to when a request fails outside Spring
 * MVC (a filter, a {@code sendError}, an exception no handler caught): a problem+json body, in
 * place of Boot's default JSON or HTML page, whatever the request's {@code Accept} says. It never
 * tells more than the status: the exception, if any, is logged, not shown.
 */
@Controller
class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        BodyTooLargeException tooLarge = BodyTooLargeException.findIn(failure);
        if (tooLarge != null) {
            String detail = BodyTooLargeException.detail(tooLarge.limit());
            ProblemResponses.write(
                    response, ProblemType.PAYLOAD_TOO_LARGE, detail, List.of(new FieldError("", detail)));
            return;
        }
        // a request for /error itself, not a forward: there is nothing here
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 404;
        if (status >= 500) {
            log.error("Request to {} failed", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), failure);
        }
        ProblemType type = ProblemType.forStatus(status);
        ProblemResponses.write(response, type, status, defaultDetail(status), List.of());
    }

    /** The detail of a problem known only by its status. */
    static String defaultDetail(int status) {
        return switch (status) {
            case 400 -> "The request is malformed: the HTTP request line, a header or the URL could not be read";
            case 401 -> "This endpoint needs a valid API key in the X-API-Key header";
            case 403 -> "This request is not allowed";
            case 404 -> "There is no resource at this path; the API is under /api/v1";
            case 405 -> "This method is not allowed on this path";
            case 408 -> "The request took too long to arrive";
            case 413 -> "The request is too large";
            case 414 -> "The URL is too long";
            case 431 -> "The request headers are too large";
            case 503 -> "The service is unavailable; retry shortly";
            default ->
                status >= 500
                        ? "The service failed to answer this request; it has been logged."
                        : "The request was refused";
        };
    }
}
