package io.edgeai.inference.csvtrain;

import java.util.Locale;
import java.util.Random;

/**
 * Made-up run-to-failure data: each engine runs from new until it fails after 120-320 cycles; a hidden health index
 * degrades exponentially towards the failure and shows, under noise and a per-engine offset, in three of the four
 * sensors (the fourth is noise only). The label is the cycles left, 0 on the last row.
 */
public final class RunToFailureCsv {

    public static final String HEADER = "engine,cycle,t_exhaust,p_chamber,vibration,fan_speed,rul";

    private RunToFailureCsv() {
    }

    public static String engines(int engines, long seed) {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (int e = 1; e <= engines; e++) {
            int life = 120 + r.nextInt(201);
            double rate = 3.5 + r.nextDouble() * 1.5;
            double offT = r.nextGaussian() * 0.6;
            double offP = r.nextGaussian() * 2;
            for (int t = 1; t <= life; t++) {
                double health = Math.exp(rate * ((double) t / life - 1)); // ~0 when new, 1 at failure
                b.append(String.format(Locale.ROOT, "E%03d,%d,%.2f,%.2f,%.4f,%.1f,%d%n", e, t,
                        640 + offT + 9 * health + r.nextGaussian() * 0.5,
                        1400 + offP + 40 * health + r.nextGaussian() * 3,
                        0.8 + 0.7 * health + r.nextGaussian() * 0.05,
                        2388 + r.nextGaussian() * 2, life - t));
            }
        }
        return b.toString();
    }

    /** The mapping of {@link #engines}: RUL in cycles, capped at 125. */
    public static String mapping() {
        return """
                {"features": [{"column": "t_exhaust"}, {"column": "p_chamber"}, {"column": "vibration"},
                              {"column": "fan_speed"}],
                 "label": {"column": "rul", "kind": "rul", "unit": "cycles", "cap": 125, "alertBelow": 30},
                 "group": "engine", "time": "cycle"}""";
    }
}
