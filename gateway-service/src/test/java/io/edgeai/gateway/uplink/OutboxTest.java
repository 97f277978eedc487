package io.edgeai.gateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeai.contracts.hub.DailyAggregate;
import io.edgeai.gateway.spool.SpoolEntry;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The outbox keeps its items, their order and what it queued across a restart, and queues a summary only once. */
class OutboxTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final LocalDate DAY = LocalDate.of(2026, 11, 28);

    @TempDir
    Path dir;

    static DailyAggregate summary(String device, long readings) {
        return new DailyAggregate(device, DAY, readings, Map.of("torque",
                new DailyAggregate.SensorStats(readings, 10, 40, 70), "rpm",
                new DailyAggregate.SensorStats(readings, 1400, 1500, 1600)), 1, 0, Map.of("ai4i-failure/1", readings),
                3, 1);
    }

    @Test
    void aWipedOutboxIsANewOutboxWithItsOwnId() throws Exception {
        String first;
        try (Outbox outbox = new Outbox(dir.resolve("outbox"), JSON)) {
            first = outbox.id();
            assertThat(first).hasSize(36);
            outbox.offer(summary("mill-01", 10));
        }
        try (Outbox reopened = new Outbox(dir.resolve("outbox"), JSON)) {
            assertThat(reopened.id()).as("kept across a restart").isEqualTo(first);
        }
        org.springframework.util.FileSystemUtils.deleteRecursively(dir.resolve("outbox"));
        try (Outbox wiped = new Outbox(dir.resolve("outbox"), JSON)) {
            assertThat(wiped.id()).as("a new outbox").isNotEqualTo(first);
            assertThat(wiped.offer(summary("mill-01", 10))).isTrue();
            assertThat(wiped.head().seq()).as("its sequence starts again").isEqualTo(1);
        }
    }

    @Test
    void aSummaryIsQueuedOnceUntilItChangesAndItemsSurviveARestartInOrder() throws Exception {
        try (Outbox outbox = new Outbox(dir, JSON)) {
            assertThat(outbox.offer(summary("mill-01", 10))).isTrue();
            assertThat(outbox.offer(summary("mill-01", 10))).as("unchanged").isFalse();
            assertThat(outbox.offer(summary("mill-02", 5))).isTrue();
            assertThat(outbox.offer(summary("mill-01", 12))).as("late readings").isTrue();
            assertThat(outbox.size()).isEqualTo(3);
            outbox.delivered(outbox.head());
        }
        try (Outbox reopened = new Outbox(dir, JSON)) {
            assertThat(reopened.size()).isEqualTo(2);
            SpoolEntry head = reopened.head();
            assertThat(head.seq()).isEqualTo(2);
            assertThat(reopened.aggregate(head).deviceId()).isEqualTo("mill-02");
            assertThat(reopened.offer(summary("mill-01", 12))).as("remembered across the restart").isFalse();
            reopened.refused(head, "422 aggregate.day");
            assertThat(reopened.head().seq()).isEqualTo(3);
            assertThat(reopened.aggregate(reopened.head()).readings()).isEqualTo(12);
            assertThat(reopened.offer(summary("mill-03", 1))).isTrue();
        }
        try (Outbox again = new Outbox(dir, JSON)) {
            assertThat(again.size()).isEqualTo(2);
            assertThat(again.head().seq()).as("sequence numbers never go back").isEqualTo(3);
        }
    }
}
