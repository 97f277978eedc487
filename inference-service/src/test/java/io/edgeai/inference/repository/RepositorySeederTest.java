package io.edgeai.inference.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositorySeederTest {

    @TempDir
    Path seed;
    @TempDir
    Path repository;

    @Test
    void copiesMissingVersionsAndNeverOverwrites() throws Exception {
        Files.createDirectories(seed.resolve("m/1"));
        Files.writeString(seed.resolve("m/1/model.json"), "seed-1");
        Files.createDirectories(seed.resolve("m/2"));
        Files.writeString(seed.resolve("m/2/model.json"), "seed-2");
        Files.createDirectories(repository.resolve("m/2"));
        Files.writeString(repository.resolve("m/2/model.json"), "trained-on-site");

        RepositorySeeder.seed(seed, repository);

        assertThat(Files.readString(repository.resolve("m/1/model.json"))).isEqualTo("seed-1");
        assertThat(Files.readString(repository.resolve("m/2/model.json"))).isEqualTo("trained-on-site");
        try (var left = Files.list(repository.resolve("m"))) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("1", "2");
        }
    }

    @Test
    void aMissingSeedFolderChangesNothing() {
        RepositorySeeder.seed(seed.resolve("absent"), repository);
        RepositorySeeder.seed(null, repository);
        assertThat(repository).isEmptyDirectory();
    }
}
