package io.edgeai.contracts.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/** Every servlet service of the suite refuses a wildcard or unparsable Content-Type with 415, never a 500. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ContentTypeAutoConfiguration {

    /** After the internal credential's filter: a caller without it learns nothing about its media types. */
    @Bean
    FilterRegistrationBean<ContentTypeServletFilter> contentTypeFilter() {
        FilterRegistrationBean<ContentTypeServletFilter> registration =
                new FilterRegistrationBean<>(new ContentTypeServletFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}
