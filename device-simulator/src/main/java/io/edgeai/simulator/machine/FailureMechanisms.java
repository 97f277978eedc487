package io.edgeai.simulator.machine;

import java.util.EnumSet;
import java.util.Set;
import java.util.random.RandomGenerator;

/** Decides which of the five failure mechanisms a process triggers, from the values the gateway receives. */
public final class FailureMechanisms {

    private final GenerationRules rules;

    public FailureMechanisms(GenerationRules rules) {
        this.rules = rules;
    }

    /** The failure modes of one process with the given tool; {@code random} drives only RNF. */
    public Set<FailureMode> evaluate(Reading reading, Tool tool, RandomGenerator random) {
        Set<FailureMode> modes = EnumSet.noneOf(FailureMode.class);
        if (tool.failsAtEndOfLife() && reading.toolWear() >= tool.endOfLife()) {
            modes.add(FailureMode.TWF);
        }
        if (reading.temperatureDifference() < rules.heatDifferenceLimit()
                && reading.rotationalSpeed() < rules.heatSpeedLimit()) {
            modes.add(FailureMode.HDF);
        }
        double power = reading.power();
        if (power < rules.powerMin() || power > rules.powerMax()) {
            modes.add(FailureMode.PWF);
        }
        if (reading.toolWear() * reading.torque() > reading.machineType().overstrainLimit()) {
            modes.add(FailureMode.OSF);
        }
        // Drawn on every process so the random stream does not depend on the other mechanisms.
        if (random.nextDouble() < rules.randomFailureProbability()) {
            modes.add(FailureMode.RNF);
        }
        return modes;
    }
}
