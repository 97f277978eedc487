package io.edgeai.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

class HealthProbeTest {

    @Test
    void aUrlAloneIsAGet() {
        HttpRequest get = HealthProbe.request("http://gw:8080/actuator/health/readiness",
                new String[] {"http://gw:8080/actuator/health/readiness"});

        assertThat(get.method()).isEqualTo("GET");
    }

    @Test
    void postWithHeadersSendsTheJsonWithTheKey() {
        HttpRequest post = HealthProbe.request("http://gw:8080/api/v1/devices/helm-test/readings", new String[] {
                "http://gw:8080/api/v1/devices/helm-test/readings", "--post", "{\"readings\":[]}",
                "--header", "X-API-Key=k=1"});

        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.headers().firstValue("X-API-Key")).hasValue("k=1");
        assertThat(post.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(post.bodyPublisher().orElseThrow().contentLength()).isEqualTo(15);
    }

    @Test
    void aHeaderWithoutAValueIsRefused() {
        assertThatThrownBy(() -> HealthProbe.request("http://gw", new String[] {"http://gw", "--header", "X"}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
