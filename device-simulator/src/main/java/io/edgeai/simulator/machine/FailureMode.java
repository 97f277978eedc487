package io.edgeai.simulator.machine;

/** The five AI4I 2020 failure mechanisms; any of them is a machine failure. */
public enum FailureMode {
    /** Tool wear failure: the tool fails at its random end of life (200-240 min). */
    TWF,
    /** Heat dissipation failure: air-process difference below 8.6 K and speed below 1380 rpm. */
    HDF,
    /** Power failure: torque x angular speed below 3500 W or above 9000 W. */
    PWF,
    /** Overstrain failure: tool wear x torque above the type's limit. */
    OSF,
    /** Random failure, 0.1 % of processes regardless of conditions. */
    RNF
}
