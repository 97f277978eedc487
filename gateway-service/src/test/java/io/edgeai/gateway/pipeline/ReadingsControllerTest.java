package io.edgeai.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.edgeai.contracts.Reading;
import java.util.List;
import org.mockito.ArgumentCaptor;
import reactor.core.publisher.Mono;

import io.edgeai.gateway.config.PipelineProperties;
import io.edgeai.gateway.spool.Spool;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.WebFilter;

/**
 * What the readings endpoint refuses before any stage runs: a bad device id, readings of another device, a bad or
 * contradictory model name, too many readings, unreadable JSON, and anything while the spool is full. Each answer
 * names the field (or says retry later), and nothing reaches the pipeline. Scoring and storing are
 * IngestPipelineTest's; the API-key filters are GatewaySecurityTest's.
 */
@WebFluxTest(controllers = ReadingsController.class, properties = "edge.pipeline.max-readings=2",
        excludeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = WebFilter.class))
@EnableConfigurationProperties(PipelineProperties.class)
class ReadingsControllerTest {

    static final String READING = IngestPipelineTest.reading("2026-01-01T00:00:00Z", 40);

    @Autowired
    WebTestClient client;

    @MockitoBean
    IngestBatcher pipeline;

    @MockitoBean
    Spool spool;

    @Test
    @SuppressWarnings("unchecked")
    void everyShapeReachesThePipelineAsTheSameRecordsWithThePathsDevice() {
        when(pipeline.ingest(anyString(), any(), any())).thenReturn(Mono.empty());
        String anonymous = READING.replace("\"deviceId\":\"mill-01\",", "");
        post("/api/v1/devices/mill-01/readings", READING).expectStatus().isOk();
        post("/api/v1/devices/mill-01/readings", anonymous).expectStatus().isOk();
        post("/api/v1/devices/mill-01/readings", "{\"readings\": [" + anonymous + "]}").expectStatus().isOk();
        post("/api/v1/devices/mill-01/readings", "  [" + READING + "]").expectStatus().isOk();
        // Unknown fields take the tree path, which ignores them as it always did.
        post("/api/v1/devices/mill-01/readings", "{\"note\": 1, \"readings\": [" + READING + "]}")
                .expectStatus().isOk();
        ArgumentCaptor<List<Reading>> readings = ArgumentCaptor.forClass(List.class);
        verify(pipeline, times(5)).ingest(eq("mill-01"), isNull(), readings.capture());
        assertThat(readings.getAllValues()).allSatisfy(batch -> assertThat(batch).hasSize(1)
                .first().satisfies(r -> {
                    assertThat(r.deviceId()).isEqualTo("mill-01");
                    assertThat(r.timestamp()).hasToString("2026-01-01T00:00:00Z");
                    assertThat(r.sensors().get("torque").value()).isEqualTo(40.0);
                }));
        assertThat(readings.getAllValues()).containsOnly(readings.getValue());
    }

    @Test
    void theModelMayComeFromTheBodyOrTheQueryButMustBeAString() {
        when(pipeline.ingest(anyString(), any(), any())).thenReturn(Mono.empty());
        post("/api/v1/devices/mill-01/readings?model=pump", "{\"model\":\"pump\",\"readings\":[" + READING + "]}")
                .expectStatus().isOk();
        post("/api/v1/devices/mill-01/readings?model=pump", READING).expectStatus().isOk();
        verify(pipeline, times(2)).ingest(eq("mill-01"), eq("pump"), any());
        post("/api/v1/devices/mill-01/readings", "{\"model\":5,\"readings\":[" + READING + "]}")
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("model");
    }

    @Test
    void aBodyAboveTheCodecsDefaultOf256kBIsReadWhole() {
        when(pipeline.ingest(anyString(), any(), any())).thenReturn(Mono.empty());
        post("/api/v1/devices/mill-01/readings", READING + " ".repeat(600 * 1024)).expectStatus().isOk();
        verify(pipeline).ingest(eq("mill-01"), isNull(), any());
    }

    @Test
    void aValueOfTheWrongTypeIsNamed() {
        post("/api/v1/devices/mill-01/readings", "[" + READING.replace("40.0", "\"forty\"") + "]")
                .expectStatus().isEqualTo(400)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("readings[0].sensors.torque.value");
        verifyNoInteractions(pipeline);
    }

    @Test
    void readingsOfAnotherDeviceOrABadIdAreRefused() {
        post("/api/v1/devices/mill-09/readings", READING).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("readings[0].deviceId");
        post("/api/v1/devices/bad id/readings", READING).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("deviceId");
        post("/api/v1/devices/mill-01/readings", "{\"readings\": [").expectStatus().isEqualTo(400)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("body");
        verifyNoInteractions(pipeline);
    }

    @Test
    void aBadOrContradictoryModelNameIsRefused() {
        post("/api/v1/devices/mill-01/readings?model=other", "{\"model\":\"pump-health\",\"readings\":["
                + READING + "]}").expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("model");
        post("/api/v1/devices/mill-01/readings?model=" + "m".repeat(65), READING).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("model");
        verifyNoInteractions(pipeline);
    }

    @Test
    void moreReadingsThanABatchMayHoldAreRefusedWhole() {
        post("/api/v1/devices/mill-01/readings", "[" + READING + "," + READING + "," + READING + "]")
                .expectStatus().isEqualTo(422)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("readings");
        verifyNoInteractions(pipeline);
    }

    @Test
    void aFullSpoolRefusesNewReadingsWith503UntilDataShardCatchesUp() {
        when(spool.isFull()).thenReturn(true);
        when(spool.capacityBytes()).thenReturn(256L * 1024 * 1024);
        post("/api/v1/devices/mill-01/readings", READING)
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals("Retry-After", "30")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.title").isEqualTo("Storage backlog full");
        verifyNoInteractions(pipeline);
    }

    private WebTestClient.ResponseSpec post(String uri, String body) {
        return client.post().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }
}
