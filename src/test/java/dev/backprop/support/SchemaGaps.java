package dev.backprop.support;

import dev.backprop.backprop.Layout;
import dev.backprop.backprop.Quantity;
import dev.backprop.nn.Loss;
import dev.backprop.nn.OptimizerBuffer;
import dev.backprop.train.OptimizerOptions;
import dev.backprop.train.OptimizerRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a JSON Schema cannot say about a request, made true of one drawn from the schema, and
 * nothing else: a value is never redrawn to dodge a rule the schema could state. JSON Schema
 * relates no two values of a request, so these are the relations:
 *
 * <ul>
 *   <li>a matrix is rectangular, every row as long as the first;
 *   <li>shapes chain: x, every W_k, b_k, the batch-norm vectors, a dropout mask, y or
 *       ∂L/∂y_out take the shapes the layout needs, N ≥ 2 where batch normalization uses the
 *       batch's statistics; a matrix is reshaped by repeating its own drawn entries, so every
 *       entry is still one the schema drew;
 *   <li>a multiclass-hinge target has one 1 per sample, across the layout's orientation;
 *   <li>names refer to names: /optimizer-step's gradients and state name exactly its parameters;
 *       a state holds the buffers the optimizer keeps (asked of the engine), one per layer and
 *       parameter; a grade's submission names fields its problem's answer has (asked of the
 *       service), and its points name submitted fields;
 *   <li>sums and orders: a state's step plus the run's steps (1 for /optimizer-step) stays within 2^53, a problem's
 *       valueRange is [lo, hi] with lo ≤ hi, its activations are one per layer and a classifier
 *       has 2 outputs at least.
 * </ul>
 */
public final class SchemaGaps {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SchemaInstances instances;
    private final SplittableRandom random;

    public SchemaGaps(SchemaInstances instances, SplittableRandom random) {
        this.instances = instances;
        this.random = random;
    }

    // ---- a network and its minibatch

    /** Makes the shapes of a network request chain, as its layout says. */
    public void chainShapes(ObjectNode request) {
        Layout layout = Layout.fromApiName(request.path("layout").asString());
        ArrayNode layers = (ArrayNode) request.get("layers");
        JsonNode x = request.get("x");
        int N = layout.samples(Quantity.X, probe(x));
        int inputs = layout.units(Quantity.X, probe(x));
        if (normalizesOverTheBatch(layers)) {
            N = Math.max(N, 2);
        }
        request.set("x", oriented(layout, Quantity.X, x, N, inputs));
        int previous = inputs;
        for (JsonNode node : layers) {
            ObjectNode layer = (ObjectNode) node;
            JsonNode W = layer.get("weights");
            int units = layout.weightUnits(probe(W));
            boolean unitsAreRows = layout.weightUnits(new DMatrixRMaj(2, 3)) == 2;
            layer.set("weights", unitsAreRows ? reshape(W, units, previous) : reshape(W, previous, units));
            resizeVector(layer, "bias", units);
            if (layer.get("batchNorm") instanceof ObjectNode batchNorm) {
                for (String vector : List.of("gamma", "beta", "runningMean", "runningVariance")) {
                    resizeVector(batchNorm, vector, units);
                }
            }
            if (layer.get("dropout") instanceof ObjectNode dropout) {
                dropout.set("mask", oriented(layout, Quantity.DROPOUT_MASK, dropout.get("mask"), N, units));
            }
            previous = units;
        }
        if (request.has("y")) {
            request.set("y", oriented(layout, Quantity.Y, request.get("y"), N, previous));
            if (Loss.MULTICLASS_HINGE.apiName().equals(request.path("loss").asString())) {
                oneHot(layout, (ArrayNode) request.get("y"), N, previous);
            }
        }
        if (request.has("outputGradient")) {
            request.set(
                    "outputGradient",
                    oriented(layout, Quantity.OUTPUT_GRADIENT, request.get("outputGradient"), N, previous));
        }
    }

    private static boolean normalizesOverTheBatch(ArrayNode layers) {
        for (JsonNode layer : layers) {
            if (layer.has("batchNorm")
                    && !"eval".equals(layer.at("/batchNorm/mode").asString(""))) {
                return true;
            }
        }
        return false;
    }

