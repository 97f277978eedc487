package io.edgeai.gateway.client;

import io.edgeai.contracts.oip.InferResponse;
import io.edgeai.contracts.oip.OipPaths;
import io.edgeai.contracts.oip.TextInferRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Text models on inference-service through the Open Inference Protocol: {@code text} as a BYTES tensor in, an
 * encoder's {@code embedding} or a classifier's {@code label} and {@code probabilities} out, from the inference
 * replicas in {@link ReplicaBalancer}'s order (the next one when one refuses the connection). It has no circuit
 * breaker of its own and does not use the pipeline's: a classifier that is simply not served (404) must not open
 * the breaker that guards scoring readings.
 */
@Component
public class TextModelClient {

    /**
     * An encoder's answer: one vector per text, which model version made them, and per text whether it was longer
     * than the encoder reads (only its beginning was embedded).
     */
    public record Embeddings(String model, String version, List<float[]> vectors, List<Boolean> truncated) {
    }

    /** A classifier's answer for one text: its label, that label's probability, and the version that answered. */
    public record Label(String label, Double probability, String model, String version) {
    }

    /** The model could not answer: not served (404), failing, unreachable or slow. */
    public static class TextModelUnavailable extends RuntimeException {

        private final boolean notServed;

        TextModelUnavailable(String message, boolean notServed, Throwable cause) {
            super(message, cause, false, false);
            this.notServed = notServed;
        }

        /** True when inference answered 404: the model is not in its repository or not loaded. */
        public boolean notServed() {
            return notServed;
        }
    }

    private static final String SERVICE = "inference";

    private final WebClient http;
    private final ReplicaBalancer replicas;
    private final MeterRegistry meters;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public TextModelClient(WebClient http, ReplicaBalancer replicas, MeterRegistry meters) {
        this.http = http;
        this.replicas = replicas;
        this.meters = meters;
    }

    /** Embeds the texts with the encoder; fails with {@link TextModelUnavailable}. */
    public Mono<Embeddings> embed(String encoder, List<String> texts, Duration timeout) {
        return infer(encoder, texts, timeout, "encoder").map(answer -> {
            InferResponse.OutputTensor out = output(answer, "embedding", encoder);
            List<Double> flat = numbers(out.data());
            if (flat.isEmpty() || flat.size() % texts.size() != 0) {
                throw new TextModelUnavailable(encoder + " answered " + flat.size() + " values for " + texts.size()
                        + " texts", false, null);
            }
            int d = flat.size() / texts.size();
            List<float[]> vectors = new ArrayList<>();
            for (int t = 0; t < texts.size(); t++) {
                float[] v = new float[d];
                for (int i = 0; i < d; i++) {
                    v[i] = flat.get(t * d + i).floatValue();
                }
                vectors.add(v);
            }
            List<Boolean> truncated = new ArrayList<>();
            Object flags = answer.parameters() == null ? null : answer.parameters().get("truncated");
            for (int t = 0; t < texts.size(); t++) {
                truncated.add(flags instanceof List<?> list && t < list.size() && Boolean.TRUE.equals(list.get(t)));
            }
            return new Embeddings(model(answer, encoder), answer.modelVersion(), vectors, truncated);
        });
    }

    /** The classifier's label for one text; fails with {@link TextModelUnavailable}. */
    public Mono<Label> classify(String classifier, String text, Duration timeout) {
        return infer(classifier, List.of(text), timeout, "classifier").map(answer -> {
            InferResponse.OutputTensor label = output(answer, "label", classifier);
            if (label.data() == null || label.data().isEmpty()) {
                throw new TextModelUnavailable(classifier + " answered no label", false, null);
            }
            Object first = label.data().get(0);
            String name = String.valueOf(first instanceof List<?> nested && !nested.isEmpty() ? nested.get(0) : first);
            Double probability = answer.outputs().stream().filter(o -> "probabilities".equals(o.name())).findFirst()
                    .map(p -> numbers(p.data()).stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN))
                    .filter(Double::isFinite).orElse(null);
            return new Label(name, probability, model(answer, classifier), answer.modelVersion());
        });
    }

    private Mono<InferResponse> infer(String model, List<String> texts, Duration timeout, String kind) {
        return Mono.defer(() -> {
            long start = System.nanoTime();
            return firstAnswering(model, texts, replicas.candidates(SERVICE), 0)
                    .timeout(timeout)
                    .onErrorMap(e -> !(e instanceof TextModelUnavailable),
                            e -> new TextModelUnavailable(model + " did not answer: " + e, false, e))
                    .doOnEach(signal -> {
                        if (signal.isOnNext() || signal.isOnError()) {
                            String outcome = signal.isOnNext() ? "ok"
                                    : signal.getThrowable() instanceof TextModelUnavailable u && u.notServed()
                                    ? "not_served" : "unavailable";
                            timer(kind, model, outcome).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                        }
                    });
        });
    }

    /** Asks the inference replicas in turn while they refuse the connection (nothing was sent to them). */
    private Mono<InferResponse> firstAnswering(String model, List<String> texts, List<URI> candidates, int index) {
        URI replica = candidates.get(index);
        return http.post().uri(replica.resolve(OipPaths.infer(model, null)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(TextInferRequest.of(texts))
                .exchangeToMono(response -> {
                    if (response.statusCode().is2xxSuccessful()) {
                        return response.bodyToMono(InferResponse.class);
                    }
                    boolean notServed = response.statusCode().value() == HttpStatus.NOT_FOUND.value();
                    return response.bodyToMono(String.class).defaultIfEmpty("").flatMap(body -> Mono.error(
                            new TextModelUnavailable(model + " answered " + response.statusCode().value()
                                    + (body.isBlank() ? "" : ": " + body), notServed, null)));
                })
                .onErrorResume(e -> index + 1 < candidates.size() && ReplicaBalancer.isConnectFailure(e), e -> {
                    replicas.refused(SERVICE, replica);
                    return firstAnswering(model, texts, candidates, index + 1);
                });
    }

    private Timer timer(String kind, String model, String outcome) {
        return timers.computeIfAbsent(kind + "/" + model + "/" + outcome, k -> Timer.builder("edge.notes.model")
                .description("Calls to the text models that read operators' notes")
                .tag("kind", kind).tag("model", model).tag("outcome", outcome).register(meters));
    }

    private static InferResponse.OutputTensor output(InferResponse answer, String name, String model) {
        if (answer == null || answer.outputs() == null) {
            throw new TextModelUnavailable(model + " answered no outputs", false, null);
        }
        return answer.outputs().stream().filter(o -> name.equals(o.name())).findFirst()
                .orElseThrow(() -> new TextModelUnavailable(model + " answered no output '" + name + "'", false, null));
    }

    private static String model(InferResponse answer, String asked) {
        return answer.modelName() == null || answer.modelName().isBlank() ? asked : answer.modelName();
    }

    /** Every number of a tensor's data, flat or nested, in row-major order. */
    private static List<Double> numbers(List<Object> data) {
        List<Double> out = new ArrayList<>();
        if (data != null) {
            collect(data, out);
        }
        return out;
    }

    private static void collect(Object value, List<Double> out) {
        if (value instanceof Number n) {
            out.add(n.doubleValue());
        } else if (value instanceof List<?> list) {
            for (Object o : list) {
                collect(o, out);
            }
        }
    }
}
