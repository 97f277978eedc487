package io.edgeai.simulator;

import io.edgeai.simulator.client.ReadingSink;
import io.edgeai.simulator.client.TrafficStats;
import io.edgeai.simulator.machine.MachineModel;
import io.edgeai.simulator.machine.Reading;
import io.edgeai.simulator.machine.SimulatedProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One machine's upload loop: takes {@code batch} readings on the machine's clock, sends them, and only then schedules
 * the next batch, so a device's readings reach the gateway in order. After an outage it catches up without
 * waiting (store-and-forward), keeping each reading's original timestamp.
 */
final class DeviceStream implements Runnable {

    private final MachineModel machine;
    private final ReadingSink client;
    private final TrafficStats stats;
    private final ScheduledExecutorService scheduler;
    private final BooleanSupplier stopping;
    private final Instant start;
    private final Duration interval;
    private final int batch;
    private long taken;

    DeviceStream(MachineModel machine, ReadingSink client, TrafficStats stats, ScheduledExecutorService scheduler,
                 BooleanSupplier stopping, Instant start, Duration interval, int batch) {
        this.machine = machine;
        this.client = client;
        this.stats = stats;
        this.scheduler = scheduler;
        this.stopping = stopping;
        this.start = start;
        this.interval = interval;
        this.batch = batch;
    }

    /** Schedules the first batch for when its last reading is due. */
    void begin() {
        schedule(dueOf(batch - 1));
    }

    @Override
    public void run() {
        if (stopping.getAsBoolean()) {
            return;
        }
        List<Reading> readings = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            SimulatedProcess process = machine.next(dueOf(taken++));
            process.failures().forEach(stats::generatedFailure);
            readings.add(process.reading());
        }
        try {
            client.deliver(machine.deviceId(), readings, stopping);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            // Never let one bad request end the device's stream silently.
            System.err.println("device " + machine.deviceId() + ": " + e);
        }
        if (!stopping.getAsBoolean()) {
            schedule(dueOf(taken + batch - 1));
        }
    }

    private Instant dueOf(long readingIndex) {
        return start.plus(interval.multipliedBy(readingIndex));
    }

    private void schedule(Instant due) {
        long delay = Math.max(0, Duration.between(Instant.now(), due).toMillis());
        try {
            scheduler.schedule(this, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutting down
        }
    }
}
