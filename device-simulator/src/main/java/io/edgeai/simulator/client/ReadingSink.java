package io.edgeai.simulator.client;

import io.edgeai.simulator.machine.Reading;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Where a device's readings go: the gateway's REST pipeline or an MQTT broker. */
public interface ReadingSink {

    /** Blocks until the batch is taken, refused for good, or {@code stopping} turns true; never reorders. */
    Delivery deliver(String deviceId, List<Reading> readings, BooleanSupplier stopping) throws InterruptedException;
}
