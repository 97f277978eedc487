package io.edgeai.datashard;

import io.edgeai.datashard.config.ShardProperties;
import io.edgeai.datashard.config.StoreProperties;
import io.edgeai.datashard.sharding.ShardOwnership;
import io.edgeai.datashard.sharding.ShardRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** The real shard stores and what they need, for a controller slice test, without the rest of the application. */
@TestConfiguration
@Import({ShardOwnership.class, ShardRegistry.class})
@EnableConfigurationProperties({ShardProperties.class, StoreProperties.class})
public class ShardStoresConfiguration {

    @Bean
    MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }
}
