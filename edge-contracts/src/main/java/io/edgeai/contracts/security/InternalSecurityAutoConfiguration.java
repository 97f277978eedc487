package io.edgeai.contracts.security;

import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Makes every servlet service of the suite require the internal credential on incoming calls and send it on
 * outgoing ones (any RestClient built from Boot's RestClient.Builder). Without {@code edge.internal.token} nothing
 * is enforced and a warning says so: fine for a developer's laptop, never for a deployment.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class InternalSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    InternalCredential internalCredential(@Value("${edge.internal.token:${EDGE_INTERNAL_TOKEN:}}") String token) {
        InternalCredential credential = new InternalCredential(token);
        if (!credential.enforced()) {
            LoggerFactory.getLogger(InternalSecurityAutoConfiguration.class).warn("edge.internal.token is not set: "
                    + "this internal service accepts calls from anyone who can reach its port.");
        }
        return credential;
    }

    @Bean
    FilterRegistrationBean<InternalCredentialServletFilter> internalCredentialFilter(InternalCredential credential) {
        FilterRegistrationBean<InternalCredentialServletFilter> registration =
                new FilterRegistrationBean<>(new InternalCredentialServletFilter(credential));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** Outgoing calls between services carry the credential too. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(RestClientCustomizer.class)
    static class OutgoingCredentialConfiguration {

        @Bean
        RestClientCustomizer internalCredentialRestClientCustomizer(InternalCredential credential) {
            return builder -> {
                if (credential.enforced()) {
                    builder.defaultHeader(InternalCredential.HEADER, credential.token());
                }
            };
        }
    }
}
