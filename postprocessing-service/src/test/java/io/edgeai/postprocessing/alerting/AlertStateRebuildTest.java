package io.edgeai.postprocessing.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeai.contracts.Reading;
import io.edgeai.contracts.ReadingMetadata;
import io.edgeai.contracts.alert.AlertEvent;
import io.edgeai.contracts.alert.AlertEventType;
import io.edgeai.contracts.model.Threshold;
import io.edgeai.contracts.storage.DataShardLocation;
import io.edgeai.contracts.storage.RecentHistory;
import io.edgeai.contracts.storage.RecentHistoryClient;
import io.edgeai.contracts.storage.StorageBatch;
import io.edgeai.postprocessing.config.PostprocessingProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/**
 * A restart in the middle of a device's stream changes none of the alert events that follow: the state rebuilt
 * from what data-shard stored (decisions and alert events) is the state the running tracker had.
 */
class AlertStateRebuildTest {

    static final List<String> LABELS = List.of("machine_failure", "HDF");
    static final Threshold[] THRESHOLDS = {new Threshold(0.5, 0.3), new Threshold(0.4, 0.2)};
    static final Function<String, Threshold[]> BY_TYPE = type -> THRESHOLDS;
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final String DEVICE = "press-7";

    final PostprocessingProperties properties = new PostprocessingProperties(1000, "machine_failure",
            Duration.ofSeconds(30), new PostprocessingProperties.Thresholds(null, null),
            new PostprocessingProperties.Alerting(3, 5, 3, 0.9, 10_000),
            new PostprocessingProperties.Rebuild(true, Duration.ofSeconds(10)), null);

    @Test
    void eventsAfterARestartAtAnyPointAreTheEventsWithoutOne() {
        for (int seed = 0; seed < 40; seed++) {
            double[][] p = stream(new Random(seed), 80);
            List<AlertEvent> reference = new ArrayList<>();
            AlertTracker running = tracker();
            for (int i = 0; i < p.length; i++) {
                reference.add(null);
                reference.addAll(observe(running, i, p[i]));
            }
            for (int restartAt = 1; restartAt < p.length; restartAt += 7) {
                StoredShard shard = new StoredShard();
                AlertTracker before = tracker();
                for (int i = 0; i < restartAt; i++) {
                    shard.store(i, p[i], observe(before, i, p[i]));
                }
                AlertTracker after = tracker();
                AlertStateRebuild rebuild = new AlertStateRebuild(after, shard, properties, new SimpleMeterRegistry());
                List<AlertEvent> events = new ArrayList<>();
                for (int i = restartAt; i < p.length; i++) {
                    rebuild.prepare(List.of(meta(i)), LABELS, BY_TYPE, "m", "1");
                    events.addAll(observe(after, i, p[i]));
                }
                assertThat(events).as("seed %d, restart before reading %d", seed, restartAt)
                        .isEqualTo(after(reference, restartAt));
            }
        }
    }

    @Test
    void anAlertOpenBeforeTheRestartIsClearedOnceAndNotRaisedAgain() {
        StoredShard shard = new StoredShard();
        AlertTracker before = tracker();
        double[][] p = {{0.9, 0}, {0.8, 0}, {0.95, 0}, {0.7, 0}};
        for (int i = 0; i < p.length; i++) {
            shard.store(i, p[i], observe(before, i, p[i]));
        }
        assertThat(before.open(DEVICE)).hasSize(1);
        String alertId = before.open(DEVICE).get(0).alertId();

        AlertTracker after = tracker();
        AlertStateRebuild rebuild = new AlertStateRebuild(after, shard, properties, new SimpleMeterRegistry());
        List<AlertEvent> events = new ArrayList<>();
        for (int i = 4; i < 12; i++) {
            double[] row = i < 6 ? new double[] {0.9, 0} : new double[] {0.1, 0};
            rebuild.prepare(List.of(meta(i)), LABELS, BY_TYPE, "m", "1");
            events.addAll(observe(after, i, row));
        }
        assertThat(events).extracting(AlertEvent::event).containsExactly(AlertEventType.CLEARED);
        assertThat(events.get(0).alertId()).isEqualTo(alertId);
        assertThat(events.get(0).timestamp()).isEqualTo(T0.plusSeconds(8));
    }

