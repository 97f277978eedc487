package io.edgeai.datashard.storage;

import io.edgeai.contracts.Reading;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a reading's sensors as the JSON stored in the {@code sensors} column, e.g.
 * {@code {"torque":{"value":42.8,"unit":"Nm"}}}. Hand-written because it runs once per stored reading and a
 * general-purpose serializer cost a noticeable share of batched write time; it is read back with Jackson.
 */
final class SensorJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Reading.Measurement>> SENSORS = new TypeReference<>() { };

    private SensorJson() {
    }

    static Map<String, Reading.Measurement> read(String json) {
        return JSON.readValue(json, SENSORS);
    }

    static String write(Map<String, Reading.Measurement> sensors) {
        StringBuilder sb = new StringBuilder(32 + sensors.size() * 48);
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, Reading.Measurement> e : sensors.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            string(sb, e.getKey());
            sb.append(":{\"value\":").append(e.getValue().value().doubleValue());
            if (e.getValue().unit() != null) {
                sb.append(",\"unit\":");
                string(sb, e.getValue().unit());
            }
            sb.append('}');
        }
        return sb.append('}').toString();
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }
}
