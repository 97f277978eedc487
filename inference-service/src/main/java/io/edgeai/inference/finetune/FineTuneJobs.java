package io.edgeai.inference.finetune;

import io.edgeai.inference.config.RepositoryProperties;
import io.edgeai.inference.config.SiteTrainingProperties;
import io.edgeai.inference.repository.ModelConfig;
import io.edgeai.inference.repository.ModelLoader;
import io.edgeai.inference.repository.ModelVersion;
import io.edgeai.inference.repository.ServedVersions;
import io.edgeai.inference.repository.VersionFolderWriter;
import io.edgeai.inference.repository.VersionPromoter;
import io.edgeai.inference.training.core.TrainingExecutor;
import io.edgeai.inference.training.core.TrainingRejectedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Fine-tuning jobs: queued on the {@link TrainingExecutor} (one trains at a time), state persisted after every
 * change, cancellable, and promoted through {@link VersionPromoter} only when {@link FineTuneRun} says so.
 */
@Component
public class FineTuneJobs {

    private static final Logger log = LoggerFactory.getLogger(FineTuneJobs.class);

    private final ServedVersions served;
    private final Path root;
    private final JobStore store;
    private final TrainingExecutor executor;
    private final LabelledExport export;
    private final VersionPromoter promoter;
    private final SiteTrainingProperties properties;
    private final Map<String, AtomicBoolean> cancelFlags = new ConcurrentHashMap<>();
    private final Map<String, Future<?>> futures = new ConcurrentHashMap<>();

    public FineTuneJobs(ServedVersions served, RepositoryProperties repositoryProperties,
                        TrainingExecutor executor, LabelledExport export, VersionPromoter promoter,
                        SiteTrainingProperties properties) {
        this.served = served;
        this.root = repositoryProperties.modelRepository();
        this.store = new JobStore(root.resolve(".jobs"));
        this.executor = executor;
        this.export = export;
        this.promoter = promoter;
        this.properties = properties;
    }

    /** Starts a job on the served version of {@code model}; checks that it can be fine-tuned first. */
    public FineTuneJob start(String model, FineTuneRequest request) {
        FineTuneRequest r = request == null ? FineTuneRequest.DEFAULTS : request;
        if (r.family() != null && !FineTuneRequest.FAMILIES.contains(r.family())) {
            throw new TrainingRejectedException("family must be one of " + FineTuneRequest.FAMILIES
                    + " (or absent: validation chooses), was '" + r.family() + "'");
        }
        if (r.epochs() != null && (r.epochs() < 1 || r.epochs() > 1000)) {
            throw new TrainingRejectedException("epochs must be between 1 and 1000");
        }
        if (r.learningRate() != null && !(r.learningRate() > 0 && r.learningRate() < 1)) {
            throw new TrainingRejectedException("learningRate must be in (0, 1)");
        }
        if (r.from() != null && r.to() != null && !r.from().isBefore(r.to())) {
            throw new TrainingRejectedException("to must be after from");
        }
        ModelVersion base = served.resolve(model, null);
        ModelConfig config = base.config();
        boolean mlp = ModelConfig.PLATFORM_DJL.equals(config.platform()) && config.architecture() != null;
        boolean trees = ModelConfig.PLATFORM_XGBOOST.equals(config.platform()) && config.trees() != null
                && config.regression() == null;
        if (!(mlp || trees) || config.featureSpec() == null || config.featureSpec().normalization() == null) {
            throw new TrainingRejectedException("model '" + model + "' version " + base.version() + " cannot be "
                    + "fine-tuned: only classifiers of platform djl (with an architecture) or xgboost with a fitted "
                    + "feature_spec can");
        }
        FineTuneJob job = new FineTuneJob(UUID.randomUUID().toString(), model, FineTuneJob.State.QUEUED, r,
                base.version(), Instant.now().toString(), null, null, null, null, null);
        AtomicBoolean cancel = new AtomicBoolean();
        cancelFlags.put(job.id(), cancel);
        store.save(job);
        try {
            futures.put(job.id(), executor.submit(() -> {
                execute(job.id(), config, base.version(), cancel);
                return null;
            }));
        } catch (TrainingRejectedException e) {
            store.save(job.finished(FineTuneJob.State.FAILED, null, e.getMessage(), Instant.now().toString()));
            throw e;
        }
        return store.get(job.id());
    }

