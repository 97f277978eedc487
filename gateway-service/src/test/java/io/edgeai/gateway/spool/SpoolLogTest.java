package io.edgeai.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolLogTest {

    @TempDir
    Path dir;

    @Test
    void everythingAppendedAndNotDeliveredComesBackAfterARestartInOrder() throws Exception {
        try (SpoolLog spool = new SpoolLog(dir, 1024)) {
            assertThat(spool.recover()).isEmpty();
            List<CompletableFuture<SpoolEntry>> appends = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                appends.add(spool.append("dev-" + (i % 3), ("batch-" + i).getBytes(StandardCharsets.UTF_8)));
            }
            CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).join();
            spool.markDelivered(appends.get(39).join().seq());
        }
        try (SpoolLog reopened = new SpoolLog(dir, 1024)) {
            List<SpoolEntry> pending = reopened.recover();
            assertThat(pending).hasSize(60);
            assertThat(new String(pending.get(0).payload(), StandardCharsets.UTF_8)).isEqualTo("batch-40");
            assertThat(pending.get(0).deviceId()).isEqualTo("dev-1");
            assertThat(pending).extracting(SpoolEntry::seq).isSorted();
            // New entries continue the sequence.
            SpoolEntry next = reopened.append("dev-9", new byte[] {1}).join();
            assertThat(next.seq()).isGreaterThan(pending.get(59).seq());
        }
    }

    @Test
    void aGroupIsWrittenInOrderWithConsecutiveSequenceNumbersAndSurvivesARestart() throws Exception {
        List<SpoolEntry> written;
        try (SpoolLog spool = new SpoolLog(dir, 1 << 20)) {
            spool.recover();
            spool.append("before", new byte[] {0}).join();
            List<CompletableFuture<SpoolEntry>> group = spool.appendAll(List.of("a", "b", "a"),
                    List.of("x".getBytes(StandardCharsets.UTF_8), "y".getBytes(StandardCharsets.UTF_8),
                            "z".getBytes(StandardCharsets.UTF_8)));
            written = group.stream().map(CompletableFuture::join).toList();
            assertThat(written).extracting(SpoolEntry::deviceId).containsExactly("a", "b", "a");
            assertThat(written.get(2).seq() - written.get(0).seq()).isEqualTo(2);
            assertThat(spool.appendAll(List.of(), List.of())).isEmpty();
        }
        try (SpoolLog reopened = new SpoolLog(dir, 1 << 20)) {
            assertThat(reopened.recover()).extracting(e -> new String(e.payload(), StandardCharsets.UTF_8))
                    .containsExactly("\u0000", "x", "y", "z");
        }
    }

    @Test
    void deliveredSegmentsAreDeleted() throws Exception {
        try (SpoolLog spool = new SpoolLog(dir, 200)) {
            spool.recover();
            SpoolEntry last = null;
            for (int i = 0; i < 50; i++) {
                last = spool.append("d", new byte[64]).join();
            }
            long before = segments();
            spool.markDelivered(last.seq());
            assertThat(before).isGreaterThan(5);
            assertThat(segments()).isEqualTo(1);
        }
    }

    @Test
    void aTornRecordAtTheTailIsIgnored() throws Exception {
        try (SpoolLog spool = new SpoolLog(dir, 1 << 20)) {
            spool.recover();
            spool.append("d", "whole".getBytes(StandardCharsets.UTF_8)).join();
        }
        Path segment;
        try (Stream<Path> files = Files.list(dir)) {
            segment = files.filter(f -> f.getFileName().toString().startsWith("segment-")).findFirst().orElseThrow();
        }
        // A crash in the middle of the next record: a header promising more bytes than were written.
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.allocate(18).putInt(500).putInt(1).putLong(2).putShort((short) 1).flip());
            ch.write(ByteBuffer.wrap("torn".getBytes(StandardCharsets.UTF_8)));
        }
        try (SpoolLog reopened = new SpoolLog(dir, 1 << 20)) {
            List<SpoolEntry> pending = reopened.recover();
            assertThat(pending).hasSize(1);
            assertThat(new String(pending.get(0).payload(), StandardCharsets.UTF_8)).isEqualTo("whole");
        }
    }

    private long segments() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("segment-")).count();
        }
    }
}
