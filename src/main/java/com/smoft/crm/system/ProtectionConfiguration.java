package com.smoft.crm.system;

import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.databind.json.JsonMapper;

/** What stands between the network and the scorer: request log, size limits, JSON limits, API keys. */
@Configuration(proxyBeanMethods = false)
class ProtectionConfiguration {

    @Bean
    FilterRegistrationBean<RequestLogFilter> requestLogFilter() {
        var registration = new FilterRegistrationBean<>(new RequestLogFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestSizeFilter> requestSizeFilter(CrmProperties properties, JsonMapper mapper) {
        var registration = new FilterRegistrationBean<>(
                new RequestSizeFilter(properties.limits().maxRequestSize().toBytes(), mapper));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(CrmProperties properties, JsonMapper mapper) {
        var registration = new FilterRegistrationBean<>(new ApiKeyFilter(properties.security().apiKeys(), mapper));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        registration.setEnabled(properties.security().keysRequired());
        return registration;
    }

    @Bean
    JsonFactoryBuilderCustomizer jsonLimits(CrmProperties properties) {
        var limits = properties.limits();
        return factory -> factory.streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(limits.jsonMaxDepth())
                .maxStringLength(limits.jsonMaxStringLength())
                .maxNumberLength(limits.jsonMaxNumberLength())
                .build());
    }
}
