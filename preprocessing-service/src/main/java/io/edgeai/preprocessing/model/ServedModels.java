package io.edgeai.preprocessing.model;

import io.edgeai.modelclient.ModelConfigCache;
import io.edgeai.modelclient.ModelConfigClient;
import io.edgeai.preprocessing.config.PreprocessingProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The model versions preprocessing encodes for, each built once from its model.json and cached (see
 * {@link ModelConfigCache} for when the served version is re-checked: every {@code edge.preprocessing.spec-refresh}).
 *
 * <p>Metrics: {@code edge.preprocessing.spec.loads} and {@code edge.preprocessing.spec.refresh.failures}.
 */
@Component
public class ServedModels {

    private static final Logger log = LoggerFactory.getLogger(ServedModels.class);

    private final ModelConfigCache<ServedModel> cache;

    public ServedModels(ModelConfigClient client, PreprocessingProperties properties, MeterRegistry meters) {
        Counter loads = Counter.builder("edge.preprocessing.spec.loads")
                .description("Feature specs loaded because a model version was new to this instance")
                .register(meters);
        Counter refreshFailures = Counter.builder("edge.preprocessing.spec.refresh.failures")
                .description("Re-checks of the served model version that failed (the cached spec was kept)")
                .register(meters);
        this.cache = new ModelConfigCache<>(client, properties.specRefresh(), ServedModel::of,
                new ModelConfigCache.Listener<>() {
                    @Override
                    public void loaded(String model, ServedModel served) {
                        loads.increment();
                        log.info("Encoding for {} version {} ({} features)", model, served.version(),
                                served.encoder().width());
                    }

                    @Override
                    public void refreshFailed(String model) {
                        refreshFailures.increment();
                    }
                });
    }

    /**
     * The model to encode for: {@code version} when given, else the version inference-service serves now; with
     * {@code recheck} that served version is asked for now rather than trusted from the cache (the gateway asks so
     * just after a promotion or a rollback).
     */
    public ServedModel get(String model, String version, boolean recheck) {
        return cache.get(model, version, recheck);
    }
}
