package io.edgeai.inference.finetune;

import io.edgeai.contracts.hub.ModelPackage;
import io.edgeai.contracts.hub.ModelWeights;
import io.edgeai.contracts.model.Threshold;
import io.edgeai.features.FeatureSpec;
import io.edgeai.inference.config.RepositoryProperties;
import io.edgeai.inference.repository.ModelConfig;
import io.edgeai.inference.repository.ModelConfigCodec;
import io.edgeai.inference.repository.ModelLoader;
import io.edgeai.inference.repository.ModelVersion;
import io.edgeai.inference.repository.ServedVersions;
import io.edgeai.inference.repository.VersionFolderWriter;
import io.edgeai.inference.repository.VersionPromoter;
import io.edgeai.inference.training.core.ClassificationMetrics;
import io.edgeai.inference.training.core.DataSplit;
import io.edgeai.inference.training.core.EncodedRows;
import io.edgeai.inference.training.core.GateMetric;
import io.edgeai.inference.training.core.MlpTrainer;
import io.edgeai.inference.training.core.PortableWeights;
import io.edgeai.inference.training.core.SiteEvaluation;
import io.edgeai.inference.training.core.TrainingRejectedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Versions in and out of this site: a version as a {@link ModelPackage} for the hub, and a package from the hub
 * promoted only when it beats the served version on this site's own held-out rows, the test side of the same split
 * fine-tuning uses (its thresholds fitted on the validation side, as a fine-tuned candidate's are). The served
 * version stays on disk, so a promoted import is rolled back with {@code POST .../versions/{previous}/promote}.
 */
@Component
public class ImportGate {

    private static final Logger log = LoggerFactory.getLogger(ImportGate.class);

    private final ServedVersions served;
    private final Path root;
    private final LabelledExport export;
    private final VersionPromoter promoter;

    public ImportGate(ServedVersions served, RepositoryProperties repository, LabelledExport export,
                      VersionPromoter promoter) {
        this.served = served;
        this.root = repository.modelRepository();
        this.export = export;
        this.promoter = promoter;
    }

    /**
     * What an import decided.
     *
     * @param decision        {@code PROMOTED} or {@code REFUSED}
     * @param reason          why, with both versions' gate metric on the same held-out rows
     * @param gateMetric      the metric's name
     * @param candidate       the imported weights' metric on the held-out rows
     * @param current         the served version's on the same rows
     * @param version         the new version when promoted
     * @param previousVersion the version served before (the rollback target)
     * @param testRows        held-out rows measured
     * @param source          where the package came from
     * @param sha256          the checked checksum of its weights
     */
    public record Outcome(String decision, String reason, String gateMetric, ClassificationMetrics candidate,
                          ClassificationMetrics current, Long version, long previousVersion, int testRows,
                          String source, String sha256) {
    }

    /** A version on disk as a package: model.json, portable weights, their checksum, its training rows. */
    public ModelPackage packageOf(String model, long version) {
        Path dir = root.resolve(model).resolve(Long.toString(version));
        try {
            ModelConfig config = ModelConfigCodec.read(dir.resolve("model.json"));
            requireExchangeable(model, version, config);
            byte[] params = Files.readAllBytes(dir.resolve(config.defaultModelFilename() == null
                    ? ModelLoader.DJL_WEIGHTS : config.defaultModelFilename()));
            byte[] weights = PortableWeights.fromParams(config.architecture(), params).encode();
            @SuppressWarnings("unchecked")
            Map<String, Object> json = ModelConfigCodec.mapper().convertValue(config, Map.class);
            return new ModelPackage(model, json, Base64.getEncoder().encodeToString(weights),
                    ModelWeights.sha256(weights), trainingRows(config), model + "/" + version);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new TrainingRejectedException(HttpStatus.NOT_FOUND, "model '" + model + "' has no version "
                    + version + " on disk");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Checks, gates on this site's data, and promotes a package when it beats the served version. */
    public Outcome importPackage(String model, ModelPackage pkg) {
        ModelVersion base = served.resolve(model, null);
        ModelConfig current = base.config();
        requireExchangeable(model, base.version(), current);
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(pkg.weights() == null ? "" : pkg.weights());
        } catch (IllegalArgumentException e) {
            throw new TrainingRejectedException(HttpStatus.UNPROCESSABLE_CONTENT, "weights: not base64");
        }
        String sha = ModelWeights.sha256(bytes);
        if (!sha.equals(pkg.sha256())) {
            log.warn("refused a package of {} from {}: checksum {} declared, {} computed", model, pkg.source(),
                    pkg.sha256(), sha);
            throw new TrainingRejectedException(HttpStatus.UNPROCESSABLE_CONTENT, "sha256: does not match the "
                    + "weights (declared " + pkg.sha256() + ", computed " + sha + "); nothing was imported");
        }
        ModelConfig incoming = ModelConfigCodec.mapper().convertValue(pkg.config(), ModelConfig.class);
        if (!sameJson(incoming.architecture(), current.architecture())
                || !sameJson(incoming.featureSpec(), current.featureSpec())
                || !Objects.equals(incoming.labels(), current.labels())) {
            throw new TrainingRejectedException(HttpStatus.UNPROCESSABLE_CONTENT, "config: the package's "
                    + "architecture, feature_spec or labels differ from version " + base.version()
                    + " served here; only the same network can be gated against it");
        }
        byte[] candidateParams;
        try {
            candidateParams = PortableWeights.toParams(current.architecture(), ModelWeights.decode(bytes));
        } catch (IllegalArgumentException e) {
            throw new TrainingRejectedException(HttpStatus.UNPROCESSABLE_CONTENT, "weights: " + e.getMessage());
        }
        byte[] currentParams = read(model, base.version(), current);

        FeatureSpec spec = current.featureSpec();
        var data = export.fetch(spec, current.labels(), FineTuneRequest.DEFAULTS).rows();
        var rows = EncodedRows.encode(data, spec);
        DataSplit split = DataSplit.stratified(data, FineTuneRequest.DEFAULTS.seedOrDefault());
        String metric = GateMetric.name(current.labels());
        String faultless = data.rows().isEmpty() ? "test" : split.sideWithoutPositives(rows.y());
        if (faultless != null) {
            return refused(model, pkg, sha, metric, null, null, base.version(), split.test().size(), "this site's "
                    + data.rows().size() + " labelled rows leave no labelled failure on the " + faultless
                    + " side; collect fault feedback before gating an imported version");
        }
        float[][] candidateValidation = MlpTrainer.predict(current.architecture(), candidateParams, rows.x(),
                split.validation());
        Map<String, Threshold> thresholds = SiteEvaluation.thresholds(current.labels(), candidateValidation, rows.y(),
                split.validation());
        ClassificationMetrics candidate = GateMetric.evaluate(current.labels(), thresholds,
                MlpTrainer.predict(current.architecture(), candidateParams, rows.x(), split.test()), rows.y(),
                split.test());
        ClassificationMetrics served = GateMetric.evaluate(current.labels(),
                current.thresholds() == null ? Map.of() : current.thresholds(),
                MlpTrainer.predict(current.architecture(), currentParams, rows.x(), split.test()), rows.y(),
                split.test());
        int testRows = split.test().size();
        FineTuneRun.Gate unmeasurable = FineTuneRun.unmeasurable(metric, candidate, base.version(), testRows);
        if (unmeasurable != null) {
            return refused(model, pkg, sha, metric, candidate, served, base.version(), testRows, unmeasurable.reason());
        }
        // An import brings no training evidence from this site: it must beat the served version, a tie keeps it.
        if (candidate.f1() <= served.f1()) {
            return refused(model, pkg, sha, metric, candidate, served, base.version(), testRows, "imported version "
                    + "does not beat version " + base.version() + ": " + metric + " " + candidate.f1() + " <= "
                    + served.f1() + " on this site's " + testRows + " held-out rows");
        }
        String reason = "imported version beats version " + base.version() + ": " + metric + " " + candidate.f1()
                + " > " + served.f1() + " on this site's " + testRows + " held-out rows";
        Map<String, Object> evaluation = new LinkedHashMap<>();
        evaluation.put("imported", Map.of("source", String.valueOf(pkg.source()), "sha256", sha,
                "training_rows", pkg.rows(), "report", incoming.evaluation() == null ? Map.of()
                        : incoming.evaluation()));
        evaluation.put("site_gate", Map.of("metric", metric, "candidate", candidate, "current", served,
                "current_version", base.version(), "test_rows", testRows, "data_sha256", data.sha256(),
                "decision", reason));
        try {
            long version = VersionFolderWriter.write(root, model, v -> new ModelConfig(current.name(), v,
                    current.platform(), "Imported from the hub (" + pkg.source() + "), gated on this site's data.",
                    current.inputs(), current.outputs(), current.labels(), spec, thresholds, current.maxBatchSize(),
                    current.maxQueueDelayMicroseconds(), current.maxQueueSize(), current.dynamicBatching(),
                    current.instanceCount(), current.versionPolicy(), current.architecture(), ModelLoader.DJL_WEIGHTS,
                    ModelConfigCodec.mapper().valueToTree(evaluation)), candidateParams);
            promoter.promote(model, version);
            log.info("imported {} from {} as version {}: {}", model, pkg.source(), version, reason);
            return new Outcome("PROMOTED", reason + "; served as version " + version + " (roll back: promote version "
                    + base.version() + ")", metric, candidate, served, version, base.version(), testRows,
                    pkg.source(), sha);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Outcome refused(String model, ModelPackage pkg, String sha, String metric, ClassificationMetrics candidate,
                            ClassificationMetrics current, long currentVersion, int testRows, String reason) {
        log.info("refused the import of {} from {}: {}", model, pkg.source(), reason);
        return new Outcome("REFUSED", reason, metric, candidate, current, null, currentVersion, testRows, pkg.source(),
                sha);
    }

    private static void requireExchangeable(String model, long version, ModelConfig config) {
        if (!ModelConfig.PLATFORM_DJL.equals(config.platform()) || config.architecture() == null
                || config.featureSpec() == null) {
            throw new TrainingRejectedException(HttpStatus.UNPROCESSABLE_CONTENT, "model '" + model + "' version "
                    + version + " cannot be exchanged: only platform djl versions with an architecture can");
        }
    }

    /** Equal as model.json writes them: a normalisation holds arrays, which records compare by identity. */
    private static boolean sameJson(Object a, Object b) {
        return Objects.equals(ModelConfigCodec.mapper().valueToTree(a), ModelConfigCodec.mapper().valueToTree(b));
    }

    private byte[] read(String model, long version, ModelConfig config) {
        try {
            return Files.readAllBytes(root.resolve(model).resolve(Long.toString(version)).resolve(
                    config.defaultModelFilename() == null ? ModelLoader.DJL_WEIGHTS : config.defaultModelFilename()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows the weights were trained on, from the version's evaluation report (1 when it does not say). */
    static long trainingRows(ModelConfig config) {
        if (config.evaluation() == null) {
            return 1;
        }
        long rows = config.evaluation().path("data").path("train_rows").asLong(0);
        if (rows < 1) {
            // an imported version: the rows its weights were trained on elsewhere
            rows = config.evaluation().path("imported").path("training_rows").asLong(0);
        }
        return rows > 0 ? rows : Math.max(1, config.evaluation().path("data").path("rows").asLong(1));
    }
}
