package io.edgeai.simulator.client;

/** How a batch ended: accepted, refused for good, or abandoned because the simulator is stopping. */
public enum Delivery {
    ACCEPTED,
    REJECTED,
    ABANDONED
}