    public FineTuneJob get(String model, String id) {
        FineTuneJob job = store.get(id);
        if (job == null || !job.model().equals(model)) {
            throw new TrainingRejectedException(HttpStatus.NOT_FOUND, "no fine-tuning job '" + id + "' of model '"
                    + model + "'");
        }
        return job;
    }

    /** Cancels a queued or running job; a finished one is a 409. */
    public FineTuneJob cancel(String model, String id) {
        FineTuneJob job = get(model, id);
        if (job.state().finished()) {
            throw new TrainingRejectedException(HttpStatus.CONFLICT, "job " + id + " is already " + job.state());
        }
        AtomicBoolean flag = cancelFlags.get(id);
        if (flag != null) {
            flag.set(true);
        }
        Future<?> f = futures.get(id);
        synchronized (store) {
            FineTuneJob now = store.get(id);
            if (now.state() == FineTuneJob.State.QUEUED && f != null && f.cancel(false)) {
                store.save(now.finished(FineTuneJob.State.CANCELLED, null, "cancelled before it started",
                        Instant.now().toString()));
            }
        }
        return store.get(id);
    }

    private void execute(String id, ModelConfig config, long baseVersion, AtomicBoolean cancel) {
        synchronized (store) {
            if (cancel.get()) {
                return;
            }
            store.save(store.get(id).started(Instant.now().toString()));
        }
        FineTuneJob job = store.get(id);
        try {
            Path dir = root.resolve(job.model()).resolve(Long.toString(baseVersion));
            java.util.Map<String, byte[]> files = new java.util.HashMap<>();
            if (config.trees() != null) {
                for (String booster : config.trees().boosters()) {
                    files.put(booster, Files.readAllBytes(dir.resolve(booster)));
                }
            } else {
                files.put(ModelLoader.DJL_WEIGHTS, Files.readAllBytes(dir.resolve(config.defaultModelFilename()
                        == null ? ModelLoader.DJL_WEIGHTS : config.defaultModelFilename())));
            }
            LabelledExport.Export data = export.fetch(config.featureSpec(), config.labels(), job.request());
            FineTuneRun.Result result = FineTuneRun.run(config, baseVersion, files, data.rows(), job.request(),
                    properties.minRows(), p -> store.save(store.get(id).progressed(p)), cancel::get);
            FineTuneJob.Outcome outcome = result.outcome();
            if ("PROMOTED".equals(outcome.decision())) {
                if (cancel.get()) {
                    throw new CancellationException("cancelled before promotion");
                }
                long version = VersionFolderWriter.write(root, job.model(), null, result.config(), result.files());
                promoter.promote(job.model(), version);
                outcome = new FineTuneJob.Outcome(outcome.decision(), outcome.reason() + "; served as version "
                        + version, outcome.gateMetric(), outcome.candidate(), outcome.current(), version,
                        outcome.testRows(), outcome.perClass());
            }
            store.save(store.get(id).finished(FineTuneJob.State.COMPLETED, outcome, null, Instant.now().toString()));
            log.info("fine-tuning job {} of {}: {}", id, job.model(), outcome.reason());
        } catch (CancellationException e) {
            store.save(store.get(id).finished(FineTuneJob.State.CANCELLED, null, "cancelled: " + e.getMessage(),
                    Instant.now().toString()));
        } catch (Exception e) {
            log.warn("fine-tuning job {} of {} failed: {}", id, job.model(), e.toString());
            store.save(store.get(id).finished(FineTuneJob.State.FAILED, null, e.getMessage() == null ? e.toString()
                    : e.getMessage(), Instant.now().toString()));
        } finally {
            cancelFlags.remove(id);
            futures.remove(id);
        }
    }
}
