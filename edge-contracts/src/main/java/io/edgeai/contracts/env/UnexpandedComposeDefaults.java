package io.edgeai.contracts.env;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * An environment variable whose value is a compose file's default expression left unexpanded, such as
 * {@code ${EDGE_SHARD_ENCRYPTION_KEY:-}}, is read as that default (here: empty). podman-compose 1.0.3 passes
 * {@code ${VAR:-}} with an empty default through literally; Spring would then read it as a placeholder of itself and
 * refuse to start ("circular placeholder reference"). Only the shell forms {@code ${NAME:-default}} and
 * {@code ${NAME-default}} are taken: Spring's own {@code ${name:default}} in a variable keeps its meaning.
 */
public class UnexpandedComposeDefaults implements EnvironmentPostProcessor, Ordered {

    /**
     * Name of the property source holding the corrected values, ahead of the system environment; the suffix makes
     * Boot bind it with the environment's relaxed names too ({@code EDGE_X_Y} for {@code edge.x.y}).
     */
    public static final String SOURCE_NAME = "unexpandedComposeDefaults-"
            + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;

    private static final Pattern SHELL_DEFAULT = Pattern.compile("^\\$\\{[A-Za-z_][A-Za-z0-9_]*:?-(.*)}$",
            Pattern.DOTALL);

    private final Log log;

    public UnexpandedComposeDefaults(DeferredLogFactory logs) {
        this.log = logs.getLog(UnexpandedComposeDefaults.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        PropertySource<?> system = environment.getPropertySources()
                .get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        if (!(system instanceof EnumerablePropertySource<?> variables)) {
            return;
        }
        Map<String, Object> corrected = new LinkedHashMap<>();
        for (String name : variables.getPropertyNames()) {
            if (variables.getProperty(name) instanceof String value) {
                Matcher m = SHELL_DEFAULT.matcher(value.strip());
                if (m.matches()) {
                    corrected.put(name, m.group(1));
                    log.warn("Environment variable " + name + " holds an unexpanded compose default (" + value
                            + "); using its default '" + m.group(1) + "' (podman-compose 1.0.3 does this)");
                }
            }
        }
        if (!corrected.isEmpty()) {
            environment.getPropertySources().addBefore(system.getName(),
                    new SystemEnvironmentPropertySource(SOURCE_NAME, corrected));
        }
    }

    /** After Boot has replaced the system environment source with its origin-aware one, before config data. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 5;
    }
}
