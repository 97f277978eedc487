package io.edgeai.postprocessing;

import io.edgeai.modelclient.testsupport.FakeInferenceServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in alert webhook at {@code /webhook} of the shared {@link FakeInferenceServer}: fails always for devices
 * named {@code dead-*} and twice per event for {@code flaky-*}, accepts everything else.
 */
public final class WebhookReceiver {

    private static WebhookReceiver instance;

    private final String uri;
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final List<String> delivered = new CopyOnWriteArrayList<>();

    private WebhookReceiver(FakeInferenceServer server) {
        this.uri = server.uri() + "/webhook";
        server.mount("/webhook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int attempt = attempts.computeIfAbsent(body, b -> new AtomicInteger()).incrementAndGet();
            boolean fail = body.contains("\"deviceId\":\"dead-")
                    || body.contains("\"deviceId\":\"flaky-") && attempt < 3;
            if (!fail) {
                delivered.add(body);
            }
            FakeInferenceServer.respond(exchange, fail ? 503 : 200, "{}");
        });
    }

    /** The one receiver of this JVM, mounted on the shared stand-in server at first use. */
    public static synchronized WebhookReceiver get() {
        if (instance == null) {
            instance = new WebhookReceiver(FakeInferenceServer.get());
        }
        return instance;
    }

    /** Where alert events are to be POSTed. */
    public String uri() {
        return uri;
    }

    /** Bodies the webhook accepted. */
    public List<String> delivered() {
        return delivered;
    }

    /** Tries the webhook saw for bodies containing {@code text}. */
    public int attemptsFor(String text) {
        return attempts.entrySet().stream().filter(e -> e.getKey().contains(text))
                .mapToInt(e -> e.getValue().get()).sum();
    }
}
