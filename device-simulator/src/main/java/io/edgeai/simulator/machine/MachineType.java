package io.edgeai.simulator.machine;

/**
 * The AI4I 2020 product quality variants: share of the fleet, tool wear added per process and the overstrain limit.
 */
public enum MachineType {
    L(0.60, 2, 11_000),
    M(0.30, 3, 12_000),
    H(0.10, 5, 13_000);

    private final double share;
    private final int wearPerProcess;
    private final double overstrainLimit;

    MachineType(double share, int wearPerProcess, double overstrainLimit) {
        this.share = share;
        this.wearPerProcess = wearPerProcess;
        this.overstrainLimit = overstrainLimit;
    }

    /** Fraction of machines of this type (60/30/10 %). */
    public double share() {
        return share;
    }

    /** Minutes of tool wear one process adds (H/M/L: 5/3/2). */
    public int wearPerProcess() {
        return wearPerProcess;
    }

    /** OSF fires when tool wear x torque exceeds this many minNm (L/M/H: 11,000/12,000/13,000). */
    public double overstrainLimit() {
        return overstrainLimit;
    }

    /** Draws a type with the published shares from a uniform number in [0, 1). */
    public static MachineType forUniform(double u) {
        if (u < L.share) {
            return L;
        }
        return u < L.share + M.share ? M : H;
    }
}
