package io.edgeai.simulator.machine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds N machines from one seed: types drawn 60/30/10 %, each machine with its own random stream, so the same seed
 * gives the same readings whatever the thread timing.
 *
 * <p>With {@code demoStarts}, some machines start in legitimate but unlucky states of their walks so the suite shows
 * alerts within a minute instead of an hour: every 4th machine (index 1, 5, 9, ...) has a worn tool that fails about
 * 15 processes in, and every 4th (index 3, 7, 11, ...) runs hot (process only ~8 K above air) under a heavy load
 * (torque ~58 Nm, so speed below 1380 rpm): heat dissipation failures until the walks move on. The rules themselves
 * are unchanged.
 */
public final class Fleet {

    static final int WORN_TOOL_PROCESSES_LEFT = 15;

    private Fleet() {
    }

    /** Machines named {@code prefix01..}; names are zero-padded to at least two digits. */
    public static List<MachineModel> create(int devices, String prefix, long seed, boolean demoStarts,
                                            GenerationRules rules) {
        SplittableRandom root = new SplittableRandom(seed);
        int digits = Math.max(2, Integer.toString(devices).length());
        List<MachineModel> machines = new ArrayList<>(devices);
        for (int i = 0; i < devices; i++) {
            SplittableRandom random = root.split();
            MachineType type = MachineType.forUniform(random.nextDouble());
            StartState start = MachineModel.stationaryStart(rules, random);
            if (demoStarts) {
                start = demoStart(i, type, start);
            }
            String id = prefix + String.format("%0" + digits + "d", i + 1);
            machines.add(new MachineModel(id, type, rules, random, start));
        }
        return machines;
    }

    private static StartState demoStart(int index, MachineType type, StartState start) {
        return switch (index % 4) {
            case 1 -> {
                // This machine's current tool is one of those that fail at end of life, and it is nearly there.
                Tool tool = new Tool(start.tool().endOfLife(), true);
                int wear = Math.max(0, tool.endOfLife() - WORN_TOOL_PROCESSES_LEFT * type.wearPerProcess());
                yield new StartState(start.airDeviation(), start.processDeviation(), start.torqueZ(), wear, tool);
            }
            case 3 -> new StartState(start.airDeviation(), -2.0, 1.8, start.toolWear(), start.tool());
            default -> start;
        };
    }
}
