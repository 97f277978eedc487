package io.edgeai.contracts.web;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Server defaults every service of the suite shares ({@link KeepAlive}), added with the lowest precedence so a
 * service's application.yml, the environment or the command line can still override each one.
 */
public class SuiteServerDefaults implements EnvironmentPostProcessor {

    static final String SOURCE = "edgeSuiteServerDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of(
                "server.tomcat.keep-alive-timeout", KeepAlive.SERVER_IDLE.toMillis() + "ms",
                "server.tomcat.max-keep-alive-requests", "-1",
                "server.tomcat.accept-count", String.valueOf(KeepAlive.SERVER_ACCEPT_BACKLOG),
                "server.netty.idle-timeout", KeepAlive.SERVER_IDLE.toMillis() + "ms",
                "server.netty.max-keep-alive-requests", "-1")));
    }
}
