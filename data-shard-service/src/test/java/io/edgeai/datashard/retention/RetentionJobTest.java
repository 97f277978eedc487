package io.edgeai.datashard.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeai.contracts.Reading;
import io.edgeai.contracts.storage.StorageBatch;
import io.edgeai.datashard.ingest.BatchWriter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Retention deletes by age and by row cap and reports what it deleted and what is left as metrics. */
@SpringBootTest(properties = {"edge.shards.count=2", "edge.retention.max-age=30d",
        "edge.retention.max-readings-per-shard=50", "edge.retention.enabled=false",
        "edge.retention.slice-readings=4"})
class RetentionJobTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dir(DynamicPropertyRegistry registry) {
        registry.add("edge.shards.data-dir", () -> dataDir.toString());
    }

    @Autowired
    BatchWriter writer;

    @Autowired
    RetentionJob job;

    @Autowired
    MeterRegistry registry;

    @Test
    void oldReadingsAndReadingsBeyondTheCapAreDeletedAndCounted() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            readings.add(reading(now.minus(40, ChronoUnit.DAYS).plusSeconds(i)));
        }
        for (int i = 0; i < 80; i++) {
            readings.add(reading(now.minus(1, ChronoUnit.HOURS).plusSeconds(i)));
        }
        writer.write(new StorageBatch("old-and-new", readings, List.of(), List.of()));
        String shard = String.format("%02d", io.edgeai.contracts.ShardFunction.shardOf("ret-1", 2));
        assertThat(gauge(shard)).isEqualTo(90);

        assertThat(job.run()).isEqualTo(40);
        assertThat(deleted(shard, "age")).isEqualTo(10);
        assertThat(deleted(shard, "cap")).isEqualTo(30);
        assertThat(gauge(shard)).isEqualTo(50);
        assertThat(job.run()).isZero();
    }

    private static Reading reading(Instant t) {
        return new Reading("ret-1", t, "L", Map.of("torque", new Reading.Measurement(1.0, "Nm")));
    }

    private double gauge(String shard) {
        return registry.get("edge.shard.rows").tag("shard", shard).tag("table", "reading").gauge().value();
    }

    private double deleted(String shard, String reason) {
        return registry.get("edge.retention.rows.deleted").tag("shard", shard).tag("table", "reading")
                .tag("reason", reason).counter().count();
    }
}