    /** Each sample's targets: 1 at one class, 0 at the others. */
    private void oneHot(Layout layout, ArrayNode y, int N, int classes) {
        boolean samplesAreRows = layout.samples(Quantity.Y, new DMatrixRMaj(2, 3)) == 2;
        for (int n = 0; n < N; n++) {
            int c = random.nextInt(classes);
            for (int j = 0; j < classes; j++) {
                ArrayNode row = (ArrayNode) y.get(samplesAreRows ? n : j);
                row.set(samplesAreRows ? j : n, NODES.numberNode(j == c ? 1 : 0));
            }
        }
    }

    // ---- the state of an optimizer

    /**
     * A /train request's state, when it has one, for its network and optimizer: one entry per
     * layer, the buffers the optimizer keeps for W_k, b_k (unless biases are fixed) and
     * batch normalization's γ_k, β_k, each shaped like its parameter; the step within 2^53 after
     * the run.
     */
    public void trainState(ObjectNode request) {
        if (!(request.get("state") instanceof ObjectNode state) || !request.has("optimizer")) {
            return;
        }
        List<String> buffers = buffersKept(request.get("optimizer"));
        if (buffers == null) {
            return;
        }
        Layout layout = Layout.fromApiName(request.path("layout").asString());
        boolean updateBiases = request.at("/optimizer/updateBiases").asBoolean(true);
        ArrayNode layers = (ArrayNode) request.get("layers");
        ArrayNode sent = (ArrayNode) state.get("layers");
        ArrayNode layerStates = NODES.arrayNode();
        for (int k = 0; k < layers.size(); k++) {
            JsonNode layer = layers.get(k);
            ObjectNode layerState = sent.isEmpty()
                    ? (ObjectNode) instances.generate(instances.schema("/components/schemas/TrainLayerState"))
                    : (ObjectNode) sent.get(k % sent.size()).deepCopy();
            JsonNode W = layer.get("weights");
            int units = layout.weightUnits(probe(W));
            layerState.set("weights", buffers(layerState.get("weights"), buffers, "TrainLayerState", "weights", W));
            JsonNode bias = layer.get("bias");
            if (bias != null && updateBiases) {
                layerState.set("bias", buffers(layerState.get("bias"), buffers, "TrainLayerState", "bias", bias));
            } else {
                layerState.remove("bias");
            }
            if (layer.has("batchNorm")) {
                JsonNode vector = NODES.arrayNode();
                for (int j = 0; j < units; j++) {
                    ((ArrayNode) vector).add(0);
                }
                ObjectNode norm =
                        layerState.get("batchNorm") instanceof ObjectNode sentNorm ? sentNorm : NODES.objectNode();
                for (String part : List.of("gamma", "beta")) {
                    norm.set(part, buffers(norm.get(part), buffers, "TrainBatchNormState", part, vector));
                }
                layerState.set("batchNorm", norm);
            } else {
                layerState.remove("batchNorm");
            }
            layerStates.add(layerState);
        }
        state.set("layers", layerStates);
        withinTheMostSteps(state, request.path("steps").asLong(1));
    }

    /** /optimizer-step's gradients and state: exactly the names of its parameters, each of its kind and shape. */
    public void optimizerStep(ObjectNode request) {
        ObjectNode parameters = (ObjectNode) request.get("parameters");
        ObjectNode sent = (ObjectNode) request.get("gradients");
        ObjectNode gradients = NODES.objectNode();
        for (Map.Entry<String, JsonNode> parameter : parameters.properties()) {
            JsonNode gradient = sent.has(parameter.getKey())
                    ? sent.get(parameter.getKey())
                    : instances.generate(instances
                            .schema("/components/schemas/OptimizerStepRequest/properties/gradients")
                            .get("additionalProperties"));
            gradients.set(parameter.getKey(), like(gradient, parameter.getValue()));
        }
        request.set("gradients", gradients);
        if (!(request.get("state") instanceof ObjectNode state)) {
            return;
        }
        List<String> buffers = buffersKept(request.get("optimizer"));
        if (buffers == null) {
            return;
        }
        withinTheMostSteps(state, 1);
        ObjectNode states = (ObjectNode) state.get("parameters");
        ObjectNode fixed = NODES.objectNode();
        for (Map.Entry<String, JsonNode> parameter : parameters.properties()) {
            JsonNode kept = states.get(parameter.getKey());
            fixed.set(parameter.getKey(), buffers(kept, buffers, "OptimizerState", "parameters", parameter.getValue()));
        }
        state.set("parameters", fixed);
    }

