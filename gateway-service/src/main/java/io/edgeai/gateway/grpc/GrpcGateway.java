package io.edgeai.gateway.grpc;

import io.edgeai.contracts.security.InternalCredential;
import io.edgeai.gateway.config.GrpcProperties;
import io.edgeai.gateway.config.Role;
import io.edgeai.gateway.routing.InternalCredentialFilter;
import io.edgeai.gateway.security.ApiKey;
import io.edgeai.gateway.security.ApiKeyAuthenticationFilter;
import io.edgeai.gateway.security.ApiKeyStore;
import io.edgeai.gateway.security.RateLimitFilter;
import io.edgeai.oip.grpc.support.GrpcServers;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingClientCall;
import io.grpc.HandlerRegistry;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The gateway's gRPC door: the Open Inference Protocol's {@code inference.GRPCInferenceService} on its own port,
 * proxied message by message (bytes, not re-encoded) to inference-service's gRPC port, with the REST door's rules:
 * the caller's key in the {@code x-api-key} metadata (UNAUTHENTICATED without a known one), {@code ModelInfer} needs
 * the operator role and the other calls viewer (PERMISSION_DENIED), each call takes one token of the key's rate
 * limit bucket shared with its REST calls (RESOURCE_EXHAUSTED with {@code retry-after-seconds}). The key never
 * travels on; the internal credential and the caller's name do, as on the REST routes. Any other service or method
 * is UNIMPLEMENTED.
 */
public class GrpcGateway implements SmartLifecycle {

