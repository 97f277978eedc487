package io.edgeai.oip.grpc.support;

import io.grpc.Server;
import java.util.concurrent.TimeUnit;

/** What inference's gRPC server and the gateway's gRPC door do alike. */
public final class GrpcServers {

    private GrpcServers() {
    }

    /** Stops taking calls, lets the calls in flight finish for up to 10 s, then cancels the rest. */
    public static void shutdown(Server server) {
        if (server == null) {
            return;
        }
        server.shutdown();
        try {
            if (!server.awaitTermination(10, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.shutdownNow();
        }
    }
}
