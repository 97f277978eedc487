package io.edgeai.datashard.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeai.contracts.Reading;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

class SensorJsonTest {

    @Test
    void whatIsWrittenReadsBackAsTheSameSensors() {
        Map<String, Reading.Measurement> sensors = new LinkedHashMap<>();
        sensors.put("air_temperature", new Reading.Measurement(25.5, "°C"));
        sensors.put("odd", new Reading.Measurement(-1.0E-12, "a\"b\\c"));
        sensors.put("no_unit", new Reading.Measurement(3.0, null));
        String json = SensorJson.write(sensors);
        Map<String, Reading.Measurement> back = JsonMapper.builder().build().readValue(json, new TypeReference<>() { });
        assertThat(back).isEqualTo(sensors);
    }
}
