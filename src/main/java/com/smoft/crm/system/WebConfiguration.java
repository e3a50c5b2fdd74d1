package com.smoft.crm.system;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Web plumbing: ReDoc at {@code /redoc}, the OpenAPI document also at {@code /openapi.json}, French or English from {@code Accept-Language}, the admission
 * of batches, and the problems of filters answered by Spring MVC. CORS is set with the security chain ({@link SecurityConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final BatchAdmission batchAdmission;

    WebConfiguration(BatchAdmission batchAdmission) {
        this.batchAdmission = batchAdmission;
    }

    /** Named so, the dispatcher uses it instead of Spring's default resolver: French or English, nothing else. */
    @Bean
    LocaleResolver localeResolver() {
        return Languages.RESOLVER;
    }

    /** Refusals decided in filters, answered by Spring MVC's exception handling (see {@link FilterProblems}). */
    @Bean
    FilterProblems filterProblems(
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver, LocaleResolver locales) {
        return new FilterProblems(resolver, locales);
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/redoc").setViewName("forward:/redoc/index.html");
        // The original (FastAPI) served its OpenAPI document here; its users' tools may still ask for it.
        registry.addViewController("/openapi.json").setViewName("forward:/v3/api-docs");
        // Browsers ask for /favicon.ico on every page without an icon of its own (Swagger UI, ReDoc): the page's icon.
        registry.addViewController("/favicon.ico").setViewName("forward:/favicon.svg");
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(batchAdmission).addPathPatterns("/api/batch_score");
    }
}
