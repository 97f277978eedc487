package io.edgeai.datashard.storage;

import io.edgeai.datashard.config.StoreProperties;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The store contract on an H2 shard file. */
class H2ShardStoreTest extends ShardStoreContract {

    @TempDir
    Path dir;

    static StoreProperties properties(java.util.Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("edge.store", Bindable.of(StoreProperties.class));
    }

    @Override
    ShardStore openStore() {
        return new ShardStore(7, ShardDatabase.open(properties(java.util.Map.of()), dir, 7), "h2");
    }
}
