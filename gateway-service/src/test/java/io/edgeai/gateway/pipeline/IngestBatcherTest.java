package io.edgeai.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeai.contracts.Reading;
import io.edgeai.contracts.ReadingMetadata;
import io.edgeai.contracts.alert.AlertEvent;
import io.edgeai.contracts.alert.AlertEventType;
import io.edgeai.contracts.decision.DecisionResponse;
import io.edgeai.contracts.decision.ReadingDecision;
import io.edgeai.contracts.decision.Status;
import io.edgeai.contracts.features.FeatureResponse;
import io.edgeai.contracts.oip.InferResponse;
import io.edgeai.gateway.client.StageException;
import io.edgeai.gateway.config.PipelineProperties;
import io.edgeai.gateway.pipeline.IngestPipeline.Part;
import io.edgeai.gateway.pipeline.IngestPipeline.Scored;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * The batcher against stand-in stages (no HTTP): requests that queue while a batch scores share the next batch and
 * each gets exactly its own answer; a device's readings keep their order through every stage; a refused reading
 * fails only its own request; a stage failure fails the batch it concerns and no other; off, nothing is batched.
 */
class IngestBatcherTest {

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final FakeStages stages = new FakeStages();

    IngestBatcher batcher(boolean enabled, int maxReadings, Duration window, int lanes) {
        return new IngestBatcher(stages, new PipelineProperties.Batch(enabled, maxReadings, window, lanes), meters);
    }

    @Test
    void aLoneRequestGoesAtOnceAndGetsItsAnswer() {
        IngestBatcher batcher = batcher(true, 256, Duration.ZERO, 4);
        IngestResult answer = batcher.ingest("mill-1", null, List.of(reading("mill-1", 1, "M"))).block();
        assertThat(answer.deviceId()).isEqualTo("mill-1");
        assertThat(answer.results()).extracting(IngestResult.Result::timestamp).containsExactly(at(1).toString());
        assertThat(stages.scoreCalls).hasSize(1);
        assertThat(meters.get("edge.pipeline.batch.requests").summary().max()).isEqualTo(1.0);
    }

    @Test
    void requestsQueuedWhileABatchScoresShareTheNextOneAndEachGetsItsOwnRowsAndAlerts() {
        IngestBatcher batcher = batcher(true, 256, Duration.ZERO, 1);
        CompletableFuture<Void> gate = stages.holdNextScore();
        CompletableFuture<IngestResult> first = batcher.ingest("a", null, List.of(reading("a", 1, "M"))).toFuture();
        List<CompletableFuture<IngestResult>> queued = new ArrayList<>();
        queued.add(batcher.ingest("b", null, List.of(reading("b", 2, "ALERT"), reading("b", 3, "M"))).toFuture());
        queued.add(batcher.ingest("a", null, List.of(reading("a", 4, "M"))).toFuture());
        queued.add(batcher.ingest("c", null, List.of(reading("c", 2, "ALERT"))).toFuture());
        assertThat(stages.scoreCalls).hasSize(1);
        gate.complete(null);

        assertThat(first.join().results()).hasSize(1);
        assertThat(stages.scoreCalls).hasSize(2);
        assertThat(stages.scoreCalls.get(1)).extracting(r -> r.deviceId() + "@" + (r.timestamp().getEpochSecond() - 1_800_000_000L))
                .containsExactly("b@2", "b@3", "a@4", "c@2");
        IngestResult b = queued.get(0).join();
        IngestResult a = queued.get(1).join();
        IngestResult c = queued.get(2).join();
        assertThat(b.deviceId()).isEqualTo("b");
        assertThat(b.results()).extracting(IngestResult.Result::timestamp)
                .containsExactly(at(2).toString(), at(3).toString());
        assertThat(b.alerts()).extracting(AlertEvent::deviceId).containsExactly("b");
        assertThat(a.results()).extracting(IngestResult.Result::timestamp).containsExactly(at(4).toString());
        assertThat(a.alerts()).isEmpty();
        // The same timestamp on two devices: each alert goes to the request of its device.
        assertThat(c.alerts()).extracting(AlertEvent::deviceId).containsExactly("c");
        assertThat(stages.storeGroups).extracting(List::size).containsExactly(1, 3);
        assertThat(meters.get("edge.pipeline.batch.requests").summary().max()).isEqualTo(3.0);
        assertThat(meters.get("edge.pipeline.batch.readings").summary().totalAmount()).isEqualTo(5.0);
    }

