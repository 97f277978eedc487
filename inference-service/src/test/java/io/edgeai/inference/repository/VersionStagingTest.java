package io.edgeai.inference.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionStagingTest {

    @TempDir
    Path repository;

    @Test
    void replicasSeedingOneRepositoryAtOnceLeaveOneWholeVersionAndNoStagingFolder() throws Exception {
        Path target = repository.resolve("all-minilm-l6-v2").resolve("1");
        int replicas = 4;
        CyclicBarrier together = new CyclicBarrier(replicas);
        ExecutorService pool = Executors.newFixedThreadPool(replicas);
        List<Future<Boolean>> placed = new ArrayList<>();
        for (int r = 0; r < replicas; r++) {
            String writer = "replica-" + r;
            Callable<Boolean> seed = () -> VersionStaging.publish(target, folder -> {
                Files.writeString(folder.resolve("model.json"), "{\"name\":\"all-minilm-l6-v2\"}");
                awaitQuietly(together); // every replica has half a copy before any renames
                Files.writeString(folder.resolve("writer"), writer);
            });
            placed.add(pool.submit(seed));
        }
        int winners = 0;
        for (Future<Boolean> f : placed) {
            winners += f.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(winners).isEqualTo(1);
        assertThat(target.resolve("model.json")).exists();
        assertThat(Files.readString(target.resolve("writer"))).startsWith("replica-");
        try (Stream<Path> left = Files.list(target.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("1");
        }
    }

    @Test
    void anExistingVersionIsNeverOverwritten() throws Exception {
        Path target = repository.resolve("m").resolve("1");
        Files.createDirectories(target);
        Files.writeString(target.resolve("model.json"), "site");

        assertThat(VersionStaging.publish(target, folder -> Files.writeString(folder.resolve("model.json"), "seed")))
                .isFalse();
        assertThat(Files.readString(target.resolve("model.json"))).isEqualTo("site");
    }

    private static void awaitQuietly(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
