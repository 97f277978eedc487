package io.edgeai.gateway.uplink;

/**
 * The uplink as the dashboard shows it.
 *
 * @param configured    whether a hub is configured at all
 * @param state         {@code CONNECTED} (the hub answered the last call), {@code OFFLINE} (it could not be reached),
 *                      {@code REFUSED} (it refused this site's key), {@code UNKNOWN} before the first call, or
 *                      {@code DISABLED}
 * @param hub           the hub's base URI
 * @param queued        items in the outbox waiting for the hub
 * @param delivered     items delivered since the gateway started
 * @param refusedItems  items the hub refused for good since start (kept in the outbox's refused.log)
 * @param lastSync      when the hub last answered a call (ISO-8601), or null
 * @param lastAttempt   when the uplink last tried, or null
 * @param lastError     why the last call failed, or null
 */
public record LinkState(boolean configured, String state, String hub, int queued, long delivered, long refusedItems,
                        String lastSync, String lastAttempt, String lastError) {
}