    /** A state's step plus the steps to take stays within the most a state may count, the schema's maximum. */
    private void withinTheMostSteps(ObjectNode state, long steps) {
        long most = instances
                .schema("/components/schemas/TrainState/properties/step")
                .get("maximum")
                .asLong();
        if (state.path("step").asLong() > most - steps) {
            state.put("step", most - steps);
        }
    }

    /** The API names of the buffers the engine's optimizer keeps for these options, or null for options it refuses. */
    private static List<String> buffersKept(JsonNode optimizer) {
        try {
            return OptimizerOptions.toOptimizer(JSON.treeToValue(optimizer, OptimizerRequest.class), "/optimizer")
                    .buffers()
                    .stream()
                    .map(OptimizerBuffer::apiName)
                    .toList();
        } catch (RuntimeException refused) {
            return null;
        }
    }

    /**
     * The buffers {@code names} for one parameter: those sent kept, the others drawn from the
     * schema of that buffer, every one shaped like {@code parameter}.
     *
     * @param schema the component whose {@code property} holds the buffers
     */
    private ObjectNode buffers(JsonNode sent, List<String> names, String schema, String property, JsonNode parameter) {
        JsonNode map = instances.schema("/components/schemas/" + schema + "/properties/" + property);
        if ("OptimizerState".equals(schema)) {
            map = map.get("additionalProperties");
        }
        ObjectNode buffers = NODES.objectNode();
        for (String name : names) {
            JsonNode value = sent != null && sent.has(name) ? sent.get(name) : instances.generate(entry(map, name));
            buffers.set(name, like(value, parameter));
        }
        return buffers;
    }

    /** The schema of the entry {@code name} of an object schema: its property, or any other name's. */
    private JsonNode entry(JsonNode object, String name) {
        while (object.has("$ref")) {
            object = instances.schema(object.get("$ref").asString().substring(1));
        }
        return object.path("properties").has(name)
                ? object.path("properties").get(name)
                : object.get("additionalProperties");
    }

    // ---- a grade

    /** Every matrix in {@code value}, an array of rows, with every row as long as its first. */
    public void rectangular(JsonNode value) {
        if (value instanceof ObjectNode object) {
            for (String name : List.copyOf(object.propertyNames())) {
                JsonNode field = object.get(name);
                if (isMatrix(field)) {
                    object.set(name, reshape(field, field.size(), field.get(0).size()));
                } else {
                    rectangular(field);
                }
            }
        } else if (value instanceof ArrayNode array && !isMatrix(array)) {
            array.forEach(this::rectangular);
        }
    }

