package io.edgeai.connector.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeai.connector.config.OpcUaProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How node values become readings, and which mappings are refused at start (pure: no server). */
class ReadingAssemblerTest {

    static final Instant T = Instant.parse("2026-11-30T08:00:00Z");

    static OpcUaProperties.Endpoint endpoint(String template, List<String> devices, List<OpcUaProperties.Device> own) {
        return new OpcUaProperties.Endpoint("opc.tcp://plc:4840", "", "", null, null, "all-updated", null, template,
                List.of("torque:Nm", "tool_wear"), devices, own, null);
    }

    @Test
    void allUpdatedMakesAReadingOnceEverySensorIsNewerThanTheLastOne() {
        NodeMap nodes = NodeMap.of(endpoint("ns=2;s={deviceId}.{sensor}", List.of("m-1:M"), null), 0);
        ReadingAssembler assembler = new ReadingAssembler(nodes.devices(), false);
        assertThat(assembler.value("m-1", "torque", 40, T)).isNull();
        ReadingAssembler.Assembled first = assembler.value("m-1", "tool_wear", 3, T.plusMillis(5));
        assertThat(first.time()).isEqualTo(T.plusMillis(5));
        assertThat(first.reading().path("sensors").path("torque").path("unit").asString()).isEqualTo("Nm");
        assertThat(first.reading().path("sensors").path("tool_wear").has("unit")).isFalse();
        assertThat(first.reading().path("machineType").asString()).isEqualTo("M");
        // Values sent again with their old source time (a reconnect) make no reading; a value of the past is ignored.
        assertThat(assembler.value("m-1", "torque", 40, T)).isNull();
        assertThat(assembler.value("m-1", "tool_wear", 3, T.plusMillis(5))).isNull();
        assertThat(assembler.value("m-1", "torque", 41, T.plusSeconds(1))).isNull();
        assertThat(assembler.value("m-1", "tool_wear", 4, T.plusSeconds(1)).reading().path("sensors")
                .path("torque").path("value").asDouble()).isEqualTo(41);
        assertThat(assembler.value("nobody", "torque", 1, T)).isNull();
    }

    @Test
    void periodicTakesTheLatestValuesOnEveryTickOnceAllAreKnown() {
        NodeMap nodes = NodeMap.of(endpoint("ns=2;s={deviceId}.{sensor}", List.of("m-1:M"), null), 0);
        ReadingAssembler assembler = new ReadingAssembler(nodes.devices(), true);
        assertThat(assembler.value("m-1", "torque", 40, T)).isNull();
        assertThat(assembler.tick(T.plusSeconds(1))).isEmpty();
        assertThat(assembler.value("m-1", "tool_wear", 3, T)).isNull();
        assertThat(assembler.tick(T.plusSeconds(2))).singleElement()
                .satisfies(r -> assertThat(r.time()).isEqualTo(T.plusSeconds(2)));
        assertThat(assembler.tick(T.plusSeconds(3))).hasSize(1);
    }

    @Test
    void mappingsThatCannotWorkAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> NodeMap.of(endpoint("", List.of("m-1:M"), null), 2))
                .hasMessageContaining("edge.connector.opcua.endpoints[2].devices[0].nodes.torque: no node id");
        assertThatThrownBy(() -> NodeMap.of(endpoint("ns=2;s=x", List.of("m-1:M", "m-2:M"), null), 0))
                .hasMessageContaining("is already m-1's torque");
        assertThatThrownBy(() -> NodeMap.of(endpoint("ns=2;s={deviceId}.{sensor}", List.of("bad id:M"), null), 0))
                .hasMessageContaining("devices[0].device-id 'bad id'");
        assertThatThrownBy(() -> NodeMap.of(endpoint("ns=2;s={deviceId}.{sensor}", List.of(),
                List.of(new OpcUaProperties.Device("m-1", "M", Map.of("rpm", "ns=2;i=5")))), 0))
                .hasMessageContaining("devices[0].nodes.rpm: not one of the endpoint's sensors");
        assertThatThrownBy(() -> NodeMap.of(endpoint("", List.of(), null), 0)).hasMessageContaining("no devices");
        assertThatThrownBy(() -> new OpcUaProperties.Endpoint("http://plc", "", "", null, null, null, null, "",
                null, null, null, null)).hasMessageContaining("endpoints[].url must be opc.tcp://");
        NodeMap numeric = NodeMap.of(endpoint("", List.of(), List.of(new OpcUaProperties.Device("m-1", "", Map.of(
                "torque", "ns=3;i=1001", "tool_wear", "ns=3;s=\"DB_Mill\".\"Wear\"")))), 0);
        assertThat(numeric.bindings()).hasSize(2);
        assertThat(numeric.devices().get(0).machineType()).isEmpty();
    }
}
