package io.edgeai.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {

    @Test
    void readsOipModelMetadata() {
        Object parsed = JsonReader.parse("{\"name\":\"ai4i-failure\",\"versions\":[\"1\"],\"platform\":\"djl\","
                + "\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP32\",\"shape\":[-1, 11]}],"
                + "\"outputs\":[{\"name\":\"probabilities\",\"datatype\":\"FP32\",\"shape\":[-1,6]}],\"x\":null,"
                + "\"ok\":true,\"s\":\"a\\\"\\u00e9\"}");
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) parsed;
        assertThat(m.get("versions")).isEqualTo(List.of("1"));
        assertThat(m.get("s")).isEqualTo("a\"\u00e9");
        assertThat(m).containsEntry("ok", true).containsEntry("x", null);
    }
}
