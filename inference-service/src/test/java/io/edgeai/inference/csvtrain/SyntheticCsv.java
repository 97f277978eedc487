package io.edgeai.inference.csvtrain;

import java.util.Locale;
import java.util.Random;

/**
 * Made-up site data with its own column names and label semantics (not AI4I's): a bearing temperature in °C and a
 * vibration in mm/s per unit; a unit overheats above 80 °C, jams above 7 mm/s.
 */
public final class SyntheticCsv {

    public static final String HEADER = "unit_id,ts,bearing_temp_c,vibration_mm_s,line,status";

    private SyntheticCsv() {
    }

    /** {@code rows} rows over 12 units, lines A and B; status OK, OVERHEAT or JAM. */
    public static String site(int rows, long seed) {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < rows; i++) {
            double temp = 60 + r.nextGaussian() * 12;
            double vib = 5 + r.nextGaussian() * 1.5;
            String status = temp > 80 ? "OVERHEAT" : vib > 7 ? "JAM" : "OK";
            b.append(String.format(Locale.ROOT, "U%02d,%d,%.2f,%.3f,%s,%s%n", i % 12, 1_700_000_000 + i * 60, temp, vib,
                    i % 3 == 0 ? "A" : "B", status));
        }
        return b.toString();
    }

    /** The binary mapping: overheating is the fault. */
    public static String binaryMapping() {
        return """
                {"features": [{"column": "bearing_temp_c", "name": "bearing_temperature", "unit": "degC"},
                              {"column": "vibration_mm_s", "name": "vibration"},
                              {"column": "line", "type": "categorical"}],
                 "label": {"column": "status", "faultValues": ["OVERHEAT"], "name": "overheat"},
                 "group": "unit_id", "time": "ts", "epochs": 40}""";
    }
}
