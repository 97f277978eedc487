package io.edgeai.modelclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeai.contracts.model.Threshold;
import io.edgeai.modelclient.testsupport.FakeInferenceServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/** The client and its cache against a stand-in inference-service, with a clock the test moves. */
class ModelConfigCacheTest {

    static final FakeInferenceServer INFERENCE = FakeInferenceServer.get();

    final MovableClock clock = new MovableClock();
    final List<String> loads = new ArrayList<>();
    final List<String> failures = new ArrayList<>();
    ModelConfigClient client;
    ModelConfigCache<ModelConfig> cache;

    @BeforeEach
    void cache() {
        client = new ModelConfigClient(RestClient.builder(), new InferenceProperties(URI.create(INFERENCE.uri()),
                Duration.ofSeconds(2), Duration.ofSeconds(5)));
        cache = new ModelConfigCache<>(client, Duration.ofSeconds(5), (name, config) -> config,
                new ModelConfigCache.Listener<>() {
                    @Override
                    public void loaded(String model, ModelConfig view) {
                        loads.add(model + "@" + view.version());
                    }

                    @Override
                    public void refreshFailed(String model) {
                        failures.add(model);
                    }
                }, clock);
    }

    static String modelJson(String name, String version) {
        return """
                {"name":"%s","version":"%s","platform":"djl","labels":["machine_failure","TWF"],
                 "inputs":[{"name":"features","datatype":"FP32","shape":[-1,11]}],
                 "outputs":[{"name":"probabilities","datatype":"FP32","shape":[-1,2]}],
                 "thresholds":{"machine_failure":{"high":0.6,"low":0.2}},"evaluation":{"f1":0.9}}"""
                .formatted(name, version);
    }

    @Test
    void readsEveryPartOfModelJsonTheStagesUseAndIgnoresTheRest() {
        INFERENCE.serve("read-all", "3", modelJson("read-all", "3"));

        ModelConfig config = client.fetch("read-all", null);

        assertThat(config.version()).isEqualTo("3");
        assertThat(config.labels()).containsExactly("machine_failure", "TWF");
        assertThat(config.firstInputName("x")).isEqualTo("features");
        assertThat(config.firstOutputName()).isEqualTo("probabilities");
        assertThat(config.outputs().get(0).shape()).containsExactly(-1L, 2L);
        assertThat(config.thresholds()).containsEntry("machine_failure", new Threshold(0.6, 0.2));
        assertThat(config.featureSpec()).isNull();
    }

    @Test
    void followsTheServedVersionEveryRefreshAndRebuildsOnlyOnAChange() {
        INFERENCE.serve("follow", "1", modelJson("follow", "1"));
        assertThat(cache.get("follow", null).version()).isEqualTo("1");

        INFERENCE.serve("follow", "2", modelJson("follow", "2"));
        clock.advance(Duration.ofSeconds(4));
        assertThat(cache.get("follow", null).version()).as("still trusted within the refresh").isEqualTo("1");

        clock.advance(Duration.ofSeconds(2));
        assertThat(cache.get("follow", null).version()).isEqualTo("2");
        clock.advance(Duration.ofSeconds(6));
        assertThat(cache.get("follow", null).version()).isEqualTo("2");
        assertThat(loads).containsExactly("follow@1", "follow@2");
    }

    @Test
    void aRecheckAsksAtOnce() {
        INFERENCE.serve("recheck", "1", modelJson("recheck", "1"));
        cache.get("recheck", null);
        INFERENCE.serve("recheck", "2", modelJson("recheck", "2"));
        clock.advance(Duration.ofMillis(1));

        assertThat(cache.get("recheck", null, true).version()).isEqualTo("2");
    }

    @Test
    void keepsTheLastKnownConfigWhileInferenceIsDownButFailsWithoutOne() {
        INFERENCE.serve("down", "1", modelJson("down", "1"));
        cache.get("down", null);
        INFERENCE.refuse("down", true);
        try {
            clock.advance(Duration.ofSeconds(10));
            assertThat(cache.get("down", null).version()).isEqualTo("1");
            assertThat(failures).containsExactly("down");
            assertThatThrownBy(() -> cache.get("broken", null)).isInstanceOf(ModelUnavailableException.class);
        } finally {
            INFERENCE.refuse("down", false);
        }
    }

    @Test
    void pinnedVersionsAreKeptForGoodAndUnknownOnesAreNamed() {
        INFERENCE.serve("pinned", "1", modelJson("pinned", "1"));
        INFERENCE.serve("pinned", "2", modelJson("pinned", "2"));
        assertThat(cache.get("pinned", "1").version()).isEqualTo("1");
        INFERENCE.refuse("pinned", true);
        try {
            assertThat(cache.get("pinned", "1").version()).isEqualTo("1");
        } finally {
            INFERENCE.refuse("pinned", false);
        }
        assertThatThrownBy(() -> cache.get("pinned", "9")).isInstanceOf(UnknownModelException.class)
                .hasMessage("unknown version 9 of model pinned");
        assertThatThrownBy(() -> cache.get("nobody", null)).isInstanceOf(UnknownModelException.class)
                .hasMessage("unknown model nobody");
    }

    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {

        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
