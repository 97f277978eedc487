package io.edgeai.postprocessing.bench;

import io.edgeai.contracts.ReadingMetadata;
import io.edgeai.contracts.decision.DecisionRequest;
import io.edgeai.modelclient.testsupport.FakeInferenceServer;
import io.edgeai.modelclient.testsupport.StageBench;
import io.edgeai.postprocessing.PostprocessingApplication;
import io.edgeai.postprocessing.decision.Postprocessor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput of postprocessing for ai4i-failure outputs (6 labels, 20 devices, alerts raised and cleared as the
 * probabilities move): in-process (validate, decide, track alerts; no HTTP) and over HTTP with batches of 100.
 * Run by bench/postprocessing/run.sh; not a test.
 */
public final class PostprocessingBench {

    static final int BATCH = 100;
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final AtomicLong SEQUENCE = new AtomicLong();

    public static void main(String[] args) {
        FakeInferenceServer.get().serve("ai4i-failure", "1", """
                {"name":"ai4i-failure","version":"1","labels":["machine_failure","TWF","HDF","PWF","OSF","RNF"],
                 "outputs":[{"name":"probabilities","datatype":"FP32","shape":[-1,6]}],
                 "thresholds":{"machine_failure":{"high":0.5,"low":0.3}}}""");
        new StageBench("postprocessing", PostprocessingApplication.class, "/api/v1/postprocessing/decisions", BATCH)
                .main(args, ctx -> {
                    Postprocessor postprocessor = ctx.getBean(Postprocessor.class);
                    return () -> postprocessor.decide(request());
                }, PostprocessingBench::json);
    }

    /** Probability of reading {@code i}: slow waves per device, so alerts keep being raised and cleared. */
    static double probability(long i) {
        return 0.5 + 0.45 * Math.sin(i / 40.0);
    }

    static DecisionRequest request() {
        long base = SEQUENCE.getAndAdd(BATCH);
        List<List<Double>> rows = new ArrayList<>(BATCH);
        List<ReadingMetadata> readings = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            long n = base + i;
            double p = probability(n / 20);
            rows.add(List.of(p, p / 2, 0.01, 0.02, 0.03, 0.0));
            readings.add(new ReadingMetadata("bench-" + (n % 20), T0.plusMillis(n), "L"));
        }
        return new DecisionRequest("ai4i-failure", "1", null, null, rows, readings);
    }

    static String json() {
        long base = SEQUENCE.getAndAdd(BATCH);
        StringBuilder data = new StringBuilder();
        StringBuilder meta = new StringBuilder();
        for (int i = 0; i < BATCH; i++) {
            long n = base + i;
            double p = probability(n / 20);
            data.append(i == 0 ? "" : ",").append(p).append(',').append(p / 2).append(",0.01,0.02,0.03,0.0");
            meta.append(i == 0 ? "" : ",").append("{\"deviceId\":\"bench-").append(n % 20)
                    .append("\",\"timestamp\":\"").append(T0.plusMillis(n)).append("\",\"machineType\":\"L\"}");
        }
        return "{\"modelName\":\"ai4i-failure\",\"modelVersion\":\"1\",\"outputs\":[{\"name\":\"probabilities\","
                + "\"datatype\":\"FP32\",\"shape\":[" + BATCH + ",6],\"data\":[" + data + "]}],\"readings\":[" + meta
                + "]}";
    }
}
