package io.edgeai.postprocessing.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeai.postprocessing.config.WebhookProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The dead-letter view an operator reads, on the web slice with the real dead-letter log. */
@WebMvcTest(controllers = NotificationController.class,
        properties = "edge.postprocessing.webhook.dead-letter-capacity=2")
@Import({DeadLetterLog.class, NotificationControllerTest.SliceBeans.class})
class NotificationControllerTest {

    @TempDir
    static Path dir;

    @DynamicPropertySource
    static void deadLetterFile(DynamicPropertyRegistry registry) {
        registry.add("edge.postprocessing.webhook.dead-letter-file", () -> dir.resolve("dead/letters.jsonl"));
    }

    @Autowired
    MockMvcTester mvc;
    @Autowired
    DeadLetterLog deadLetters;
    @Autowired
    JsonMapper json;

    @Test
    void listsTheNewestDeadLettersOldestFirstAndAppendsEveryOneToTheFile() throws Exception {
        for (String device : List.of("press-1", "press-2", "press-3")) {
            deadLetters.add(letter(device));
        }

        MvcTestResult result = mvc.get().uri("/api/v1/postprocessing/notifications/dead-letters").exchange();

        assertThat(result).hasStatusOk();
        JsonNode listed = json.readTree(result.getResponse().getContentAsString()).path("deadLetters");
        assertThat(listed.valueStream().map(l -> l.path("event").path("deviceId").asString()).toList())
                .as("capacity 2: the oldest is dropped from memory").containsExactly("press-2", "press-3");
        assertThat(listed.get(0).path("attempts").asInt()).isEqualTo(4);
        assertThat(listed.get(0).path("lastError").asString()).isEqualTo("503 Service Unavailable");
        List<String> lines = Files.readAllLines(dir.resolve("dead/letters.jsonl"));
        assertThat(lines).as("the file keeps every one, for replay").hasSize(3);
        assertThat(json.readValue(lines.get(0), DeadLetter.class).event().deviceId()).isEqualTo("press-1");
    }

    private DeadLetter letter(String device) {
        // read from JSON, as a replay tool would read the file
        return json.readValue("""
                {"event":{"alertId":"%1$s:HDF:2026-01-01T00:00:00Z","deviceId":"%1$s","mode":"HDF","event":"RAISED",
                 "severity":"MAJOR","probability":0.8,"threshold":0.5,"timestamp":"2026-01-01T00:00:00Z",
                 "raisedAt":"2026-01-01T00:00:00Z","machineType":"L","modelName":"ai4i-failure","modelVersion":"1"},
                 "attempts":4,"lastError":"503 Service Unavailable","failedAt":"2026-01-01T00:00:09Z"}"""
                .formatted(device), DeadLetter.class);
    }

    /** What the slice lacks: the webhook settings and a registry for the log's counter. */
    @TestConfiguration
    @EnableConfigurationProperties(WebhookProperties.class)
    static class SliceBeans {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}
