package io.edgeai.simulator.machine;

/**
 * Where a machine's walks begin: deviations from the means in K (air, process offset), the torque walk in standard
 * deviations, and the wear and life of the tool in the machine.
 */
public record StartState(double airDeviation, double processDeviation, double torqueZ, int toolWear, Tool tool) {
}