    @Test
    void whenDataShardCannotAnswerDevicesStartWithNoStateAndAreNotAskedAgainAtOnce() {
        AlertTracker after = tracker();
        int[] calls = {0};
        RecentHistoryClient down = new RecentHistoryClient(RestClient.builder(), location()) {
            @Override
            public Map<String, RecentHistory.DeviceHistory> fetch(Map<String, Instant> cuts, int readings) {
                calls[0]++;
                throw new RecentHistoryUnavailableException("connection refused", null);
            }
        };
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        AlertStateRebuild rebuild = new AlertStateRebuild(after, down, properties, meters);
        rebuild.prepare(List.of(meta(0)), LABELS, BY_TYPE, "m", "1");
        assertThat(observe(after, 0, new double[] {0.9, 0})).isEmpty();
        rebuild.prepare(List.of(new ReadingMetadata("other", T0, "M")), LABELS, BY_TYPE, "m", "1");
        assertThat(calls[0]).isEqualTo(1);
        assertThat(meters.counter("edge.postprocessing.alerting.rebuilds", "outcome", "failed").count()).isEqualTo(1);
        assertThat(meters.counter("edge.postprocessing.alerting.rebuilds", "outcome", "skipped").count()).isEqualTo(1);
    }

    /** Bursts of highs, lows and in-between values, so alerts rise and clear many times. */
    static double[][] stream(Random random, int n) {
        double[][] p = new double[n][LABELS.size()];
        for (int l = 0; l < LABELS.size(); l++) {
            int i = 0;
            while (i < n) {
                int run = 1 + random.nextInt(5);
                double level = switch (random.nextInt(3)) {
                    case 0 -> 0.6 + random.nextDouble() * 0.4;
                    case 1 -> random.nextDouble() * 0.2;
                    default -> random.nextDouble();
                };
                for (int k = 0; k < run && i < n; k++, i++) {
                    p[i][l] = Math.min(1, Math.max(0, level + (random.nextDouble() - 0.5) * 0.1));
                }
            }
        }
        return p;
    }

    static List<AlertEvent> after(List<AlertEvent> reference, int reading) {
        int nulls = 0;
        for (int i = 0; i < reference.size(); i++) {
            if (reference.get(i) == null && nulls++ == reading) {
                return reference.subList(i, reference.size()).stream().filter(e -> e != null).toList();
            }
        }
        return List.of();
    }

    AlertTracker tracker() {
        return new AlertTracker(properties, new SimpleMeterRegistry());
    }

    static ReadingMetadata meta(int i) {
        return new ReadingMetadata(DEVICE, T0.plusSeconds(i), "M");
    }

    static List<AlertEvent> observe(AlertTracker tracker, int i, double[] p) {
        return tracker.observe(meta(i), LABELS, p, THRESHOLDS, "m", "1");
    }

    static DataShardLocation location() {
        return new DataShardLocation(URI.create("http://127.0.0.1:9"), List.of(), 16, Duration.ofSeconds(1),
                Duration.ofSeconds(1));
    }

    /** What data-shard holds for the device, and its recent-history read over it (edge-contracts' contract). */
    static final class StoredShard extends RecentHistoryClient {

        final List<Reading> readings = new ArrayList<>();
        final List<StorageBatch.Prediction> predictions = new ArrayList<>();
        final Map<String, RecentHistory.AlertState> alerts = new LinkedHashMap<>();

        StoredShard() {
            super(RestClient.builder(), location());
        }

        void store(int i, double[] p, List<AlertEvent> events) {
            Instant at = T0.plusSeconds(i);
            readings.add(new Reading(DEVICE, at, "M", Map.of()));
            Map<String, Double> byLabel = new LinkedHashMap<>();
            for (int l = 0; l < LABELS.size(); l++) {
                byLabel.put(LABELS.get(l), p[l]);
            }
            predictions.add(new StorageBatch.Prediction(null, DEVICE, at, "m", "1", byLabel, "NORMAL"));
            for (AlertEvent e : events) {
                alerts.put(e.alertId(), e.event() == AlertEventType.RAISED
                        ? new RecentHistory.AlertState(e.alertId(), e.mode(), e.severity(), "OPEN", e.raisedAt(), null)
                        : new RecentHistory.AlertState(e.alertId(), e.mode(), e.severity(), "CLEARED", e.raisedAt(),
                                e.timestamp()));
            }
        }

        @Override
        public Map<String, RecentHistory.DeviceHistory> fetch(Map<String, Instant> cuts, int n) {
            Instant before = cuts.get(DEVICE);
            List<Reading> kept = readings.stream().filter(r -> r.timestamp().isBefore(before)).toList();
            kept = kept.subList(Math.max(0, kept.size() - n), kept.size());
            Instant oldest = kept.isEmpty() ? Instant.MAX : kept.get(0).timestamp();
            List<Instant> times = kept.stream().map(Reading::timestamp).toList();
            return Map.of(DEVICE, new RecentHistory.DeviceHistory(DEVICE, kept,
                    predictions.stream().filter(p -> times.contains(p.timestamp())).toList(),
                    alerts.values().stream().filter(a -> a.open() || !a.clearedAt().isBefore(oldest)).toList()));
        }
    }
}
