package io.edgeai.datashard.sharding;

/** A request for a device whose shard another instance owns; answered 421 naming the owner. */
public class ShardNotOwnedException extends RuntimeException {

    private final String field;
    private final String deviceId;
    private final int shard;
    private final int owner;

    public ShardNotOwnedException(String field, String deviceId, int shard, int owner) {
        super("device " + deviceId + " lives in shard " + shard + ", owned by instance " + owner);
        this.field = field;
        this.deviceId = deviceId;
        this.shard = shard;
        this.owner = owner;
    }

    public String field() {
        return field;
    }

    public String deviceId() {
        return deviceId;
    }

    public int shard() {
        return shard;
    }

    public int owner() {
        return owner;
    }
}