    static final String SERVICE = "inference.GRPCInferenceService";
    static final Metadata.Key<String> API_KEY = Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> RETRY_AFTER =
            Metadata.Key.of("retry-after-seconds", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> TOKEN = Metadata.Key.of(
            InternalCredentialFilter.TOKEN_HEADER.toLowerCase(Locale.ROOT), Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> CALLER = Metadata.Key.of(
            InternalCredentialFilter.CALLER_HEADER.toLowerCase(Locale.ROOT), Metadata.ASCII_STRING_MARSHALLER);
    private static final Context.Key<ApiKey> CALLER_KEY = Context.key("edge-caller");
    private static final Logger log = LoggerFactory.getLogger(GrpcGateway.class);
    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw Status.INTERNAL.withDescription("could not read the message").withCause(e).asRuntimeException();
            }
        }
    };

    private final GrpcProperties properties;
    private final ApiKeyStore keys;
    private final RateLimitFilter limits;
    private final InternalCredential credential;
    private final MeterRegistry meters;
    private final Map<String, ServerMethodDefinition<byte[], byte[]>> methods = new ConcurrentHashMap<>();
    private volatile Server server;
    private volatile ManagedChannel channel;

    public GrpcGateway(GrpcProperties properties, ApiKeyStore keys, RateLimitFilter limits,
                       InternalCredential credential, MeterRegistry meters) {
        this.properties = properties;
        this.keys = keys;
        this.limits = limits;
        this.credential = credential;
        this.meters = meters;
    }

    @Override
    public void start() {
        channel = NettyChannelBuilder.forTarget(properties.inferenceTarget()).usePlaintext()
                .maxInboundMessageSize(maxMessageSize()).build();
        HandlerRegistry registry = new HandlerRegistry() {
            @Override
            public ServerMethodDefinition<?, ?> lookupMethod(String fullMethodName, String authority) {
                String service = MethodDescriptor.extractFullServiceName(fullMethodName);
                return SERVICE.equals(service) ? methods.computeIfAbsent(fullMethodName, GrpcGateway.this::proxy)
                        : null;
            }
        };
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress(properties.port()))
                    .maxInboundMessageSize(maxMessageSize())
                    .fallbackHandlerRegistry(registry).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException("gRPC port " + properties.port() + " is not available", e);
        }
        log.info("OIP gRPC on port {}, proxied to inference-service at {}", server.getPort(),
                properties.inferenceTarget());
    }

    /** A unary method forwarded as bytes, behind the key, role and rate checks. */
    private ServerMethodDefinition<byte[], byte[]> proxy(String fullMethodName) {
        MethodDescriptor<byte[], byte[]> method = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName(fullMethodName)
                .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
        Role needed = fullMethodName.endsWith("/ModelInfer") ? Role.OPERATOR : Role.VIEWER;
        String name = MethodDescriptor.extractBareMethodName(fullMethodName);
        ServerCallHandler<byte[], byte[]> forward = ServerCalls.asyncUnaryCall(
                (byte[] request, StreamObserver<byte[]> out) -> {
                    ApiKey caller = CALLER_KEY.get();
                    ClientCall<byte[], byte[]> call = new ForwardingClientCall.SimpleForwardingClientCall<>(
                            channel.newCall(method, CallOptions.DEFAULT.withDeadlineAfter(properties.timeout().toMillis(),
                                    TimeUnit.MILLISECONDS))) {
                        @Override
                        public void start(Listener<byte[]> listener, Metadata headers) {
                            if (credential != null && credential.enforced()) {
                                headers.put(TOKEN, credential.token());
                            }
                            headers.put(CALLER, caller.name() + ";role=" + caller.role().name().toLowerCase(Locale.ROOT));
                            super.start(listener, headers);
                        }
                    };
                    ClientCalls.asyncUnaryCall(call, request, new StreamObserver<>() {
                        @Override
                        public void onNext(byte[] value) {
                            out.onNext(value);
                        }

                        @Override
                        public void onError(Throwable t) {
                            Status s = Status.fromThrowable(t);
                            count(name, s.getCode());
                            out.onError(s.getCode() == Status.Code.UNAVAILABLE || s.getCode()
                                    == Status.Code.DEADLINE_EXCEEDED ? Status.UNAVAILABLE.withDescription(
                                    "inference-service is unavailable: " + s.getDescription()).asRuntimeException()
                                    : t);
                        }

                        @Override
                        public void onCompleted() {
                            count(name, Status.Code.OK);
                            out.onCompleted();
                        }
                    });
                });
        return ServerMethodDefinition.create(method, new ServerCallHandler<>() {
            @Override
            public ServerCall.Listener<byte[]> startCall(ServerCall<byte[], byte[]> call, Metadata headers) {
                ApiKey caller;
                try {
                    caller = admit(headers.get(API_KEY), needed);
                } catch (StatusRuntimeException refused) {
                    count(name, refused.getStatus().getCode());
                    call.close(refused.getStatus(), refused.getTrailers() == null ? new Metadata()
                            : refused.getTrailers());
                    return new ServerCall.Listener<>() { };
                }
                return Contexts.interceptCall(Context.current().withValue(CALLER_KEY, caller), call, headers, forward);
            }
        });
    }

    /**
     * The caller when its key may make this call now.
     *
     * @throws StatusRuntimeException the status to close the call with: UNAUTHENTICATED, PERMISSION_DENIED or
     *                                RESOURCE_EXHAUSTED (with a {@code retry-after-seconds} trailer)
     */
    ApiKey admit(String presented, Role needed) {
        ApiKey caller = presented == null ? null : keys.find(presented).orElse(null);
        if (caller == null) {
            throw Status.UNAUTHENTICATED.withDescription(presented == null
                    ? "send your API key in the '" + API_KEY.name() + "' metadata (" + ApiKeyAuthenticationFilter.HEADER
                    + " on REST)" : "unknown API key").asRuntimeException();
        }
        if (!caller.role().includes(needed)) {
            throw Status.PERMISSION_DENIED.withDescription("the key '" + caller.name() + "' has role "
                    + caller.role().name().toLowerCase(Locale.ROOT) + "; this call needs role "
                    + needed.name().toLowerCase(Locale.ROOT)).asRuntimeException();
        }
        RateLimitFilter.Decision decision = limits.take(caller);
        if (!decision.allowed()) {
            Metadata trailers = new Metadata();
            trailers.put(RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
            throw Status.RESOURCE_EXHAUSTED.withDescription(decision.refusal()).asRuntimeException(trailers);
        }
        return caller;
    }

    private int maxMessageSize() {
        return (int) properties.maxMessageSize().toBytes();
    }

    private void count(String method, Status.Code code) {
        meters.counter("edge.gateway.grpc.calls", "method", method, "status", code.name()).increment();
    }

    @Override
    public void stop() {
        GrpcServers.shutdown(server);
        if (channel != null) {
            channel.shutdownNow();
        }
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
