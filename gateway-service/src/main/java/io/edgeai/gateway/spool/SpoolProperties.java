package io.edgeai.gateway.spool;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's store-and-forward spool for accepted readings.
 *
 * @param dir          where the spool's segment files live (a volume of its own in a deployment)
 * @param maxSize      pending data above which new readings are refused with 503 (never silently dropped)
 * @param segmentSize  size at which a new segment file starts; delivered segments are deleted
 * @param storeWait    how long an ingest request waits for its batch to reach data-shard before answering
 *                     {@code SPOOLED} instead of {@code STORED}
 * @param retryBackoff longest pause between delivery attempts to a data-shard instance that is down
 */
@ConfigurationProperties("edge.spool")
public record SpoolProperties(
        @DefaultValue("var/spool") Path dir,
        @DefaultValue("256MB") DataSize maxSize,
        @DefaultValue("16MB") DataSize segmentSize,
        @DefaultValue("2s") Duration storeWait,
        @DefaultValue("5s") Duration retryBackoff) {
}
