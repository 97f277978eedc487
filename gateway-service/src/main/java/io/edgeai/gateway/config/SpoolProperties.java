package io.edgeai.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's store-and-forward spool for accepted readings.
 *
 * @param dir          where the spool's segment files live (a volume of its own in a deployment)
 * @param maxSize      pending data above which new readings are refused with 503 (never silently dropped)
 * @param segmentSize  size at which a new segment file starts; delivered segments are deleted
 * @param storeWait    how long an ingest request waits for its batch to reach data-shard before answering
 *                     {@code SPOOLED} instead of {@code STORED}; 0 (default) answers as soon as the batch is on the
 *                     gateway's disk, which is what makes it safe, keeping data-shard's write time off the reply
 *                     (a client that posts feedback at once may see 404 for a prediction not delivered yet)
 * @param retryBackoff longest pause between delivery attempts to a data-shard instance that is down
 * @param lanesPerOwner parallel deliveries per data-shard instance (a device always uses the same one)
 * @param maxGroup     most spooled batches one delivery request may carry
 * @param deliveryLinger how long a lane waits for more batches before it sends a group that is not full: a little
 *                     latency on the way to storage (never on the reply while store-wait is 0) for far fewer
 *                     data-shard requests and commits when readings arrive one by one
 * @param feedbackWait longest time feedback waits for the device's spooled readings to reach data-shard before it
 *                     is passed on, so feedback on a prediction just made finds it
 */
@Validated
@ConfigurationProperties("edge.spool")
public record SpoolProperties(
        @DefaultValue("var/spool") Path dir,
        @DefaultValue("256MB") DataSize maxSize,
        @DefaultValue("16MB") DataSize segmentSize,
        @DefaultValue("0s") Duration storeWait,
        @DefaultValue("5s") Duration retryBackoff,
        @DefaultValue("4") @Min(1) int lanesPerOwner,
        @DefaultValue("64") @Min(1) int maxGroup,
        @DefaultValue("25ms") Duration deliveryLinger,
        @DefaultValue("3s") Duration feedbackWait) {
}
