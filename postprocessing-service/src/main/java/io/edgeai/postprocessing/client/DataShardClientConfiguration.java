package io.edgeai.postprocessing.client;

import io.edgeai.contracts.storage.DataShardLocation;
import io.edgeai.contracts.storage.RecentHistoryClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/** The data-shard read alert state is rebuilt from ({@code edge.data-shard.*}), with the internal credential. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DataShardLocation.class)
public class DataShardClientConfiguration {

    @Bean
    RecentHistoryClient recentHistoryClient(RestClient.Builder builder, DataShardLocation location) {
        return new RecentHistoryClient(builder, location);
    }
}
