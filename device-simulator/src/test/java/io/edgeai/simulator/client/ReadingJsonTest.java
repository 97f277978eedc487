package io.edgeai.simulator.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeai.simulator.machine.MachineType;
import io.edgeai.simulator.machine.Reading;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadingJsonTest {

    @Test
    void writesTheGatewaysIngestShape() {
        Reading r = new Reading("mill-01", Instant.parse("2026-11-28T19:00:00Z"), MachineType.M, 298.1, 308.6, 1551,
                42.8, 0);
        assertThat(ReadingJson.body(List.of(r))).isEqualTo("{\"readings\":[{\"deviceId\":\"mill-01\","
                + "\"timestamp\":\"2026-11-28T19:00:00Z\",\"machineType\":\"M\",\"sensors\":{"
                + "\"air_temperature\":{\"value\":298.1,\"unit\":\"K\"},"
                + "\"process_temperature\":{\"value\":308.6,\"unit\":\"K\"},"
                + "\"rotational_speed\":{\"value\":1551,\"unit\":\"rpm\"},"
                + "\"torque\":{\"value\":42.8,\"unit\":\"Nm\"},"
                + "\"tool_wear\":{\"value\":0,\"unit\":\"min\"}}}]}");
    }

    @Test
    void escapesDeviceIds() {
        StringBuilder out = new StringBuilder();
        ReadingJson.string(out, "a\"b\\c\n");
        assertThat(out).hasToString("\"a\\\"b\\\\c\\u000a\"");
    }
}