    @Test
    void aDevicesReadingsReachEveryStageInTheOrderTheyCame() {
        IngestBatcher batcher = batcher(true, 3, Duration.ZERO, 2);
        CompletableFuture<Void> gate = stages.holdNextScore();
        List<CompletableFuture<IngestResult>> answers = new ArrayList<>();
        for (int t = 1; t <= 20; t++) {
            answers.add(batcher.ingest("press-" + (t % 3), null, List.of(reading("press-" + (t % 3), t, "M")))
                    .toFuture());
        }
        gate.complete(null);
        answers.forEach(CompletableFuture::join);
        for (List<Reading> stage : List.of(flat(stages.scoreCalls), flat(stages.decideCalls), flat(stages.stored))) {
            for (int d = 0; d < 3; d++) {
                String device = "press-" + d;
                assertThat(stage).filteredOn(r -> r.deviceId().equals(device))
                        .extracting(r -> r.timestamp().getEpochSecond()).isSorted().hasSizeBetween(6, 7);
            }
        }
        assertThat(stages.scoreCalls).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(3));
    }

    @Test
    void aRefusedReadingFailsOnlyItsOwnRequestAndTheOthersAreScoredAloneInOrder() {
        IngestBatcher batcher = batcher(true, 256, Duration.ZERO, 1);
        CompletableFuture<Void> gate = stages.holdNextScore();
        CompletableFuture<IngestResult> first = batcher.ingest("a", null, List.of(reading("a", 1, "M"))).toFuture();
        CompletableFuture<IngestResult> good = batcher.ingest("b", null, List.of(reading("b", 2, "M"))).toFuture();
        CompletableFuture<IngestResult> bad = batcher.ingest("c", null, List.of(reading("c", 2, "BAD"))).toFuture();
        CompletableFuture<IngestResult> later = batcher.ingest("a", null, List.of(reading("a", 3, "M"))).toFuture();
        gate.complete(null);

        assertThat(good.join().deviceId()).isEqualTo("b");
        assertThat(later.join().deviceId()).isEqualTo("a");
        assertThatThrownBy(bad::join).hasCauseInstanceOf(StageException.class)
                .cause().satisfies(e -> assertThat(((StageException) e).status().value()).isEqualTo(422));
        assertThat(first.join().results()).hasSize(1);
        // The refused batch of three, then each of its requests alone, in order.
        assertThat(stages.scoreCalls).extracting(IngestBatcherTest::devices)
                .containsExactly("a", "b,c,a", "b", "c", "a");
        assertThat(flat(stages.stored)).extracting(Reading::deviceId).containsExactly("a", "b", "a");
    }

    @Test
    void aStageFailureFailsTheRequestsOfItsBatchOnly() {
        IngestBatcher batcher = batcher(true, 256, Duration.ZERO, 1);
        CompletableFuture<Void> gate = stages.holdNextScore();
        CompletableFuture<IngestResult> first = batcher.ingest("a", null, List.of(reading("a", 1, "M"))).toFuture();
        stages.postprocessingDown.set(true);
        CompletableFuture<IngestResult> x = batcher.ingest("b", null, List.of(reading("b", 2, "M"))).toFuture();
        CompletableFuture<IngestResult> y = batcher.ingest("c", null, List.of(reading("c", 2, "M"))).toFuture();
        // The first batch is decided while postprocessing is up; the second finds it down.
        stages.downAfterDecisions.set(1);
        gate.complete(null);
        assertThat(first.join().deviceId()).isEqualTo("a");
        for (CompletableFuture<IngestResult> f : List.of(x, y)) {
            assertThatThrownBy(f::join).cause().isInstanceOf(StageException.class)
                    .satisfies(e -> assertThat(((StageException) e).isRejection()).isFalse());
        }
        assertThat(flat(stages.stored)).extracting(Reading::deviceId).containsExactly("a");
        stages.postprocessingDown.set(false);
        assertThat(batcher.ingest("b", null, List.of(reading("b", 5, "M"))).block().deviceId()).isEqualTo("b");
    }

    @Test
    void requestsNamingAnotherModelGoInTheirOwnBatch() {
        IngestBatcher batcher = batcher(true, 256, Duration.ZERO, 1);
        CompletableFuture<Void> gate = stages.holdNextScore();
        batcher.ingest("a", null, List.of(reading("a", 1, "M"))).toFuture();
        CompletableFuture<IngestResult> x = batcher.ingest("b", "pump", List.of(reading("b", 1, "M"))).toFuture();
        CompletableFuture<IngestResult> y = batcher.ingest("c", null, List.of(reading("c", 1, "M"))).toFuture();
        gate.complete(null);
        assertThat(x.join().model()).isEqualTo("pump");
        assertThat(y.join().model()).isEqualTo("ai4i-failure");
        assertThat(stages.scoreModels).containsExactly("ai4i-failure", "pump", "ai4i-failure");
    }

    @Test
    void aBatchsStageCallsRunInItsFirstRequestsContextSoALoneRequestKeepsItsTrace() {
        IngestBatcher batcher = batcher(true, 256, Duration.ZERO, 1);
        batcher.ingest("a", null, List.of(reading("a", 1, "M"))).contextWrite(Context.of("trace", "t-1")).block();
        assertThat(stages.traces).containsExactly("t-1");
    }

    @Test
    void offEveryRequestMakesItsOwnCalls() {
        IngestBatcher batcher = batcher(false, 256, Duration.ZERO, 4);
        assertThat(batcher.ingest("a", null, List.of(reading("a", 1, "M"))).block().deviceId()).isEqualTo("a");
        assertThat(stages.aloneCalls.get()).isEqualTo(1);
        assertThat(stages.scoreCalls).isEmpty();
    }

    @Test
    void aWindowLetsARequestWaitForCompanyOnlyWhileOtherBatchesAreInFlight() {
        IngestBatcher batcher = batcher(true, 256, Duration.ofMillis(200), 2);
        // Nothing in flight: no wait.
        assertThat(batcher.ingest("a", null, List.of(reading("a", 1, "M"))).block()).isNotNull();
        CompletableFuture<Void> gate = stages.holdNextScore();
        String laneOne = "a";
        String laneTwo = Math.floorMod("b".hashCode(), 2) != Math.floorMod("a".hashCode(), 2) ? "b" : "c";
        CompletableFuture<IngestResult> held = batcher.ingest(laneOne, null, List.of(reading(laneOne, 2, "M")))
                .toFuture();
        CompletableFuture<IngestResult> x = batcher.ingest(laneTwo, null, List.of(reading(laneTwo, 3, "M")))
                .toFuture();
        CompletableFuture<IngestResult> y = batcher.ingest(laneTwo, null, List.of(reading(laneTwo, 4, "M")))
                .toFuture();
        assertThat(x.join().results()).hasSize(1);
        assertThat(y.join().results()).hasSize(1);
        assertThat(stages.scoreCalls.get(2)).hasSize(2);
        gate.complete(null);
        assertThat(held.join().results()).hasSize(1);
    }

    static Instant at(int second) {
        return Instant.ofEpochSecond(1_800_000_000L + second);
    }

    static Reading reading(String device, int second, String machineType) {
        return new Reading(device, at(second), machineType, Map.of());
    }

    static List<Reading> flat(List<List<Reading>> batches) {
        return batches.stream().flatMap(List::stream).toList();
    }

    static String devices(List<Reading> batch) {
        return String.join(",", batch.stream().map(Reading::deviceId).toList());
    }

    /** Stand-in stages: a reading of machine type BAD is refused by preprocessing, ALERT raises an alert. */
    static final class FakeStages implements IngestBatcher.Stages {
        final List<List<Reading>> scoreCalls = Collections.synchronizedList(new ArrayList<>());
        final List<String> scoreModels = Collections.synchronizedList(new ArrayList<>());
        final List<List<Reading>> decideCalls = Collections.synchronizedList(new ArrayList<>());
        final List<List<Reading>> stored = Collections.synchronizedList(new ArrayList<>());
        final List<List<Part>> storeGroups = Collections.synchronizedList(new ArrayList<>());
        final AtomicBoolean postprocessingDown = new AtomicBoolean();
        final AtomicInteger downAfterDecisions = new AtomicInteger(Integer.MAX_VALUE);
        final AtomicInteger aloneCalls = new AtomicInteger();
        final List<String> traces = Collections.synchronizedList(new ArrayList<>());
        private volatile CompletableFuture<Void> hold;

        CompletableFuture<Void> holdNextScore() {
            hold = new CompletableFuture<>();
            return hold;
        }

        @Override
        public Mono<IngestResult> ingest(String deviceId, String model, List<Reading> readings) {
            aloneCalls.incrementAndGet();
            return Mono.just(new IngestResult(deviceId, model, "1", "SPOOLED", "x", List.of(), List.of()));
        }

        @Override
        public String defaultModel() {
            return "ai4i-failure";
        }

        @Override
        public Mono<Scored> score(String model, List<Reading> readings) {
            scoreCalls.add(List.copyOf(readings));
            scoreModels.add(model);
            CompletableFuture<Void> gate = hold;
            hold = null;
            Mono<Void> wait = Mono.deferContextual(c -> {
                traces.add(c.getOrDefault("trace", "none"));
                return gate == null ? Mono.<Void>empty() : Mono.fromFuture(gate);
            });
            if (readings.stream().anyMatch(r -> "BAD".equals(r.machineType()))) {
                return wait.then(Mono.error(StageException.rejected("preprocessing",
                        HttpStatus.UNPROCESSABLE_CONTENT, "{\"detail\":\"readings[0].machineType\"}")));
            }
            List<ReadingMetadata> rows = readings.stream()
                    .map(r -> new ReadingMetadata(r.deviceId(), r.timestamp(), r.machineType())).toList();
            return wait.then(Mono.just(new Scored(new FeatureResponse(model, "1", List.of(), null, rows),
                    new InferResponse(model, "1", null, List.of(), null))));
        }

        @Override
        public Mono<DecisionResponse> decide(Scored scored) {
            List<ReadingMetadata> rows = scored.features().readings();
            decideCalls.add(rows.stream().map(r -> new Reading(r.deviceId(), r.timestamp(), r.machineType(),
                    Map.of())).toList());
            if (postprocessingDown.get() && downAfterDecisions.getAndDecrement() <= 0) {
                return Mono.error(StageException.unavailable("postprocessing", "connection refused", null));
            }
            List<ReadingDecision> decisions = new ArrayList<>();
            List<AlertEvent> alerts = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                ReadingMetadata r = rows.get(i);
                decisions.add(new ReadingDecision(i, r.deviceId(), r.timestamp(), Status.NORMAL, Map.of("OK", 1.0),
                        "OK", 1.0));
                if ("ALERT".equals(r.machineType())) {
                    alerts.add(new AlertEvent(r.deviceId() + ":TWF", r.deviceId(), "TWF", AlertEventType.RAISED,
                            "MAJOR", 0.9, 0.5, r.timestamp(), r.timestamp(), "M", scored.features().modelName(), "1"));
                }
            }
            return Mono.just(new DecisionResponse(scored.features().modelName(), "1", decisions, alerts));
        }

        @Override
        public Mono<DecisionResponse> explain(Scored scored, DecisionResponse decided) {
            return Mono.just(decided);
        }

        @Override
        public List<Mono<IngestResult>> store(List<Part> parts) {
            storeGroups.add(parts);
            List<Mono<IngestResult>> out = new ArrayList<>();
            for (Part p : parts) {
                stored.add(p.readings());
                List<IngestResult.Result> results = p.features().readings().stream()
                        .map(r -> new IngestResult.Result(r.timestamp().toString(), "NORMAL", Map.of(), "OK", "id"))
                        .toList();
                out.add(Mono.just(new IngestResult(p.deviceId(), p.features().modelName(), "1", "SPOOLED", "b",
                        results, p.decided().alerts())));
            }
            return out;
        }

        @Override
        public void record(long startNanos, int readings, String outcome) {
        }
    }
}
