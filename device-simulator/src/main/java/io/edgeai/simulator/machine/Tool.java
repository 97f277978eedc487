package io.edgeai.simulator.machine;

/**
 * The tool in a machine: it reaches its end of life at a random wear between 200 and 240 min, where it either
 * fails (TWF) or is replaced in time; the paper assigns that outcome at random (51 failures in 120 ends of life).
 */
public record Tool(int endOfLife, boolean failsAtEndOfLife) {
}
