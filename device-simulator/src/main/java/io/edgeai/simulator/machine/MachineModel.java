package io.edgeai.simulator.machine;

import java.time.Instant;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * One simulated milling machine: produces one process after another following the AI4I 2020 rules.
 *
 * <p>Each "random walk" is a mean-reverting AR(1) walk whose stationary spread is the published one (air sd 2 K around
 * 300 K, process offset sd 1 K around +10 K, torque sd 10 Nm around 40 Nm): the fleet's values have the published
 * distribution, while one machine's conditions persist for a few processes, as a real machine's do, so that the
 * suite's k-of-n alerting sees runs rather than isolated spikes.
 */
public final class MachineModel {

    private final String deviceId;
    private final MachineType type;
    private final GenerationRules rules;
    private final RandomGenerator random;
    private final FailureMechanisms mechanisms;
    private double airDeviation;
    private double processDeviation;
    private double torqueZ;
    private int toolWear;
    private Tool tool;

    public MachineModel(String deviceId, MachineType type, GenerationRules rules, RandomGenerator random,
                        StartState start) {
        this.deviceId = deviceId;
        this.type = type;
        this.rules = rules;
        this.random = random;
        this.mechanisms = new FailureMechanisms(rules);
        this.airDeviation = start.airDeviation();
        this.processDeviation = start.processDeviation();
        this.torqueZ = start.torqueZ();
        this.toolWear = start.toolWear();
        this.tool = start.tool();
    }

    /** A start drawn from the stationary distributions, with a fresh tool part-way through its life. */
    public static StartState stationaryStart(GenerationRules rules, RandomGenerator random) {
        Tool tool = newTool(rules, random);
        return new StartState(rules.airSd() * random.nextGaussian(), rules.processSd() * random.nextGaussian(),
                random.nextGaussian(), random.nextInt(tool.endOfLife()), tool);
    }

    /** A new tool with a uniform end of life in [toolLifeMin, toolLifeMax] and a random fail-or-replace outcome. */
    public static Tool newTool(GenerationRules rules, RandomGenerator random) {
        int life = rules.toolLifeMin() + random.nextInt(rules.toolLifeMax() - rules.toolLifeMin() + 1);
        return new Tool(life, random.nextDouble() < rules.toolFailureShare());
    }

    public String deviceId() {
        return deviceId;
    }

    public MachineType type() {
        return type;
    }

    public Tool tool() {
        return tool;
    }

    /** Runs one process stamped {@code timestamp}, then advances the walks and the tool. */
    public SimulatedProcess next(Instant timestamp) {
        double air = round1(rules.airMean() + airDeviation);
        double process = round1(air + rules.processOffset() + processDeviation);
        double torque = round1(torqueNm());
        int speed = (int) Math.round(rules.speedFor(torque) + rules.speedNoiseSd() * random.nextGaussian());
        Reading reading = new Reading(deviceId, timestamp, type, air, process, speed, torque, toolWear);
        Set<FailureMode> failures = mechanisms.evaluate(reading, tool, random);
        advance(failures);
        return new SimulatedProcess(reading, failures);
    }

    /** The smallest torque in the published AI4I 2020 rows. */
    static final double MIN_TORQUE_NM = 3.8;

    private double torqueNm() {
        double torque = rules.torqueMean() + rules.torqueSd() * torqueZ;
        // "No negative values": reflect at zero (it takes a 4-sigma excursion to get there), and never below the
        // published minimum of 3.8 Nm: near 0 Nm the speed-torque curve gives over 5,000 rpm, which no AI4I row has
        // (their maximum is 2,886 rpm) and which preprocessing rightly refuses as out of range.
        return Math.max(MIN_TORQUE_NM, Math.abs(torque));
    }

    private void advance(Set<FailureMode> failures) {
        airDeviation = step(airDeviation, rules.airCorrelation(), rules.airSd());
        processDeviation = step(processDeviation, rules.processCorrelation(), rules.processSd());
        torqueZ = step(torqueZ, rules.torqueCorrelation(), 1.0);
        toolWear += type.wearPerProcess();
        // A failure means a new tool; so does reaching the end of life for a tool that is replaced in time (one that
        // is to fail keeps running until the process at that wear fails it: TWF).
        boolean replacedInTime = !tool.failsAtEndOfLife() && toolWear >= tool.endOfLife();
        if (!failures.isEmpty() || replacedInTime) {
            toolWear = 0;
            tool = newTool(rules, random);
        }
    }

    /** AR(1) step keeping the stationary standard deviation at {@code sd}. */
    private double step(double x, double phi, double sd) {
        return phi * x + Math.sqrt(1 - phi * phi) * sd * random.nextGaussian();
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
