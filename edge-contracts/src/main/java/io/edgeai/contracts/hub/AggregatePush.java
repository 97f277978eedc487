package io.edgeai.contracts.hub;

/**
 * What a site's outbox sends to the hub ({@code POST /api/v1/aggregates}): one aggregate with the outbox it was
 * queued in and its sequence number there. {@code (site, outbox, seq)} is the item's idempotency key: the hub applies
 * an outbox's items in sequence order and each once; an item at or below the last one applied from that outbox is a
 * resend, acknowledged and not applied again. A site whose outbox folder was wiped starts a new outbox (a new random
 * id) at sequence 1, and the hub takes its items as new ones, not as resends of the old outbox's.
 *
 * @param outbox    the outbox's id, random, made when the outbox folder was created
 * @param seq       the outbox's sequence number (1, 2, ...)
 * @param aggregate the device-day summary
 */
public record AggregatePush(String outbox, long seq, DailyAggregate aggregate) {
}
