package io.edgeai.contracts.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.UrlResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

class SuiteServerDefaultsTest {

    @Test
    void everyServiceKeepsConnectionsLongerThanItsClientsAndAServiceMayStillOverrideIt() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("service",
                Map.of("server.tomcat.accept-count", "50")));
        new SuiteServerDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("server.tomcat.max-keep-alive-requests")).isEqualTo("-1");
        assertThat(environment.getProperty("server.tomcat.keep-alive-timeout")).isEqualTo("60000ms");
        assertThat(environment.getProperty("server.tomcat.accept-count")).isEqualTo("50");
        assertThat(KeepAlive.CLIENT_IDLE).isLessThan(KeepAlive.SERVER_IDLE.dividedBy(2));
    }

    @Test
    void itIsRegisteredForEveryBootApplication() throws IOException {
        List<String> registered = new ArrayList<>();
        for (URL factories : Collections.list(getClass().getClassLoader().getResources("META-INF/spring.factories"))) {
            registered.add(String.valueOf(PropertiesLoaderUtils.loadProperties(new UrlResource(factories))
                    .getProperty(EnvironmentPostProcessor.class.getName())));
        }
        assertThat(registered).anyMatch(names -> names.contains(SuiteServerDefaults.class.getName()));
    }
}
