package io.edgeai.inference.protocol;

import io.edgeai.contracts.security.InternalCredential;
import io.edgeai.inference.repository.ServedVersions;
import io.edgeai.oip.grpc.support.GrpcServers;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves {@link GrpcInferenceService} on {@code edge.inference.grpc-port} (env {@code EDGE_INFERENCE_GRPC_PORT};
 * 0 takes a free port, below 0, the default, serves no gRPC) with Netty, beside the REST port. Calls carry the
 * internal credential in the {@code x-edge-internal-token} metadata key where it is enforced, as REST calls carry it
 * in a header: the gateway's gRPC proxy adds it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("${edge.inference.grpc-port:-1} >= 0")
public class GrpcServerConfiguration {

    /** The metadata key of the internal credential (gRPC keys are lower case). */
    public static final Metadata.Key<String> INTERNAL_TOKEN =
            Metadata.Key.of(InternalCredential.HEADER.toLowerCase(java.util.Locale.ROOT), Metadata.ASCII_STRING_MARSHALLER);

    @Bean
    GrpcInferenceService grpcInferenceService(InferenceController inference, ServedVersions served,
                                              ServerStatus status, JsonMapper json) {
        return new GrpcInferenceService(inference, served, status, json);
    }

    @Bean
    GrpcServer grpcServer(GrpcInferenceService service, ObjectProvider<InternalCredential> credential,
                          @Value("${edge.inference.grpc-port}") int port,
                          @Value("${edge.inference.grpc-max-message-size:33554432}") int maxMessageSize) {
        return new GrpcServer(service, credential.getIfAvailable(), port, maxMessageSize);
    }

    /** The Netty gRPC server, started with the application and stopped before the REST server drains. */
    public static final class GrpcServer implements SmartLifecycle {

        private static final Logger log = LoggerFactory.getLogger(GrpcServer.class);
        private final GrpcInferenceService service;
        private final InternalCredential credential;
        private final int port;
        private final int maxMessageSize;
        private volatile Server server;

        GrpcServer(GrpcInferenceService service, InternalCredential credential, int port, int maxMessageSize) {
            this.service = service;
            this.credential = credential;
            this.port = port;
            this.maxMessageSize = maxMessageSize;
        }

        @Override
        public void start() {
            ServerInterceptor check = new ServerInterceptor() {
                @Override
                public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                                   ServerCallHandler<Q, R> next) {
                    if (credential != null && credential.enforced() && !credential.accepts(headers.get(INTERNAL_TOKEN))) {
                        call.close(Status.UNAUTHENTICATED.withDescription(
                                "This is an internal service: call it through the gateway."), new Metadata());
                        return new ServerCall.Listener<>() { };
                    }
                    return next.startCall(call, headers);
                }
            };
            try {
                server = NettyServerBuilder.forAddress(new InetSocketAddress(port)).maxInboundMessageSize(maxMessageSize)
                        .addService(ServerInterceptors.intercept(service, check)).build().start();
            } catch (IOException e) {
                throw new UncheckedIOException("gRPC port " + port + " is not available", e);
            }
            log.info("OIP gRPC on port {}", server.getPort());
        }

        @Override
        public void stop() {
            GrpcServers.shutdown(server);
            server = null;
        }

        @Override
        public boolean isRunning() {
            return server != null;
        }

        /** The bound port (the free one chosen when configured 0). */
        public int port() {
            return server.getPort();
        }
    }
}
