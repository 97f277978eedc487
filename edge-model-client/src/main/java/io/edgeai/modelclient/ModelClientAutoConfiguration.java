package io.edgeai.modelclient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

/**
 * Gives every service that has this module the one {@link ModelConfigClient}, configured by
 * {@code edge.inference.*} and built on Boot's RestClient.Builder so its calls carry the internal credential.
 */
@AutoConfiguration(after = RestClientAutoConfiguration.class)
@EnableConfigurationProperties(InferenceProperties.class)
public class ModelClientAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ModelConfigClient modelConfigClient(RestClient.Builder builder, InferenceProperties properties) {
        return new ModelConfigClient(builder, properties);
    }
}
