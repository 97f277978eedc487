package io.edgeai.modelclient.testsupport;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * Base of a stage's API test: the service runs on a random port (the subclass says
 * {@code @SpringBootTest(webEnvironment = RANDOM_PORT)}) against the {@link FakeInferenceServer}, and {@link #http}
 * calls it, handing back every status so tests assert on 4xx and 5xx answers too.
 */
public abstract class RunningServiceTest {

    protected static final FakeInferenceServer INFERENCE = FakeInferenceServer.get();

    @LocalServerPort
    protected int port;
    protected RestClient http;

    @DynamicPropertySource
    static void inference(DynamicPropertyRegistry registry) {
        registry.add("edge.inference.uri", INFERENCE::uri);
    }

    @BeforeEach
    void client() {
        http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }
}
