package io.edgeai.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeai.connector.config.MqttProperties.SensorMapping;
import io.edgeai.connector.config.MqttProperties.Subscription;
import io.edgeai.connector.mapping.Mapped;
import io.edgeai.connector.mapping.PayloadMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class PayloadMapperTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Instant NOW = Instant.parse("2026-11-30T08:00:00.123456Z");

    static PayloadMapper json(Map<String, SensorMapping> sensors) {
        return new PayloadMapper(new Subscription("factory/+/+/telemetry", "json", null, null, null, sensors, null,
                null, null), JSON);
    }

    static Mapped map(PayloadMapper mapper, String topic, String payload) {
        return mapper.map(topic, payload.getBytes(StandardCharsets.UTF_8), NOW);
    }

    @Test
    void deviceAndMachineTypeComeFromTheTopicUnlessThePayloadNamesThem() {
        Mapped fromTopic = map(json(null), "factory/M/mill-01/telemetry",
                "{\"timestamp\":\"2026-11-28T10:00:00Z\",\"sensors\":{\"torque\":{\"value\":42.5,\"unit\":\"Nm\"},"
                        + "\"tool_wear\":108}}");
        assertThat(fromTopic).isInstanceOf(Mapped.ReadingOut.class);
        Mapped.ReadingOut reading = (Mapped.ReadingOut) fromTopic;
        assertThat(reading.deviceId()).isEqualTo("mill-01");
        assertThat(reading.machineType()).isEqualTo("M");
        assertThat(reading.reading().toString()).isEqualTo("{\"timestamp\":\"2026-11-28T10:00:00Z\",\"machineType\":"
                + "\"M\",\"sensors\":{\"torque\":{\"value\":42.5,\"unit\":\"Nm\"},\"tool_wear\":{\"value\":108.0}}}");

        Mapped fromPayload = map(json(null), "factory/M/mill-01/telemetry",
                "{\"deviceId\":\"press-7\",\"machineType\":\"H\",\"timestamp\":1764316800000,\"sensors\":{\"torque\":1}}");
        assertThat(fromPayload.deviceId()).isEqualTo("press-7");
        assertThat(((Mapped.ReadingOut) fromPayload).machineType()).isEqualTo("H");
        assertThat(((Mapped.ReadingOut) fromPayload).reading().get("timestamp").asString())
                .isEqualTo("2025-11-28T08:00:00Z");
    }

    @Test
    void jsonPointersMapAFlatPayloadToSensorsAndUnits() {
        PayloadMapper mapper = json(Map.of("air_temperature", new SensorMapping("/env/air_c", "degC"),
                "torque", new SensorMapping("/torque_nm", null)));
        Mapped.ReadingOut reading = (Mapped.ReadingOut) map(mapper, "factory/L/m-1/telemetry",
                "{\"env\":{\"air_c\":25.5},\"torque_nm\":40}");
        assertThat(reading.reading().get("sensors").toString()).contains("\"air_temperature\":{\"value\":25.5,"
                + "\"unit\":\"degC\"}").contains("\"torque\":{\"value\":40.0}");
        // no timestamp in the payload: the arrival time, to the millisecond
        assertThat(reading.reading().get("timestamp").asString()).isEqualTo("2026-11-30T08:00:00.123Z");
        assertThat(map(mapper, "factory/L/m-1/telemetry", "{\"torque_nm\":\"forty\"}"))
                .isEqualTo(new Mapped.Refused("m-1", "sensor torque at /torque_nm must be a number, was \"forty\""));
        assertThat(map(mapper, "factory/L/m-1/telemetry", "{\"other\":1}")).isInstanceOf(Mapped.Refused.class);
    }

    @Test
    void badPayloadsAreRefusedWithTheReasonNeverThrown() {
        PayloadMapper mapper = json(null);
        assertThat(((Mapped.Refused) map(mapper, "factory/M/m-1/telemetry", "{not json")).reason())
                .startsWith("payload is not JSON");
        assertThat(((Mapped.Refused) map(mapper, "factory/M/m-1/telemetry", "[1,2]")).reason())
                .isEqualTo("payload must be a JSON object");
        assertThat(((Mapped.Refused) map(mapper, "factory/M/m-1/telemetry", "{\"timestamp\":\"yesterday\","
                + "\"sensors\":{\"torque\":1}}")).reason()).startsWith("timestamp (from /timestamp)");
        assertThat(((Mapped.Refused) map(mapper, "factory/M/m-1/telemetry", "{}")).reason()).startsWith("no sensors");
        assertThat(((Mapped.Refused) map(mapper, "factory/M/bad id!/telemetry", "{\"sensors\":{\"t\":1}}")).reason())
                .contains("may hold only letters");
        assertThat(((Mapped.Refused) map(mapper, "factory/M/m-1/telemetry", "{\"sensors\":{\"t\":\"x\"}}")).reason())
                .startsWith("sensors.t must be a number");
    }

    @Test
    void plainNumbersAreOneSensorEachNamedByTheTopic() {
        PayloadMapper mapper = new PayloadMapper(new Subscription("plant/+/+/+", "number", "topic[2]", "topic[1]",
                null, null, "topic[3]", Map.of("torque", "Nm"), List.of("torque", "tool_wear")), JSON);
        assertThat(map(mapper, "plant/L/m-2/torque", " 41.5 ")).isEqualTo(new Mapped.SensorValue("m-2", "L", "torque",
                41.5, "Nm", Instant.parse("2026-11-30T08:00:00.123Z"), List.of("torque", "tool_wear")));
        assertThat(((Mapped.Refused) map(mapper, "plant/L/m-2/torque", "hot")).reason())
                .isEqualTo("payload must be a plain number, was 'hot'");
        assertThat(((Mapped.Refused) map(mapper, "plant/L/m-2/humidity", "3")).reason())
                .isEqualTo("sensor 'humidity' (from topic[3]) is not one of [torque, tool_wear]");
    }

    @Test
    void aMalformedSourceIsRefusedAtStartNamingTheSetting() {
        assertThatThrownBy(() -> new PayloadMapper(new Subscription("a/#", "json", "device", null, null, null, null,
                null, null), JSON)).hasMessageContaining("device-id").hasMessageContaining("'device'");
        assertThatThrownBy(() -> new Subscription("a/#", "number", null, null, null, null, null, null, null))
                .hasMessageContaining("payload number needs sensor");
    }
}
