package io.edgeai.preprocessing.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeai.contracts.Reading;
import io.edgeai.contracts.storage.DataShardLocation;
import io.edgeai.contracts.storage.RecentHistory;
import io.edgeai.contracts.storage.RecentHistoryClient;
import io.edgeai.features.FeatureEncoder;
import io.edgeai.features.FeatureSpec;
import io.edgeai.preprocessing.config.PreprocessingProperties;
import io.edgeai.preprocessing.model.ServedModel;
import io.edgeai.preprocessing.validation.CheckedReading;
import io.edgeai.preprocessing.validation.ReadingValidator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/** Features after a restart (windows rebuilt from the stored readings) are bit for bit the features without one. */
class WindowRebuildTest {

    static final FeatureSpec SPEC = new FeatureSpec(
            List.of(new FeatureSpec.SensorSpec("torque", "Nm", 0, 150, null),
                    new FeatureSpec.SensorSpec("rotational_speed", "rpm", 0, 4000, null)),
            List.of(new FeatureSpec.CategoricalSpec("machine_type", List.of("L", "M", "H"))),
            List.of(new FeatureSpec.DerivedFeature("mechanical_power", "product", List.of("torque", "rotational_speed"),
                    2 * Math.PI / 60)),
            new FeatureSpec.WindowSpec(5, List.of("torque", "mechanical_power"),
                    List.of("mean", "std", "slope", "min", "max")), null);
    static final ServedModel MODEL = new ServedModel("windowed", "1", "features", new FeatureEncoder(SPEC),
            SPEC.featureNames());
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    final PreprocessingProperties properties = new PreprocessingProperties("windowed", 1000, 64,
            Duration.ofMinutes(5), 10_000, Duration.ofSeconds(5), "machine_type",
            new PreprocessingProperties.Rebuild(true, Duration.ofSeconds(10)));
    final ReadingValidator validator = new ReadingValidator(properties);

    @Test
    void featuresAfterARestartAtAnyPointAreTheFeaturesWithoutOne() {
        List<Reading> stream = stream(new Random(3), 40);
        List<float[]> reference = new ArrayList<>();
        ReadingEncoder running = encoder(new StoredReadings(List.of()));
        for (Reading r : stream) {
            reference.add(running.encode(MODEL, checked(r)));
        }
        assertThat(reference).allSatisfy(row -> assertThat(row).hasSize(SPEC.featureCount()));
        for (int restartAt = 1; restartAt < stream.size(); restartAt += 3) {
            ReadingEncoder restarted = encoder(new StoredReadings(stream.subList(0, restartAt)));
            for (int i = restartAt; i < stream.size(); i++) {
                assertThat(restarted.encode(MODEL, checked(stream.get(i))))
                        .as("restart before reading %d, reading %d", restartAt, i).isEqualTo(reference.get(i));
            }
        }
    }

    @Test
    void storedReadingsThatNoLongerFitTheSpecAreSkipped() {
        List<Reading> stored = new ArrayList<>(stream(new Random(5), 4));
        stored.add(1, new Reading("w-1", T0.minusSeconds(1), "M", Map.of("torque",
                new Reading.Measurement(40.0, "Nm")))); // no rotational_speed: another model's reading
        stored.sort(java.util.Comparator.comparing(Reading::timestamp));
        WindowRebuild rebuild = new WindowRebuild(new DeviceWindows(properties, new SimpleMeterRegistry()),
                new StoredReadings(stored), validator, properties, new SimpleMeterRegistry());
        assertThat(rebuild.replay(MODEL, stored).count()).isEqualTo(4);
    }

    ReadingEncoder encoder(RecentHistoryClient dataShard) {
        DeviceWindows windows = new DeviceWindows(properties, new SimpleMeterRegistry());
        return new ReadingEncoder(windows, new WindowRebuild(windows, dataShard, validator, properties,
                new SimpleMeterRegistry()));
    }

    List<CheckedReading> checked(Reading r) {
        return validator.validate(List.of(r), SPEC, i -> "reading").readings();
    }

    /** One device's readings a second apart, units as devices send them (some torque in kNm). */
    static List<Reading> stream(Random random, int n) {
        List<Reading> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double torque = 20 + random.nextDouble() * 60;
            Reading.Measurement t = i % 4 == 0 ? new Reading.Measurement(torque / 1000, "kNm")
                    : new Reading.Measurement(torque, "Nm");
            out.add(new Reading("w-1", T0.plusSeconds(i), "LMH".substring(i % 3, i % 3 + 1),
                    Map.of("torque", t, "rotational_speed", new Reading.Measurement(1200 + random.nextDouble() * 900,
                            "rpm"))));
        }
        return out;
    }

    /** data-shard holding these readings, answering its recent-history read as edge-contracts describes it. */
    static final class StoredReadings extends RecentHistoryClient {

        final List<Reading> stored;

        StoredReadings(List<Reading> stored) {
            super(RestClient.builder(), new DataShardLocation(URI.create("http://127.0.0.1:9"), List.of(), 16,
                    Duration.ofSeconds(1), Duration.ofSeconds(1)));
            this.stored = stored;
        }

        @Override
        public Map<String, RecentHistory.DeviceHistory> fetch(Map<String, Instant> cuts, int n) {
            Map<String, RecentHistory.DeviceHistory> out = new LinkedHashMap<>();
            cuts.forEach((device, before) -> {
                List<Reading> kept = stored.stream().filter(r -> r.deviceId().equals(device)
                        && r.timestamp().isBefore(before)).toList();
                out.put(device, new RecentHistory.DeviceHistory(device,
                        kept.subList(Math.max(0, kept.size() - n), kept.size()), List.of(), List.of()));
            });
            return out;
        }
    }
}
