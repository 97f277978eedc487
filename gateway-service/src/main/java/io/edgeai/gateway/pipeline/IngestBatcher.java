package io.edgeai.gateway.pipeline;

import io.edgeai.contracts.Reading;
import io.edgeai.contracts.decision.DecisionResponse;
import io.edgeai.gateway.client.StageException;
import io.edgeai.gateway.config.PipelineProperties;
import io.edgeai.gateway.pipeline.IngestPipeline.Part;
import io.edgeai.gateway.pipeline.IngestPipeline.Scored;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.ContextView;

/**
 * Cross-request micro-batching: readings requests that arrive while others are on their way through the stages go
 * through preprocessing, inference and postprocessing as one call each and into the spool as one group (one fsync),
 * then each request gets its own answer, exactly as if it had been alone.
 *
 * <p>A device always uses the same lane. A lane scores one batch at a time (preprocessing, then inference); the
 * requests arriving meanwhile queue and form its next batch, so nothing waits when nothing else is in flight (a
 * request to an idle lane goes at once, unless {@code window} asks it to wait for company while other lanes are
 * busy). Postprocessing calls and spool appends follow the order in which the lane formed its batches, so a
 * device's readings reach preprocessing's windows, postprocessing's debounce and the spool in the order they came.
 *
 * <p>Failures stay with the requests they concern. Preprocessing refusing a batch (422 naming a field) has encoded
 * nothing, so each of its requests is sent again alone, ahead of what queued since, and only the bad ones get the
 * refusal. Any later failure (a stage down, a 4xx of inference or postprocessing) fails every request of the batch
 * with the status each would have got alone, and nothing of the batch is stored. Off ({@code enabled: false}),
 * every request makes its own calls ({@link Stages#ingest}).
 *
 * <p>Metrics: {@code edge.pipeline.batch.requests} and {@code edge.pipeline.batch.readings} (per batch), and
 * {@code edge.pipeline.batch.wait} (how long a request queued before its batch left).
 */
@Component
public class IngestBatcher {

    /** What the batcher needs of the pipeline ({@link IngestPipeline}); a test gives its own. */
    interface Stages {
        Mono<IngestResult> ingest(String deviceId, String model, List<Reading> readings);

        String defaultModel();

        Mono<Scored> score(String model, List<Reading> readings);

        Mono<DecisionResponse> decide(Scored scored);

        Mono<DecisionResponse> explain(Scored scored, DecisionResponse decided);

        /** Spools the parts as one group, appended before this returns, in order. */
        List<Mono<IngestResult>> store(List<Part> parts);

        void record(long startNanos, int readings, String outcome);
    }

    private final Stages stages;
    private final PipelineProperties.Batch config;
    private final List<Lane> lanes = new ArrayList<>();
    private final AtomicInteger scoring = new AtomicInteger();
    private final DistributionSummary batchRequests;
    private final DistributionSummary batchReadings;
    private final Timer waited;

    @Autowired
    public IngestBatcher(IngestPipeline pipeline, PipelineProperties properties, MeterRegistry meters) {
        this((Stages) pipeline, properties.batch(), meters);
    }

    IngestBatcher(Stages stages, PipelineProperties.Batch config, MeterRegistry meters) {
        this.stages = stages;
        this.config = config;
        for (int i = 0; i < config.lanes(); i++) {
            lanes.add(new Lane());
        }
        this.batchRequests = DistributionSummary.builder("edge.pipeline.batch.requests")
                .description("Requests that shared one pass through the stages").register(meters);
        this.batchReadings = DistributionSummary.builder("edge.pipeline.batch.readings")
                .description("Readings that shared one pass through the stages").register(meters);
        this.waited = Timer.builder("edge.pipeline.batch.wait")
                .description("How long a request queued before its batch went to the stages").register(meters);
    }

    /** Scores and spools validated readings of one device; the answer is this request's alone. */
    public Mono<IngestResult> ingest(String deviceId, String model, List<Reading> readings) {
        if (!config.enabled()) {
            return stages.ingest(deviceId, model, readings);
        }
        // The batch's stage calls run in its first request's context, so a lone request's trace reaches every hop.
        return Mono.deferContextual(context -> {
                    Request request = new Request(deviceId, model == null || model.isBlank()
                            ? stages.defaultModel() : model, readings, System.nanoTime(), new CompletableFuture<>(),
                            false, context);
                    lanes.get(Math.floorMod(deviceId.hashCode(), lanes.size())).add(request);
                    // The future always completes normally: an error completing it after the client went away
                    // would be logged as dropped; a value is just discarded.
                    return Mono.fromFuture(request.answer(), true);
                })
                .flatMap(o -> o.error() != null ? Mono.error(o.error()) : Mono.just(o.result()));
    }

    private record Request(String deviceId, String model, List<Reading> readings, long start,
                           CompletableFuture<Outcome> answer, boolean alone, ContextView context) {

        Request aloneAgain() {
            return new Request(deviceId, model, readings, start, answer, true, context);
        }
    }

    /** A request's answer or the error it gets. */
    private record Outcome(IngestResult result, Throwable error) {
    }

    /**
     * Requests going through the stages together; {@code decided} and {@code stored} complete when this batch no
     * longer needs postprocessing or the spool, which is when the lane's next batch may use them.
     */
    private record Batch(List<Request> requests, CompletableFuture<Void> afterDecided,
                         CompletableFuture<Void> afterStored, CompletableFuture<Void> decided,
                         CompletableFuture<Void> stored) {

        List<Reading> readings() {
            List<Reading> all = new ArrayList<>();
            requests.forEach(r -> all.addAll(r.readings()));
            return all;
        }

        ContextView context() {
            return requests.get(0).context();
        }

        void release() {
            decided.complete(null);
            stored.complete(null);
        }
    }

