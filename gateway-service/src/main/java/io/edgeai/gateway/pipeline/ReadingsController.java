package io.edgeai.gateway.pipeline;

import io.edgeai.contracts.DeviceIds;
import io.edgeai.contracts.FieldViolation;
import io.edgeai.contracts.Problems;
import io.edgeai.contracts.Reading;
import io.edgeai.contracts.model.ModelNames;
import io.edgeai.gateway.config.PipelineProperties;
import io.edgeai.gateway.spool.Spool;
import io.edgeai.gateway.spool.SpoolFullException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/v1/devices/{deviceId}/readings}: one reading, {@code {"readings": [...]}}, or a JSON array of
 * readings of one device. All-or-nothing: a batch with any bad reading is refused whole (422 naming every bad
 * field), and a 200 means every reading was scored and is durably on its way to storage. The model that scores
 * them is {@code edge.pipeline.model} unless the request names another one, as {@code "model"} beside
 * {@code "readings"} in the body or as {@code ?model=} (both: they must agree).
 */
@RestController
public class ReadingsController {

    private final IngestBatcher pipeline;
    private final PipelineProperties properties;
    private final Spool spool;
    private final JsonMapper json;
    private final ReadingsBody fast;

    public ReadingsController(IngestBatcher pipeline, PipelineProperties properties, Spool spool, JsonMapper json) {
        this.pipeline = pipeline;
        this.properties = properties;
        this.spool = spool;
        this.json = json;
        this.fast = new ReadingsBody(json);
    }

    @PostMapping(path = "/api/v1/devices/{deviceId}/readings", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Object>> ingest(@PathVariable String deviceId, @RequestBody byte[] bytes,
                                               @RequestParam(name = "model", required = false) String modelParam) {
        ReadingsBody.Bound bound = DeviceIds.problem(deviceId) == null
                ? fast.bind(bytes, deviceId, properties.maxReadings()) : null;
        String model = bound == null ? null : agreeingModel(bound.model(), modelParam);
        if (bound != null && (model != null || bound.model() == null && modelParam == null)) {
            return accept(deviceId, model, bound.readings());
        }
        return checked(deviceId, tree(bytes), modelParam);
    }

    /** The model both the body and the query name (either may be absent); null when they disagree or one is bad. */
    private static String agreeingModel(String inBody, String inQuery) {
        if (inBody != null && ModelNames.problem(inBody) != null
                || inQuery != null && ModelNames.problem(inQuery) != null) {
            return null;
        }
        if (inBody != null && inQuery != null) {
            return inBody.equals(inQuery) ? inBody : null;
        }
        return inBody != null ? inBody : inQuery;
    }

    private JsonNode tree(byte[] bytes) {
        try {
            return json.readTree(bytes);
        } catch (JacksonException e) {
            throw new ServerWebInputException("Failed to read HTTP message", null, e);
        }
    }

    private Mono<ResponseEntity<Object>> accept(String deviceId, String model, List<Reading> readings) {
        if (spool.isFull()) {
            // Refuse before any stage runs, so no per-device state moves for readings that are not accepted.
            return Mono.error(new SpoolFullException(spool.capacityBytes()));
        }
        return pipeline.ingest(deviceId, model, readings).map(result -> ResponseEntity.ok().body((Object) result));
    }

    /** The tree path: every check, each bad field named; it accepts exactly what the fast path accepts. */
    private Mono<ResponseEntity<Object>> checked(String deviceId, JsonNode body, String modelParam) {
        List<FieldViolation> violations = new ArrayList<>();
        String idProblem = DeviceIds.problem(deviceId);
        if (idProblem != null) {
            violations.add(new FieldViolation("deviceId", idProblem));
        }
        String model = modelOf(body, modelParam, violations);
        List<JsonNode> readings = readingsOf(body, violations);
        if (readings.size() > properties.maxReadings()) {
            violations.add(new FieldViolation("readings", "may hold at most " + properties.maxReadings()
                    + " readings, had " + readings.size()));
        }
        for (int i = 0; i < readings.size() && violations.isEmpty(); i++) {
            JsonNode reading = readings.get(i);
            if (!reading.isObject()) {
                violations.add(new FieldViolation("readings[" + i + "]", "must be a JSON object"));
                continue;
            }
            JsonNode id = reading.path("deviceId");
            if (id.isMissingNode() || id.isNull()) {
                ((ObjectNode) reading).put("deviceId", deviceId);
            } else if (!deviceId.equals(id.asString())) {
                violations.add(new FieldViolation("readings[" + i + "].deviceId",
                        "must be the device of the path (" + deviceId + ") or absent"));
            }
        }
        if (!violations.isEmpty()) {
            return Mono.just(refuse(HttpStatus.UNPROCESSABLE_CONTENT, violations));
        }
        List<Reading> typed = typed(readings, violations);
        if (!violations.isEmpty()) {
            return Mono.just(refuse(HttpStatus.BAD_REQUEST, violations));
        }
        return accept(deviceId, model, typed);
    }

    private static ResponseEntity<Object> refuse(HttpStatus status, List<FieldViolation> violations) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.validation(status, violations));
    }

    /** The readings as the contract's records; a value of the wrong type or format is a 400 naming the field. */
    private List<Reading> typed(List<JsonNode> readings, List<FieldViolation> violations) {
        List<Reading> typed = new ArrayList<>(readings.size());
        for (int i = 0; i < readings.size(); i++) {
            try {
                typed.add(json.treeToValue(readings.get(i), Reading.class));
            } catch (JacksonException e) {
                String path = Problems.jsonPath(e.getPath());
                violations.add(new FieldViolation("readings[" + i + "]" + (path.isEmpty() ? "" : "." + path),
                        "has the wrong type or format: " + e.getOriginalMessage()));
            }
        }
        return typed;
    }

    /** The model the request names (null: the configured one); a bad or contradictory name is a violation. */
    private static String modelOf(JsonNode body, String modelParam, List<FieldViolation> violations) {
        String model = null;
        if (modelParam != null) {
            String problem = ModelNames.problem(modelParam);
            if (problem != null) {
                violations.add(new FieldViolation("model", problem));
                return null;
            }
            model = modelParam;
        }
        JsonNode field = body.isObject() && body.has("readings") ? body.path("model") : null;
        if (field != null && !field.isMissingNode() && !field.isNull()) {
            String problem = field.isString() ? ModelNames.problem(field.asString()) : "must be a string";
            if (problem != null) {
                violations.add(new FieldViolation("model", problem));
                return null;
            }
            if (model != null && !model.equals(field.asString())) {
                violations.add(new FieldViolation("model", "the body names '" + field.asString()
                        + "' but the query names '" + model + "'"));
                return null;
            }
            model = field.asString();
        }
        return model;
    }

    private static List<JsonNode> readingsOf(JsonNode body, List<FieldViolation> violations) {
        List<JsonNode> readings = new ArrayList<>();
        JsonNode list = body.isArray() ? body : body.path("readings");
        if (list.isArray()) {
            list.forEach(readings::add);
        } else if (body.isObject() && body.has("sensors")) {
            readings.add(body);
        } else {
            violations.add(new FieldViolation("readings",
                    "send one reading, {\"readings\": [...]}, or a JSON array of readings"));
        }
        if (readings.isEmpty() && violations.isEmpty()) {
            violations.add(new FieldViolation("readings", "must hold at least one reading"));
        }
        return readings;
    }
}
