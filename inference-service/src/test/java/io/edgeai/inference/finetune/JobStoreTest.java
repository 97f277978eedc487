package io.edgeai.inference.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs survive nothing silently: after a restart a job that was running or queued is FAILED, never done. */
class JobStoreTest {

    @Test
    void restartMarksRunningAndQueuedJobsFailedAndKeepsFinishedOnes(@TempDir Path dir) throws Exception {
        JobStore before = new JobStore(dir);
        before.save(job("a", FineTuneJob.State.RUNNING));
        before.save(job("b", FineTuneJob.State.QUEUED));
        before.save(job("c", FineTuneJob.State.COMPLETED));

        JobStore after = new JobStore(dir); // what the service does at start-up

        assertThat(after.get("a").state()).isEqualTo(FineTuneJob.State.FAILED);
        assertThat(after.get("a").error()).contains("restarted while the job was RUNNING");
        assertThat(after.get("a").finishedAt()).isNotNull();
        assertThat(after.get("b").state()).isEqualTo(FineTuneJob.State.FAILED);
        assertThat(after.get("c").state()).isEqualTo(FineTuneJob.State.COMPLETED);
        assertThat(Files.readString(dir.resolve("a.job.json"))).contains("FAILED");
    }

    private static FineTuneJob job(String id, FineTuneJob.State state) {
        return new FineTuneJob(id, "m", state, FineTuneRequest.DEFAULTS, 1L, "2026-11-28T10:00:00Z", null, null, null,
                null, null);
    }
}
