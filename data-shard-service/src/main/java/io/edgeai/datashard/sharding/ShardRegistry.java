package io.edgeai.datashard.sharding;

import io.edgeai.datashard.config.StoreProperties;
import io.edgeai.datashard.storage.CommitSync;
import io.edgeai.datashard.storage.ShardDatabase;
import io.edgeai.datashard.storage.ShardStore;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/** The open stores of the shards this instance owns, and the one place that maps a device to its store. */
@Component
public class ShardRegistry implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ShardRegistry.class);

    private final ShardOwnership ownership;
    private final Map<Integer, ShardStore> stores = new TreeMap<>();

    public ShardRegistry(ShardOwnership ownership, StoreProperties store) {
        this.ownership = ownership;
        Path dataDir = Path.of(ownership.properties().dataDir());
        try {
            for (int shard : ownership.ownedShards()) {
                String location = store.kind() == StoreProperties.Kind.POSTGRES
                        ? "postgres schema " + ShardDatabase.postgresSchema(store, shard)
                        : dataDir.resolve(ShardDatabase.name(shard) + ".mv.db").toString();
                javax.sql.DataSource dataSource = ShardDatabase.open(store, dataDir, shard);
                stores.put(shard, new ShardStore(shard, dataSource, location, commitSync(store, dataSource)));
            }
        } catch (RuntimeException e) {
            destroy();
            throw e;
        }
        log.info("Opened {} shard(s) {} ({}{}, durability {})", stores.size(), stores.keySet(), store.kind(),
                store.encrypted() ? ", encrypted" : "", store.kind() == StoreProperties.Kind.POSTGRES
                        ? "of PostgreSQL's synchronous_commit" : store.durability().name().toLowerCase());
    }

    private static CommitSync commitSync(StoreProperties store, javax.sql.DataSource dataSource) {
        return store.kind() == StoreProperties.Kind.H2 && store.durability() == StoreProperties.Durability.FSYNC
                ? CommitSync.h2Fsync(dataSource) : CommitSync.none();
    }

    /** The store of a device's shard, or {@link ShardNotOwnedException} when another instance owns it. */
    public ShardStore forDevice(String field, String deviceId) {
        int shard = ownership.shardOf(deviceId);
        ShardStore store = stores.get(shard);
        if (store == null) {
            throw new ShardNotOwnedException(field, deviceId, shard, ownership.ownerOf(shard));
        }
        return store;
    }

    public int shardOf(String deviceId) {
        return ownership.shardOf(deviceId);
    }

    public boolean owns(String deviceId) {
        return stores.containsKey(ownership.shardOf(deviceId));
    }

    public int ownerOf(String deviceId) {
        return ownership.ownerOf(ownership.shardOf(deviceId));
    }

    public ShardStore get(int shard) {
        return stores.get(shard);
    }

    /** The owned shards' stores, by shard number. */
    public Collection<ShardStore> owned() {
        return stores.values();
    }

    @Override
    public void destroy() {
        stores.values().forEach(s -> {
            try {
                s.close();
            } catch (RuntimeException e) {
                log.warn("Closing shard {} failed: {}", s.shard(), e.getMessage());
            }
        });
    }
}
