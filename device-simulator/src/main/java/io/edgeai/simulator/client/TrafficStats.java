package io.edgeai.simulator.client;

import io.edgeai.simulator.machine.FailureMode;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters shared by all device streams, printed as one summary line. */
public final class TrafficStats {

    private final LongAdder sent = new LongAdder();
    private final LongAdder ok = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Map<String, LongAdder> httpStatuses = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> readingStatuses = new ConcurrentHashMap<>();
    private final Map<FailureMode, LongAdder> generatedFailures = new ConcurrentHashMap<>();

    /** Readings handed to the client for the first time. */
    public void sent(int readings) {
        sent.add(readings);
    }

    public void ok(int readings) {
        ok.add(readings);
    }

    /** One retried request (any number of readings). */
    public void retried() {
        retried.increment();
    }

    /** Readings the gateway refused for good (a 4xx other than 429, or given up at shutdown). */
    public void failed(int readings) {
        failed.add(readings);
    }

    /** An HTTP status code, or a name such as "io-error" when there was no answer. */
    public void httpStatus(String status) {
        httpStatuses.computeIfAbsent(status, k -> new LongAdder()).increment();
    }

    /** A per-reading status the gateway answered (NORMAL, WARNING, FAILURE_PREDICTED...). */
    public void readingStatus(String status) {
        readingStatuses.computeIfAbsent(status, k -> new LongAdder()).increment();
    }

    public void generatedFailure(FailureMode mode) {
        generatedFailures.computeIfAbsent(mode, k -> new LongAdder()).increment();
    }

    public long sentCount() {
        return sent.sum();
    }

    public long okCount() {
        return ok.sum();
    }

    public long retriedCount() {
        return retried.sum();
    }

    public long failedCount() {
        return failed.sum();
    }

    public Map<String, Long> httpStatuses() {
        return snapshot(httpStatuses);
    }

    /** e.g. {@code sent=1200 ok=1180 retried=3 failed=0 http={200=1180, 503=3} readings={NORMAL=1100, ...} ...}. */
    public String summary() {
        return "sent=" + sent.sum() + " ok=" + ok.sum() + " retried=" + retried.sum() + " failed=" + failed.sum()
                + " http=" + snapshot(httpStatuses) + " readings=" + snapshot(readingStatuses)
                + " generated-failures=" + snapshot(generatedFailures);
    }

    private static <K> Map<K, Long> snapshot(Map<K, LongAdder> counters) {
        Map<K, Long> copy = new TreeMap<>();
        counters.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }
}
