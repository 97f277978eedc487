package io.edgeai.contracts.storage;

import io.edgeai.contracts.DeviceIds;
import io.edgeai.contracts.ShardFunction;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Reads devices' recent history from data-shard ({@code POST /api/v1/devices/recent-history}), asking each device's
 * owner: the one client preprocessing (rolling windows) and postprocessing (alert debounce) rebuild their state with.
 * Built on Boot's RestClient.Builder, so calls carry the internal credential.
 */
public class RecentHistoryClient {

    /** The path of the read. */
    public static final String PATH = "/api/v1/devices/recent-history";

    /** Devices per request (data-shard takes up to {@link RecentHistoryQuery#MAX_DEVICES}). */
    static final int QUERY_DEVICES = 100;
    /** Readings per request (data-shard takes up to {@link RecentHistoryQuery#MAX_ROWS}). */
    static final int QUERY_ROWS = 10_000;

    private final List<RestClient> instances;
    private final int shardCount;

    public RecentHistoryClient(RestClient.Builder builder, DataShardLocation location) {
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(location.connectTimeout()).build());
        factory.setReadTimeout(location.readTimeout());
        List<RestClient> clients = new ArrayList<>();
        for (URI base : location.instances()) {
            clients.add(builder.clone().baseUrl(base.toString()).requestFactory(factory).build());
        }
        this.instances = List.copyOf(clients);
        this.shardCount = location.shardCount();
    }

    /**
     * The recent history of each device (its last {@code readings} readings before its cut, at most
     * {@link RecentHistoryQuery#MAX_READINGS}), keyed by device id. A device id data-shard could never have stored
     * (see {@link DeviceIds}) has no entry and is not sent, so one odd id cannot fail the others' read.
     *
     * @throws RecentHistoryUnavailableException when an owner cannot be asked or refuses; nothing is returned then
     */
    public Map<String, RecentHistory.DeviceHistory> fetch(Map<String, Instant> cuts, int readings) {
        int n = Math.max(1, Math.min(readings, RecentHistoryQuery.MAX_READINGS));
        Map<Integer, List<RecentHistoryQuery.DeviceCut>> byOwner = new LinkedHashMap<>();
        cuts.entrySet().stream().filter(c -> c.getKey() != null && DeviceIds.PATTERN.matcher(c.getKey()).matches())
                .forEach(c -> byOwner.computeIfAbsent(
                        ShardFunction.ownerOf(ShardFunction.shardOf(c.getKey(), shardCount), instances.size()),
                        o -> new ArrayList<>()).add(new RecentHistoryQuery.DeviceCut(c.getKey(), c.getValue())));
        // Well below data-shard's limits, so that each request stays far inside the read timeout on a busy box.
        int perQuery = Math.max(1, Math.min(QUERY_DEVICES, QUERY_ROWS / n));
        Map<String, RecentHistory.DeviceHistory> out = new LinkedHashMap<>();
        byOwner.forEach((owner, devices) -> {
            for (int from = 0; from < devices.size(); from += perQuery) {
                List<RecentHistoryQuery.DeviceCut> chunk = devices.subList(from,
                        Math.min(devices.size(), from + perQuery));
                RecentHistory answer = ask(owner, new RecentHistoryQuery(chunk, n));
                answer.devices().forEach(d -> out.put(d.deviceId(), d));
            }
        });
        return out;
    }

    private RecentHistory ask(int owner, RecentHistoryQuery query) {
        try {
            RecentHistory answer = instances.get(owner).post().uri(PATH).contentType(MediaType.APPLICATION_JSON)
                    .body(query).retrieve().body(RecentHistory.class);
            if (answer == null) {
                throw new RecentHistoryUnavailableException("data-shard instance " + owner + " sent no body", null);
            }
            return answer;
        } catch (RestClientException e) {
            throw new RecentHistoryUnavailableException("data-shard instance " + owner + " could not be asked for "
                    + "recent history: " + e.getMessage(), e);
        }
    }

    /** data-shard could not answer a recent-history read. */
    public static class RecentHistoryUnavailableException extends RuntimeException {
        public RecentHistoryUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
