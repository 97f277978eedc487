package io.edgeai.hub.config;

import io.edgeai.contracts.security.InternalCredential;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The hub is not one of a site's internal services: sites reach it over the uplink with their own keys
 * ({@code SiteKeys}), never with a site's internal credential, so the suite's internal-credential filter is given an
 * empty credential here and enforces nothing.
 */
@Configuration(proxyBeanMethods = false)
public class HubCredentialConfiguration {

    @Bean
    InternalCredential internalCredential() {
        return new InternalCredential("");
    }
}
