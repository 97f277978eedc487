package io.edgeai.simulator.machine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FleetTest {

    @Test
    void typesAreDrawn60To30To10Percent() {
        Map<MachineType, Integer> counts = new EnumMap<>(MachineType.class);
        Fleet.create(5000, "m-", 11, false, GenerationRules.ai4i2020())
                .forEach(m -> counts.merge(m.type(), 1, Integer::sum));
        assertThat(counts.get(MachineType.L) / 5000.0).isBetween(0.57, 0.63);
        assertThat(counts.get(MachineType.M) / 5000.0).isBetween(0.27, 0.33);
        assertThat(counts.get(MachineType.H) / 5000.0).isBetween(0.08, 0.12);
    }

    @Test
    void devicesAreNamedWithThePrefixAndTwoDigits() {
        List<MachineModel> fleet = Fleet.create(20, "mill-", 1, true, GenerationRules.ai4i2020());
        assertThat(fleet).extracting(MachineModel::deviceId).startsWith("mill-01", "mill-02").endsWith("mill-20");
    }

    @Test
    void theDefaultDemoFleetShowsSustainedFailuresWithinAMinute() {
        // 60 processes per machine = one minute at the default interval. Alerts need 3 highs in 5 readings, so look
        // for runs, not just single failures.
        for (long seed : new long[] {2020, 1, 2, 3}) {
            Set<FailureMode> modes = EnumSet.noneOf(FailureMode.class);
            int machinesWithARun = 0;
            for (MachineModel m : Fleet.create(20, "mill-", seed, true, GenerationRules.ai4i2020())) {
                List<Boolean> failed = new ArrayList<>();
                for (int i = 0; i < 60; i++) {
                    SimulatedProcess p = m.next(Instant.ofEpochSecond(i));
                    modes.addAll(p.failures());
                    failed.add(p.failed());
                }
                if (hasThreeInFive(failed)) {
                    machinesWithARun++;
                }
            }
            assertThat(modes).as("seed %d", seed).contains(FailureMode.TWF, FailureMode.HDF);
            assertThat(machinesWithARun).as("seed %d", seed).isGreaterThanOrEqualTo(2);
        }
    }

    private static boolean hasThreeInFive(List<Boolean> failed) {
        for (int i = 0; i + 5 <= failed.size(); i++) {
            if (failed.subList(i, i + 5).stream().filter(b -> b).count() >= 3) {
                return true;
            }
        }
        return false;
    }
}
