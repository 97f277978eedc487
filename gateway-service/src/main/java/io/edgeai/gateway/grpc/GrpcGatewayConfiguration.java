package io.edgeai.gateway.grpc;

import io.edgeai.contracts.security.InternalCredential;
import io.edgeai.gateway.security.ApiKeyStore;
import io.edgeai.gateway.security.RateLimitFilter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Opens the gRPC door ({@link GrpcGateway}) when {@code edge.grpc.port} (env {@code EDGE_GATEWAY_GRPC_PORT}) is 0
 * (a free port) or more and {@code edge.grpc.inference-target} (env {@code EDGE_INFERENCE_GRPC_TARGET},
 * {@code host:port} of inference-service's gRPC port) is set.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("${edge.grpc.port:-1} >= 0 and '${edge.grpc.inference-target:}' != ''")
public class GrpcGatewayConfiguration {

    @Bean
    GrpcGateway grpcGateway(@Value("${edge.grpc.port}") int port, @Value("${edge.grpc.inference-target}") String target,
                            @Value("${edge.grpc.timeout:10s}") Duration timeout,
                            @Value("${edge.grpc.max-message-size:33554432}") int maxMessageSize, ApiKeyStore keys,
                            RateLimitFilter limits, ObjectProvider<InternalCredential> credential,
                            MeterRegistry meters) {
        return new GrpcGateway(port, target, timeout, maxMessageSize, keys, limits, credential.getIfAvailable(), meters);
    }
}