    private final class Lane {
        private final ArrayDeque<Request> queue = new ArrayDeque<>();
        private int queuedReadings;
        /** A batch of this lane is scoring, or the lane waits out the window for company. */
        private boolean busy;
        private long lingering = -1;
        private long lingers;
        private CompletableFuture<Void> decidedTail = CompletableFuture.completedFuture(null);
        private CompletableFuture<Void> storedTail = CompletableFuture.completedFuture(null);

        void add(Request request) {
            Batch batch;
            synchronized (this) {
                queue.add(request);
                queuedReadings += request.readings().size();
                if (busy && (lingering < 0 || queuedReadings < config.maxReadings())) {
                    return;
                }
                if (!busy && !config.window().isZero() && scoring.get() > 0
                        && queuedReadings < config.maxReadings()) {
                    busy = true;
                    long token = lingering = ++lingers;
                    Schedulers.parallel().schedule(() -> lingered(token), config.window().toNanos(),
                            TimeUnit.NANOSECONDS);
                    return;
                }
                busy = true;
                lingering = -1;
                batch = take();
            }
            run(batch);
        }

        private void lingered(long token) {
            Batch batch;
            synchronized (this) {
                if (lingering != token) {
                    return;
                }
                lingering = -1;
                batch = take();
            }
            run(batch);
        }

        /** The next batch off the queue (the lane is busy): the head and what may join it. */
        private Batch take() {
            List<Request> requests = new ArrayList<>();
            Request head = queue.poll();
            requests.add(head);
            int readings = head.readings().size();
            while (!head.alone() && !queue.isEmpty()) {
                Request next = queue.peek();
                if (next.alone() || !next.model().equals(head.model())
                        || readings + next.readings().size() > config.maxReadings()) {
                    break;
                }
                requests.add(queue.poll());
                readings += next.readings().size();
            }
            queuedReadings -= readings;
            Batch batch = new Batch(requests, decidedTail, storedTail, new CompletableFuture<>(),
                    new CompletableFuture<>());
            decidedTail = batch.decided();
            storedTail = batch.stored();
            return batch;
        }

        /** The batch no longer scores: the next one leaves at once with whatever queued meanwhile. */
        private void scored(List<Request> again) {
            scoring.decrementAndGet();
            Batch next;
            synchronized (this) {
                for (int i = again.size() - 1; i >= 0; i--) {
                    queue.addFirst(again.get(i).aloneAgain());
                    queuedReadings += again.get(i).readings().size();
                }
                if (queue.isEmpty()) {
                    busy = false;
                    return;
                }
                next = take();
            }
            run(next);
        }

        private void run(Batch batch) {
            scoring.incrementAndGet();
            long now = System.nanoTime();
            batch.requests().forEach(r -> waited.record(now - r.start(), TimeUnit.NANOSECONDS));
            batchRequests.record(batch.requests().size());
            List<Reading> readings = batch.readings();
            batchReadings.record(readings.size());
            Mono.defer(() -> stages.score(batch.requests().get(0).model(), readings)).contextWrite(batch.context())
                    .subscribe(scored -> {
                scored(List.of());
                decide(batch, scored);
            }, error -> {
                boolean retryAlone = batch.requests().size() > 1 && error instanceof StageException e
                        && e.isRejection() && "preprocessing".equals(e.stage());
                batch.release();
                if (!retryAlone) {
                    fail(batch.requests(), error);
                }
                scored(retryAlone ? batch.requests() : List.of());
            });
        }

        /** Postprocessing once the lane's previous batch has been decided, then the explanations, then the spool. */
        private void decide(Batch batch, Scored scored) {
            batch.afterDecided().whenComplete((ignored, none) -> Mono.defer(() -> stages.decide(scored))
                    .contextWrite(batch.context()).subscribe(decided -> {
                        batch.decided().complete(null);
                        Mono.defer(() -> stages.explain(scored, decided)).contextWrite(batch.context())
                                .onErrorReturn(decided).subscribe(explained ->
                                batch.afterStored().whenComplete((i, n) -> store(batch, scored, explained)));
                    }, error -> {
                        batch.release();
                        fail(batch.requests(), error);
                    }));
        }

        private void store(Batch batch, Scored scored, DecisionResponse decided) {
            List<Mono<IngestResult>> answers;
            try {
                List<BatchSplit.Owner> owners = batch.requests().stream()
                        .map(r -> new BatchSplit.Owner(r.deviceId(), r.readings())).toList();
                answers = stages.store(BatchSplit.split(owners, scored.features(), decided));
            } catch (RuntimeException e) {
                fail(batch.requests(), e);
                return;
            } finally {
                batch.stored().complete(null);
            }
            for (int i = 0; i < answers.size(); i++) {
                Request request = batch.requests().get(i);
                answers.get(i).subscribe(answer -> {
                    stages.record(request.start(), request.readings().size(), "ok");
                    request.answer().complete(new Outcome(answer, null));
                }, error -> fail(List.of(request), error));
            }
        }
    }

    private void fail(List<Request> requests, Throwable error) {
        for (Request request : requests) {
            stages.record(request.start(), request.readings().size(), "error");
            request.answer().complete(new Outcome(null, error));
        }
    }
}
