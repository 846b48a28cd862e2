package dev.backprop.teaching;

import dev.backprop.backprop.BackpropRequest;
import dev.backprop.backprop.BackpropService;
import dev.backprop.web.ApiException;
import dev.backprop.web.Problem;
import dev.backprop.web.ProblemHandler;
import dev.backprop.web.ProblemType;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Answers several /backprop requests in one: each problem is read, checked and solved on its
 * own, and a failure is described exactly as /backprop would describe it (by {@link
 * ProblemHandler#problemFor}), so one bad problem never fails the others.
 */
@Service
public class BatchService {

    private final BackpropService backprop;
    private final ObjectMapper json;
    private final TeachingSettings settings;

    public BatchService(BackpropService backprop, ObjectMapper json, TeachingSettings settings) {
        this.backprop = backprop;
        this.json = json;
        this.settings = settings;
    }

    public BatchResponse solve(BatchRequest request) {
        if (request.problems() == null) {
            throw ApiException.at(
                    ProblemType.MISSING_PROPERTY, "/problems", "/problems is required: an array of /backprop requests");
        }
        if (request.problems().size() > settings.batchMaxProblems()) {
            throw ApiException.at(
                    ProblemType.LIMIT_EXCEEDED,
                    "/problems",
                    "/problems holds " + request.problems().size() + " problems, but a batch holds at most "
                            + settings.batchMaxProblems());
        }
        List<BatchResponse.Result> results = new ArrayList<>(request.problems().size());
        for (JsonNode problem : request.problems()) {
            results.add(solveOne(problem));
        }
        return new BatchResponse(results);
    }

    private BatchResponse.Result solveOne(JsonNode problem) {
        try {
            if (problem == null || !problem.isObject()) {
                throw ApiException.at(
                        ProblemType.WRONG_TYPE,
                        "",
                        "The problem is " + kind(problem) + ", but must be an object: a /backprop request");
            }
            BackpropRequest request = json.treeToValue(problem, BackpropRequest.class);
            return new BatchResponse.Result(200, backprop.backprop(request));
        } catch (RuntimeException e) {
            Problem failure = ProblemHandler.problemFor(e);
            return new BatchResponse.Result(failure.status(), failure);
        }
    }

    private static String kind(JsonNode value) {
        if (value == null || value.isNull()) {
            return "null";
        }
        return switch (value.getNodeType()) {
            case ARRAY -> "an array";
            case NUMBER -> "a number";
            case STRING -> "a string";
            case BOOLEAN -> "a boolean";
            default -> "another value";
        };
    }
}
