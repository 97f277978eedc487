package io.edgeai.inference.finetune;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fine-tuning jobs as JSON files in a folder (the repository's hidden {@code .jobs}). Opening the store marks every
 * job that was queued or running as FAILED: a restart ended it, and it must never look finished.
 */
public final class JobStore {

    private static final Logger log = LoggerFactory.getLogger(JobStore.class);
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path dir;
    private final Map<String, FineTuneJob> jobs = new ConcurrentHashMap<>();

    public JobStore(Path dir) {
        this.dir = dir;
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".job.json")).toList()) {
                try {
                    FineTuneJob job = JSON.readValue(Files.readAllBytes(f), FineTuneJob.class);
                    if (!job.state().finished()) {
                        job = job.finished(FineTuneJob.State.FAILED, null, "the inference service restarted while "
                                + "the job was " + job.state() + "; nothing was promoted, start a new job",
                                Instant.now().toString());
                        save(job);
                    }
                    jobs.put(job.id(), job);
                } catch (RuntimeException e) {
                    log.warn("ignoring unreadable job file {}: {}", f.getFileName(), e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FineTuneJob get(String id) {
        return jobs.get(id);
    }

    public List<FineTuneJob> all() {
        return new ArrayList<>(jobs.values());
    }

    /** Stores the job's new state (memory first, then the file, written whole and renamed into place). */
    public synchronized void save(FineTuneJob job) {
        jobs.put(job.id(), job);
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve("." + job.id() + ".tmp");
            Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(job));
            Files.move(tmp, dir.resolve(job.id() + ".job.json"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("cannot persist job {}: {}", job.id(), e.getMessage());
        }
    }
}
