package io.edgeai.simulator.machine;

import java.util.Set;

/** A generated reading with the failure modes the rules assign to it (the ground truth the gateway never sees). */
public record SimulatedProcess(Reading reading, Set<FailureMode> failures) {

    public SimulatedProcess {
        failures = Set.copyOf(failures);
    }

    public boolean failed() {
        return !failures.isEmpty();
    }
}
