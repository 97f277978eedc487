package io.edgeai.contracts.json;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import tools.jackson.core.StreamWriteFeature;

/**
 * The JSON settings every service of the suite shares, applied to Boot's {@code JsonMapper} (and so to every
 * request and answer body it reads or writes).
 *
 * <p>Numbers are most of the wire: feature rows, probabilities and sensor values cross four hops per reading. The
 * JDK's {@code Double.toString} (Jackson's default writer on Java 17) took a visible share of the gateway's CPU in
 * a profile; Jackson's fast writer (Schubfach) prints the shortest text that reads back as the same number, so the
 * values on the wire are unchanged and the text is never longer.
 */
@AutoConfiguration
@ConditionalOnClass(JsonMapperBuilderCustomizer.class)
public class JsonWireAutoConfiguration {

    @Bean
    JsonMapperBuilderCustomizer edgeWireJsonCustomizer() {
        return builder -> builder.enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER);
    }
}
