package io.edgeai.gateway.pipeline;

import io.edgeai.contracts.Reading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fast way in for a readings body: bound in one pass straight to the contract's records, with no JSON tree in
 * between. It takes only bodies with nothing to complain about: one of the three shapes, every value of the right
 * type, no unknown field, one to {@code maxReadings} readings, each of the path's device. Anything else gives
 * {@code null}, and the caller's tree path, which names every bad field, decides; so both paths accept exactly the
 * same bodies and refuse them with the same answer.
 */
final class ReadingsBody {

    /** A readings body bound to records: the model it names (null: none) and its readings. */
    record Bound(String model, List<Reading> readings) {
    }

    /** Every field of the two object shapes: {@code {"readings": [...], "model": ...}} or one reading. */
    private record Envelope(List<Reading> readings, JsonNode model, String deviceId, Instant timestamp,
                            String machineType, Map<String, Reading.Measurement> sensors) {
    }

    private final ObjectReader envelopes;
    private final ObjectReader arrays;

    ReadingsBody(JsonMapper json) {
        this.envelopes = json.readerFor(Envelope.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.arrays = json.readerFor(new TypeReference<List<Reading>>() { })
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** The body bound to records, or null when it needs the tree path's checks (or is not JSON at all). */
    Bound bind(byte[] body, String deviceId, int maxReadings) {
        try {
            return switch (firstToken(body)) {
                case '[' -> ofDevice(deviceId, null, arrays.readValue(body), maxReadings);
                case '{' -> fromEnvelope(envelopes.readValue(body), deviceId, maxReadings);
                default -> null;
            };
        } catch (JacksonException e) {
            return null;
        }
    }

    private static Bound fromEnvelope(Envelope body, String deviceId, int maxReadings) {
        boolean oneReading = body.deviceId() != null || body.timestamp() != null || body.machineType() != null
                || body.sensors() != null;
        if (body.readings() != null && !oneReading) {
            if (body.model() != null && !body.model().isString()) {
                return null;
            }
            return ofDevice(deviceId, body.model() == null ? null : body.model().asString(), body.readings(),
                    maxReadings);
        }
        if (body.readings() == null && body.model() == null && body.sensors() != null) {
            return ofDevice(deviceId, null, List.of(new Reading(body.deviceId(), body.timestamp(), body.machineType(),
                    body.sensors())), maxReadings);
        }
        return null;
    }

    /** The readings with the path's device filled in; null when one is missing or names another device. */
    private static Bound ofDevice(String deviceId, String model, List<Reading> readings, int maxReadings) {
        if (readings.isEmpty() || readings.size() > maxReadings) {
            return null;
        }
        List<Reading> owned = new ArrayList<>(readings.size());
        for (Reading reading : readings) {
            if (reading == null || reading.deviceId() != null && !reading.deviceId().equals(deviceId)) {
                return null;
            }
            owned.add(reading.deviceId() != null ? reading
                    : new Reading(deviceId, reading.timestamp(), reading.machineType(), reading.sensors()));
        }
        return new Bound(model, owned);
    }

    private static int firstToken(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return b;
            }
        }
        return -1;
    }
}
