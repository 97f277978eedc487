package io.edgeai.gateway.security;

import io.edgeai.gateway.config.TlsProperties;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Serves the gateway's port over TLS when {@code edge.tls} names the key material ({@link TlsProperties}). */
@Configuration(proxyBeanMethods = false)
public class TlsServerConfiguration {

    static final String BUNDLE = "edge-gateway";

    @Bean
    WebServerFactoryCustomizer<ConfigurableWebServerFactory> edgeTls(TlsProperties tls) {
        return factory -> {
            if (!tls.enabled()) {
                return;
            }
            Ssl ssl = new Ssl();
            ssl.setBundle(BUNDLE);
            factory.setSsl(ssl);
            factory.setSslBundles(new DefaultSslBundleRegistry(BUNDLE, tls.bundle()));
            LoggerFactory.getLogger(TlsServerConfiguration.class).info("HTTPS only, key from {}",
                    tls.certificate() != null ? tls.certificate() : tls.keyStore());
        };
    }
}
