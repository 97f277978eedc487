package io.edgeai.gateway.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The gRPC door ({@code edge.grpc}): open when {@code port} is 0 (a free port) or more and
 * {@code inferenceTarget} names inference-service's gRPC port.
 *
 * @param port            env {@code EDGE_GATEWAY_GRPC_PORT}; below 0: no gRPC door
 * @param inferenceTarget {@code host:port} of inference-service's gRPC port (env {@code EDGE_INFERENCE_GRPC_TARGET})
 * @param timeout         deadline of each proxied call
 * @param maxMessageSize  largest request or answer message
 */
@ConfigurationProperties("edge.grpc")
public record GrpcProperties(@DefaultValue("-1") int port, String inferenceTarget,
                             @DefaultValue("10s") Duration timeout, @DefaultValue("32MB") DataSize maxMessageSize) {
}