    /** An array of rows of numbers. */
    private static boolean isMatrix(JsonNode value) {
        if (!value.isArray() || value.isEmpty()) {
            return false;
        }
        for (JsonNode row : value) {
            if (!row.isArray() || row.isEmpty()) {
                return false;
            }
            for (JsonNode entry : row) {
                if (!entry.isNumber()) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Keeps of a grade's submission the fields that its problem's answer has, and makes its points
     * name submitted fields.
     *
     * @param answer the /backprop answer to the problem, with the /train answer's fields merged in
     *     for a /train problem
     * @return false when no field is left to grade
     */
    public boolean submissionOf(ObjectNode grade, JsonNode answer) {
        ObjectNode submission = (ObjectNode) grade.get("submission");
        Set<String> submitted = new LinkedHashSet<>();
        keepAnswered(submission, answer, "", submitted);
        if (submitted.isEmpty()) {
            return false;
        }
        if (grade.get("points") instanceof ObjectNode points) {
            List<String> pointers = new ArrayList<>(submitted);
            ObjectNode named = NODES.objectNode();
            for (Map.Entry<String, JsonNode> weight : points.properties()) {
                named.set(pointers.get(random.nextInt(pointers.size())), weight.getValue());
            }
            grade.set("points", named);
        }
        return true;
    }

    private static void keepAnswered(JsonNode sent, JsonNode answer, String at, Set<String> submitted) {
        if (sent instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode answered = answer.path(field.getKey());
                if (answered.isMissingNode() || answered.isNull()) {
                    fields.remove();
                } else if ("layers".equals(field.getKey()) || "batchNorm".equals(field.getKey())) {
                    keepAnswered(field.getValue(), answered, at + "/" + field.getKey(), submitted);
                } else {
                    submitted.add(at + "/" + field.getKey());
                }
            }
        } else if (sent instanceof ArrayNode layers) {
            while (layers.size() > answer.size()) {
                layers.remove(layers.size() - 1);
            }
            for (int k = 0; k < layers.size(); k++) {
                keepAnswered(layers.get(k), answer.get(k), at + "/" + k, submitted);
            }
        }
    }

    // ---- a generated problem

    /** /problems: one activation per layer, a classifier's 2 outputs at least, valueRange [lo, hi]. */
    public void problemSettings(ObjectNode request) {
        int layers = request.has("layerSizes") ? request.get("layerSizes").size() - 1 : 2;
        if (request.get("activations") instanceof ArrayNode activations) {
            request.set("activations", cycled(activations, layers));
        }
        String loss = request.path("loss").asString("");
        boolean classes = loss.equals(Loss.CROSS_ENTROPY.apiName()) || loss.equals(Loss.MULTICLASS_HINGE.apiName());
        if (classes && request.get("layerSizes") instanceof ArrayNode sizes) {
            int last = sizes.size() - 1;
            sizes.set(last, NODES.numberNode(Math.max(2, sizes.get(last).asInt())));
        }
        if (request.get("valueRange") instanceof ArrayNode range
                && range.get(0).asInt() > range.get(1).asInt()) {
            JsonNode low = range.get(1);
            range.set(1, range.get(0));
            range.set(0, low);
        }
    }

    // ---- shapes

    /** A probe of the shape of a sent matrix, for {@link Layout}'s questions. */
    private static DMatrixRMaj probe(JsonNode matrix) {
        return new DMatrixRMaj(matrix.size(), matrix.get(0).size());
    }

    /** The matrix with N samples of D units, as the layout orients this quantity. */
    private static ArrayNode oriented(Layout layout, Quantity quantity, JsonNode matrix, int N, int D) {
        boolean samplesAreRows = layout.samples(quantity, new DMatrixRMaj(2, 3)) == 2;
        return samplesAreRows ? reshape(matrix, N, D) : reshape(matrix, D, N);
    }

    /** rows × cols, entry (i, j) the sent entry (i mod its rows, j mod its columns). */
    static ArrayNode reshape(JsonNode matrix, int rows, int cols) {
        ArrayNode reshaped = NODES.arrayNode();
        for (int i = 0; i < rows; i++) {
            JsonNode row = matrix.get(i % matrix.size());
            ArrayNode out = reshaped.addArray();
            for (int j = 0; j < cols; j++) {
                out.add(row.get(j % row.size()).deepCopy());
            }
        }
        return reshaped;
    }

    private static void resizeVector(ObjectNode owner, String name, int length) {
        if (owner.get(name) instanceof ArrayNode vector) {
            owner.set(name, cycled(vector, length));
        }
    }

    private static ArrayNode cycled(ArrayNode values, int length) {
        ArrayNode cycled = NODES.arrayNode();
        for (int i = 0; i < length; i++) {
            cycled.add(values.get(i % values.size()).deepCopy());
        }
        return cycled;
    }

    /** {@code value}'s entries in the kind (matrix or vector) and shape of {@code like}. */
    private static JsonNode like(JsonNode value, JsonNode like) {
        ArrayNode entries = NODES.arrayNode();
        value.forEach(item -> {
            if (item.isArray()) {
                item.forEach(entries::add);
            } else {
                entries.add(item);
            }
        });
        return like.get(0).isArray()
                ? reshape(
                        NODES.arrayNode().add(entries), like.size(), like.get(0).size())
                : cycled(entries, like.size());
    }
}
