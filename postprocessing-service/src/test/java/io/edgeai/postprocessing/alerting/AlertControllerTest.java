package io.edgeai.postprocessing.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeai.contracts.ReadingMetadata;
import io.edgeai.contracts.model.Threshold;
import io.edgeai.postprocessing.config.PostprocessingProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The open-alerts view a dashboard polls, on the web slice with the real alert tracker. */
@WebMvcTest(AlertController.class)
@Import({AlertTracker.class, AlertControllerTest.SliceBeans.class})
class AlertControllerTest {

    static final List<String> LABELS = List.of("machine_failure", "HDF");
    static final Threshold[] THRESHOLDS = {new Threshold(0.5, 0.3), new Threshold(0.5, 0.3)};
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Autowired
    MockMvcTester mvc;
    @Autowired
    AlertTracker tracker;
    @Autowired
    JsonMapper json;

    @Test
    void listsOpenAlertsOfOneDeviceOrOfAllSortedByDeviceAndMode() throws Exception {
        raise("press-2", 0.9, 0.9);
        raise("press-1", 0.2, 0.7);
        raise("press-3", 0.1, 0.1); // high readings never came: nothing open

        assertThat(open("")).containsExactly("press-1:HDF", "press-2:HDF", "press-2:machine_failure");
        assertThat(open("?deviceId=press-2")).containsExactly("press-2:HDF", "press-2:machine_failure");
        assertThat(open("?deviceId=press-3")).isEmpty();
        assertThat(open("?deviceId=never-seen")).isEmpty();
    }

    /** Three readings of the same probabilities: enough (k = 3) to raise what is above its high threshold. */
    private void raise(String device, double failure, double hdf) {
        for (int i = 0; i < 3; i++) {
            tracker.observe(new ReadingMetadata(device, T0.plusSeconds(i), "L"), LABELS, new double[] {failure, hdf},
                    THRESHOLDS, "ai4i-failure", "1");
        }
    }

    private List<String> open(String query) throws Exception {
        MvcTestResult result = mvc.get().uri("/api/v1/postprocessing/alerts" + query).exchange();
        assertThat(result).hasStatusOk();
        JsonNode alerts = json.readTree(result.getResponse().getContentAsString()).path("alerts");
        alerts.valueStream().forEach(a -> assertThat(a.path("event").asString()).isEqualTo("RAISED"));
        return alerts.valueStream().map(a -> a.path("deviceId").asString() + ":" + a.path("mode").asString())
                .toList();
    }

    /** What the slice lacks: the service's settings and a registry for the tracker's meters. */
    @TestConfiguration
    @EnableConfigurationProperties(PostprocessingProperties.class)
    static class SliceBeans {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}
