package io.edgeai.gateway.spool;

/**
 * One accepted batch waiting for data-shard: its sequence number in the spool, the device it belongs to (which
 * decides the owner and the order) and the storage batch as JSON.
 */
public record SpoolEntry(long seq, String deviceId, byte[] payload) {
}
