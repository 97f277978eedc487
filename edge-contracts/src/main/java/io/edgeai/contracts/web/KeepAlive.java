package io.edgeai.contracts.web;

import java.time.Duration;

/**
 * The keep-alive contract between the suite's HTTP clients and servers, in one place so the two sides cannot drift.
 *
 * <p>A pooled connection that the server closes while the client is sending on it fails the request ("connection
 * prematurely closed before response"): that was the gateway's 503 under load with every service up. So servers
 * keep an idle connection for {@link #SERVER_IDLE}, never cap the requests per connection (Tomcat's default closed
 * every connection after 100 requests), and clients drop a connection after {@link #CLIENT_IDLE} idle, well before
 * the server would.
 */
public final class KeepAlive {

    /** How long a service keeps an idle keep-alive connection open. */
    public static final Duration SERVER_IDLE = Duration.ofSeconds(60);

    /** How long a client keeps an idle pooled connection: well under {@link #SERVER_IDLE}. */
    public static final Duration CLIENT_IDLE = Duration.ofSeconds(20);

    /** Pending TCP connections a server queues before refusing: bursts of hundreds of new connections happen. */
    public static final int SERVER_ACCEPT_BACKLOG = 1024;

    private KeepAlive() {
    }
}
