package io.edgeai.simulator.machine;

import java.time.Instant;

/**
 * One process of one machine as the gateway receives it, in the dataset's units and precision
 * (temperatures and torque to 0.1, speed and wear whole numbers).
 */
public record Reading(
        String deviceId,
        Instant timestamp,
        MachineType machineType,
        double airTemperature,
        double processTemperature,
        int rotationalSpeed,
        double torque,
        int toolWear) {

    /** Mechanical power in W: torque x angular speed (rpm converted to rad/s). */
    public double power() {
        return torque * rotationalSpeed * 2 * Math.PI / 60;
    }

    /** Process minus air temperature in K. */
    public double temperatureDifference() {
        return processTemperature - airTemperature;
    }
}
