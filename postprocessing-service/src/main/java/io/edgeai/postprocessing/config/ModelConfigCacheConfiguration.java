package io.edgeai.postprocessing.config;

import io.edgeai.modelclient.ModelConfig;
import io.edgeai.modelclient.ModelConfigCache;
import io.edgeai.modelclient.ModelConfigClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The labels and thresholds of each model version, cached as inference-service's config endpoint returns them;
 * the served version is trusted for {@code edge.postprocessing.config-refresh}.
 */
@Configuration(proxyBeanMethods = false)
public class ModelConfigCacheConfiguration {

    @Bean
    ModelConfigCache<ModelConfig> modelConfigCache(ModelConfigClient client, PostprocessingProperties properties) {
        return new ModelConfigCache<>(client, properties.configRefresh(), (model, config) -> config,
                new ModelConfigCache.Listener<>() {
                });
    }
}
