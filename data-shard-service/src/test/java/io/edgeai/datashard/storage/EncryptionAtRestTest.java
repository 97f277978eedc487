package io.edgeai.datashard.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeai.contracts.Reading;
import io.edgeai.datashard.config.StoreProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With edge.store.encryption-key set, a shard file says nothing without the key and everything with it. */
class EncryptionAtRestTest {

    static final String MARKER = "unmistakable_sensor_name";
    static final Instant T = Instant.parse("2026-11-28T10:00:00Z");

    @TempDir
    Path plainDir;

    @TempDir
    Path encryptedDir;

    private static void writeOneReading(StoreProperties props, Path dir) {
        try (ShardStore store = new ShardStore(3, ShardDatabase.open(props, dir, 3), "test")) {
            store.batches().write(new BatchPart("b1", "d", List.of(new Reading("press-9", T, "L",
                    Map.of(MARKER, new Reading.Measurement(42.5, "Nm")))), List.of(), List.of()));
        }
    }

    private static String fileText(Path dir) throws Exception {
        return new String(Files.readAllBytes(dir.resolve("shard-03.mv.db")), StandardCharsets.ISO_8859_1);
    }

    @Test
    void anEncryptedShardIsUnreadableWithoutTheKeyAndReadableWithIt() throws Exception {
        writeOneReading(H2ShardStoreTest.properties(Map.of()), plainDir);
        assertThat(fileText(plainDir)).as("the marker is visible in a plain file").contains(MARKER);

        StoreProperties keyed = H2ShardStoreTest.properties(Map.of("edge.store.encryption-key", "k3y-from-a-secret"));
        writeOneReading(keyed, encryptedDir);
        assertThat(fileText(encryptedDir)).doesNotContain(MARKER).doesNotContain("press-9");

        String plainUrl = ShardDatabase.h2Url(encryptedDir, 3, false) + ";IFEXISTS=TRUE";
        assertThatThrownBy(() -> DriverManager.getConnection(plainUrl, "sa", "").close())
                .isInstanceOf(java.sql.SQLException.class);
        String encryptedUrl = ShardDatabase.h2Url(encryptedDir, 3, true) + ";IFEXISTS=TRUE";
        assertThatThrownBy(() -> DriverManager.getConnection(encryptedUrl, "sa", "wrong-key ").close())
                .isInstanceOf(java.sql.SQLException.class);

        try (ShardStore store = new ShardStore(3, ShardDatabase.open(keyed, encryptedDir, 3), "test")) {
            assertThat(store.history().page("press-9", Long.MIN_VALUE, Long.MAX_VALUE, true, 0, 10)).singleElement()
                    .satisfies(r -> assertThat(r.sensors().get(MARKER).value()).isEqualTo(42.5));
        }
    }
}
