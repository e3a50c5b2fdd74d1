package com.smoft.crm.system;

import org.apache.catalina.core.StandardHost;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;

/** What stands between the network and the scorer, besides the security chain: request log, body limits, JSON by default, JSON limits. */
@Configuration(proxyBeanMethods = false)
class ProtectionConfiguration {

    /** Before anything reads the caller's locale: Tomcat's own parser refuses headers of more than ten languages. */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> languageFilter() {
        var registration = new FilterRegistrationBean<>(Languages.filter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestLogFilter> requestLogFilter() {
        var registration = new FilterRegistrationBean<>(new RequestLogFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
            CrmProperties properties, FilterProblems problems) {
        var registration = new FilterRegistrationBean<>(new RequestBodyLimitFilter(properties.limits(), problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    @Bean
    FilterRegistrationBean<JsonByDefaultFilter> jsonByDefaultFilter() {
        var registration = new FilterRegistrationBean<>(new JsonByDefaultFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return registration;
    }

    /** Tomcat's own error answers as problem+json (see {@link ProblemErrorReportValve}). */
    @Bean
    TomcatContextCustomizer problemErrorReports() {
        return context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        };
    }

    /**
     * Chunk extensions and trailers, which no client of this API sends, are refused as soon as they begin: Tomcat reads
     * them inside one read of the body, where neither the minimum rate nor the body deadline is checked, so a sender
     * trickling one (8 KB allowed by default) held its connection and a body place for hours.
     */
    @Bean
    TomcatConnectorCustomizer noChunkExtensionsOrTrailers() {
        return connector -> {
            if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
                http.setMaxExtensionSize(0);
                // The end of the trailer section, an empty line, is all a trailer may hold.
                http.setMaxTrailerSize(2);
            }
        };
    }

    /** A body refused for how it arrives is not read to its end: see {@link UnreadBodyValve}. */
    @Bean
    TomcatContextCustomizer unreadBodies() {
        return context -> context.getPipeline().addValve(new UnreadBodyValve());
    }

    /** JSON limits, and a key given twice in one object is an error rather than the last one silently winning. */
    @Bean
    JsonFactoryBuilderCustomizer jsonLimits(CrmProperties properties) {
        var limits = properties.limits();
        return factory -> factory.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.jsonMaxDepth())
                        .maxStringLength(limits.jsonMaxStringLength())
                        .maxNumberLength(limits.jsonMaxNumberLength())
                        .build());
    }
}
