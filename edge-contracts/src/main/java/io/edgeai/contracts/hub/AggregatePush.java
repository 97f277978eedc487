package io.edgeai.contracts.hub;

/**
 * What a site's outbox sends to the hub ({@code POST /api/v1/aggregates}): one aggregate with the outbox sequence
 * number it was queued under. The hub applies a site's items in sequence order and each sequence number once: an
 * item at or below the last one applied is a resend, acknowledged and not applied again.
 *
 * @param seq       the site outbox's sequence number (1, 2, ...), the idempotency key of the item
 * @param aggregate the device-day summary
 */
public record AggregatePush(long seq, DailyAggregate aggregate) {
}
