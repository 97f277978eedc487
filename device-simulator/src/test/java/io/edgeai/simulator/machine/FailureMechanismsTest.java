package io.edgeai.simulator.machine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FailureMechanismsTest {

    private static final GenerationRules NO_RANDOM = GenerationRules.ai4i2020().withRandomFailureProbability(0);
    private static final FailureMechanisms MECHANISMS = new FailureMechanisms(NO_RANDOM);
    private static final Tool HEALTHY_TOOL = new Tool(220, true);
    private static final SplittableRandom RANDOM = new SplittableRandom(1);

    /** A process far from every failure boundary: 10 K difference, 6.3 kW, no wear. */
    private static Reading safe(MachineType type, double air, double process, int speed, double torque, int wear) {
        return new Reading("mill-01", Instant.EPOCH, type, air, process, speed, torque, wear);
    }

    private static Reading base() {
        return safe(MachineType.L, 300.0, 310.0, 1500, 40.0, 0);
    }

    @Test
    void aProcessAwayFromEveryBoundaryDoesNotFail() {
        assertThat(MECHANISMS.evaluate(base(), HEALTHY_TOOL, RANDOM)).isEmpty();
    }

    @Test
    void heatDissipationNeedsBothASmallTemperatureDifferenceAndASlowSpindle() {
        assertThat(MECHANISMS.evaluate(safe(MachineType.L, 300.0, 308.5, 1379, 50.0, 0), HEALTHY_TOOL, RANDOM))
                .containsExactly(FailureMode.HDF);
        assertThat(MECHANISMS.evaluate(safe(MachineType.L, 300.0, 308.6, 1379, 50.0, 0), HEALTHY_TOOL, RANDOM))
                .as("difference of exactly 8.6 K is not below the limit").isEmpty();
        assertThat(MECHANISMS.evaluate(safe(MachineType.L, 300.0, 308.5, 1380, 50.0, 0), HEALTHY_TOOL, RANDOM))
                .as("1380 rpm is not below the limit").isEmpty();
    }

    @Test
    void powerFailureBelow3500WOrAbove9000W() {
        Reading low = safe(MachineType.L, 300.0, 310.0, 1600, 20.8, 0);   // 3485 W
        Reading justEnough = safe(MachineType.L, 300.0, 310.0, 1600, 21.0, 0); // 3519 W
        Reading high = safe(MachineType.L, 300.0, 310.0, 1400, 61.5, 0);  // 9016 W
        Reading justBelow = safe(MachineType.L, 300.0, 310.0, 1400, 61.3, 0); // 8987 W
        assertThat(low.power()).isLessThan(3500);
        assertThat(high.power()).isGreaterThan(9000);
        assertThat(MECHANISMS.evaluate(low, HEALTHY_TOOL, RANDOM)).containsExactly(FailureMode.PWF);
        assertThat(MECHANISMS.evaluate(high, HEALTHY_TOOL, RANDOM)).containsExactly(FailureMode.PWF);
        assertThat(MECHANISMS.evaluate(justEnough, HEALTHY_TOOL, RANDOM)).isEmpty();
        assertThat(MECHANISMS.evaluate(justBelow, HEALTHY_TOOL, RANDOM)).isEmpty();
    }

    @Test
    void overstrainLimitDependsOnTheMachineType() {
        // 200 min x 55.1 Nm = 11,020 minNm: over the L limit only.
        assertThat(MECHANISMS.evaluate(safe(MachineType.L, 300.0, 310.0, 1400, 55.1, 200), HEALTHY_TOOL, RANDOM))
                .containsExactly(FailureMode.OSF);
        assertThat(MECHANISMS.evaluate(safe(MachineType.M, 300.0, 310.0, 1400, 55.1, 200), HEALTHY_TOOL, RANDOM))
                .isEmpty();
        // 200 x 60.1 = 12,020: M fails, H does not; 200 x 65.1 = 13,020 fails H.
        assertThat(MECHANISMS.evaluate(safe(MachineType.M, 300.0, 310.0, 1400, 60.1, 200), HEALTHY_TOOL, RANDOM))
                .containsExactly(FailureMode.OSF);
        assertThat(MECHANISMS.evaluate(safe(MachineType.H, 300.0, 310.0, 1300, 60.1, 200), HEALTHY_TOOL, RANDOM))
                .isEmpty();
        assertThat(MECHANISMS.evaluate(safe(MachineType.H, 300.0, 310.0, 1300, 65.1, 200), HEALTHY_TOOL, RANDOM))
                .containsExactly(FailureMode.OSF);
        assertThat(MECHANISMS.evaluate(safe(MachineType.L, 300.0, 310.0, 1400, 55.0, 200), HEALTHY_TOOL, RANDOM))
                .as("exactly 11,000 is not above the limit").isEmpty();
    }

    @Test
    void toolWearFailureOnlyAtTheEndOfLifeOfAToolThatIsToFail() {
        assertThat(MECHANISMS.evaluate(safe(MachineType.L, 300.0, 310.0, 1500, 40.0, 218), new Tool(220, true),
                RANDOM)).isEmpty();
        assertThat(MECHANISMS.evaluate(safe(MachineType.L, 300.0, 310.0, 1500, 40.0, 220), new Tool(220, true),
                RANDOM)).containsExactly(FailureMode.TWF);
        assertThat(MECHANISMS.evaluate(safe(MachineType.L, 300.0, 310.0, 1500, 40.0, 220), new Tool(220, false),
                RANDOM)).as("a tool replaced in time does not fail").isEmpty();
    }

    @Test
    void randomFailureHappensInAboutOneProcessInAThousand() {
        FailureMechanisms always = new FailureMechanisms(NO_RANDOM.withRandomFailureProbability(1));
        assertThat(always.evaluate(base(), HEALTHY_TOOL, RANDOM)).containsExactly(FailureMode.RNF);

        FailureMechanisms published = new FailureMechanisms(GenerationRules.ai4i2020());
        SplittableRandom random = new SplittableRandom(42);
        int n = 200_000;
        long failures = 0;
        for (int i = 0; i < n; i++) {
            if (published.evaluate(base(), HEALTHY_TOOL, random).contains(FailureMode.RNF)) {
                failures++;
            }
        }
        assertThat((double) failures / n).isBetween(0.0008, 0.0012);
    }
}
