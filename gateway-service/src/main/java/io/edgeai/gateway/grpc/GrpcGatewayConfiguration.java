package io.edgeai.gateway.grpc;

import io.edgeai.contracts.security.InternalCredential;
import io.edgeai.gateway.config.GrpcProperties;
import io.edgeai.gateway.security.ApiKeyStore;
import io.edgeai.gateway.security.RateLimitFilter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
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
    GrpcGateway grpcGateway(GrpcProperties grpc, ApiKeyStore keys, RateLimitFilter limits,
                            ObjectProvider<InternalCredential> credential, MeterRegistry meters) {
        return new GrpcGateway(grpc, keys, limits, credential.getIfAvailable(), meters);
    }
}
