package io.edgeai.simulator.load;

import java.util.Arrays;

/** Latencies of one client thread in nanoseconds; unsynchronised, merged after the run. */
public final class LatencyRecorder {

    private long[] samples = new long[4096];
    private int size;

    public void record(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = nanos;
    }

    public int size() {
        return size;
    }

    /** All samples of several recorders, sorted. */
    public static long[] merged(Iterable<LatencyRecorder> recorders) {
        int total = 0;
        for (LatencyRecorder r : recorders) {
            total += r.size;
        }
        long[] all = new long[total];
        int at = 0;
        for (LatencyRecorder r : recorders) {
            System.arraycopy(r.samples, 0, all, at, r.size);
            at += r.size;
        }
        Arrays.sort(all);
        return all;
    }

    /** Nearest-rank percentile of sorted samples, in milliseconds; NaN when there are none. */
    public static double percentileMillis(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }
}
