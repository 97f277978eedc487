package io.edgeai.connector.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeai.connector.config.MqttProperties.SensorMapping;
import io.edgeai.connector.config.MqttProperties.Subscription;
import io.edgeai.connector.sparkplug.SparkplugB.Payload;
import io.edgeai.connector.sparkplug.SparkplugB.Payload.Metric;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Sparkplug B births, data by alias, deaths and refusals (pure: payloads built with the compiled schema). */
public class SparkplugMapperTest {

    static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");
    static final String DEVICE = "spBv1.0/line1/%s/plc-7/mill-01";

    final PayloadMapper mapper = new PayloadMapper(new Subscription("spBv1.0/#", "sparkplug", null, "'M'", null,
            Map.of("torque", new SensorMapping("Sensors/Torque", "Nm"), "tool_wear",
                    new SensorMapping("Sensors/Wear", "min")), null, null, null), JsonMapper.builder().build());

    public static Metric named(String name, long alias, double value) {
        return Metric.newBuilder().setName(name).setAlias(alias).setDatatype(10).setDoubleValue(value).build();
    }

    public static Metric aliased(long alias, double value) {
        return Metric.newBuilder().setAlias(alias).setDatatype(10).setDoubleValue(value).build();
    }

    public static byte[] payload(long millis, Metric... metrics) {
        return Payload.newBuilder().setTimestamp(millis).setSeq(0).addAllMetrics(List.of(metrics)).build()
                .toByteArray();
    }

    Mapped map(String type, byte[] payload) {
        return mapper.map(String.format(DEVICE, type), payload, NOW);
    }

    @Test
    void aBirthIsAReadingAndDataByAliasUpdatesIt() {
        Mapped birth = map("DBIRTH", payload(1000, named("Sensors/Torque", 1, 40.5), named("Sensors/Wear", 2, 12),
                Metric.newBuilder().setName("Properties/Label").setAlias(3).setDatatype(12).setStringValue("x")
                        .build()));
        assertThat(birth).isInstanceOfSatisfying(Mapped.ReadingOut.class, r -> {
            assertThat(r.deviceId()).isEqualTo("mill-01");
            assertThat(r.machineType()).isEqualTo("M");
            assertThat(r.reading().path("timestamp").asString()).isEqualTo(Instant.ofEpochMilli(1000).toString());
            assertThat(r.reading().path("sensors").path("torque").path("unit").asString()).isEqualTo("Nm");
        });
        Mapped data = map("DDATA", payload(2000, aliased(1, 42.0)));
        assertThat(data).isInstanceOfSatisfying(Mapped.ReadingOut.class, r -> {
            assertThat(r.reading().path("sensors").path("torque").path("value").asDouble()).isEqualTo(42.0);
            assertThat(r.reading().path("sensors").path("tool_wear").path("value").asDouble()).isEqualTo(12.0);
        });
        assertThat(map("DDATA", payload(3000, aliased(9, 1)))).isInstanceOfSatisfying(Mapped.Refused.class,
                r -> assertThat(r.reason()).contains("alias 9 is not in the birth"));
    }

    @Test
    void dataBeforeABirthOrAfterADeathIsRefusedAndCommandsAreSkipped() {
        assertThat(map("DDATA", payload(1000, aliased(1, 40)))).isInstanceOfSatisfying(Mapped.Refused.class,
                r -> assertThat(r.reason()).contains("before its birth"));
        map("DBIRTH", payload(1000, named("Sensors/Torque", 1, 40.5), named("Sensors/Wear", 2, 12)));
        assertThat(map("DDEATH", payload(1500))).isInstanceOf(Mapped.Ignored.class);
        assertThat(map("DDATA", payload(2000, aliased(1, 40)))).isInstanceOf(Mapped.Refused.class);
        map("DBIRTH", payload(3000, named("Sensors/Torque", 1, 40.5), named("Sensors/Wear", 2, 12)));
        assertThat(mapper.map("spBv1.0/line1/NDEATH/plc-7", payload(3500), NOW)).isInstanceOf(Mapped.Ignored.class);
        assertThat(map("DDATA", payload(4000, aliased(1, 40)))).isInstanceOf(Mapped.Refused.class);
        assertThat(map("DCMD", payload(4000))).isInstanceOf(Mapped.Ignored.class);
    }

    @Test
    void aPartialBirthWaitsAndGarbageIsRefused() {
        assertThat(map("DBIRTH", payload(1000, named("Sensors/Torque", 1, 40.5))))
                .isInstanceOfSatisfying(Mapped.Ignored.class, r -> assertThat(r.reason()).contains("tool_wear"));
        assertThat(map("DDATA", payload(2000, named("Sensors/Wear", 2, 3)))).isInstanceOf(Mapped.ReadingOut.class);
        assertThat(map("DDATA", "not protobuf at all".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Mapped.Refused.class);
        assertThat(mapper.map("factory/M/m-1/telemetry", payload(1), NOW)).isInstanceOf(Mapped.Refused.class);
        assertThat(map("DDATA", payload(2000, Metric.newBuilder().setAlias(1).setDatatype(12).setStringValue("hot")
                .build()))).isInstanceOfSatisfying(Mapped.Refused.class,
                        r -> assertThat(r.reason()).contains("not a number"));
        assertThatThrownBy(() -> new PayloadMapper(new Subscription("spBv1.0/#", "sparkplug", null, null, null,
                Map.of("torque", new SensorMapping("", null)), null, null, null), JsonMapper.builder().build()))
                .hasMessageContaining("must be a Sparkplug metric name");
    }
}
