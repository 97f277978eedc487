package io.edgeai.contracts.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class UnexpandedComposeDefaultsTest {

    @Test
    void anUnexpandedEmptyComposeDefaultResolvesToEmptyInsteadOfACircularPlaceholder() {
        StandardEnvironment env = environment(Map.of("EDGE_SHARD_ENCRYPTION_KEY", "${EDGE_SHARD_ENCRYPTION_KEY:-}"));

        assertThat(env.resolveRequiredPlaceholders("[${EDGE_SHARD_ENCRYPTION_KEY:}]")).isEqualTo("[]");
    }

    @Test
    void theShellDefaultIsUsedAndRelaxedBindingSeesIt() {
        StandardEnvironment env = environment(Map.of("EDGE_SHARD_COUNT", "${EDGE_SHARD_COUNT-16}",
                "EDGE_RETENTION_MAX_AGE", " ${EDGE_RETENTION_MAX_AGE:-90d} "));

        assertThat(env.getProperty("EDGE_SHARD_COUNT")).isEqualTo("16");
        assertThat(env.getProperty("EDGE_RETENTION_MAX_AGE")).isEqualTo("90d");
        assertThat(Binder.get(env).bind("edge.shard.count", Integer.class).get()).isEqualTo(16);
    }

    @Test
    void ordinaryValuesAndSpringPlaceholdersAreLeftAlone() {
        StandardEnvironment env = environment(Map.of("EDGE_INTERNAL_TOKEN", "abc", "EDGE_FROM", "${EDGE_TO:x}",
                "EDGE_TO", "y"));

        assertThat(env.getPropertySources().contains(UnexpandedComposeDefaults.SOURCE_NAME)).isFalse();
        assertThat(env.getProperty("EDGE_INTERNAL_TOKEN")).isEqualTo("abc");
        assertThat(env.getProperty("EDGE_FROM")).isEqualTo("y");
    }

    private static StandardEnvironment environment(Map<String, Object> variables) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        variables));
        new UnexpandedComposeDefaults(new DeferredLogs()).postProcessEnvironment(env, new SpringApplication());
        return env;
    }
}
