package com.smoft.crm.system;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Bean;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Web plumbing: ReDoc at {@code /redoc}, the OpenAPI document also at {@code /openapi.json}, French or English from {@code Accept-Language}, and the admission
 * of batches. CORS is set with the security chain ({@link SecurityConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final CrmProperties properties;

    WebConfiguration(CrmProperties properties) {
        this.properties = properties;
    }

    /**
     * The language of the texts, from {@code Accept-Language} by Spring's resolver: English when the caller prefers
     * it to French, French otherwise. Only those two locales ever leave it, so no cache anywhere is keyed by what a
     * caller invents.
     */
    @Bean
    LocaleResolver localeResolver() {
        AcceptHeaderLocaleResolver resolver = new FrenchUnlessNamed();
        resolver.setSupportedLocales(List.of(Locale.FRENCH, Locale.ENGLISH));
        resolver.setDefaultLocale(Locale.FRENCH);
        return resolver;
    }

    /**
     * Spring's resolver, but for a header that names no language (only {@code q=0}, or unreadable): Tomcat then
     * reports the JVM's own locale as the caller's, English on most servers; such a caller gets French, as one
     * sending no header does.
     */
    private static final class FrenchUnlessNamed extends AcceptHeaderLocaleResolver {

        @Override
        public Locale resolveLocale(HttpServletRequest request) {
            return namesALanguage(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE)) ? super.resolveLocale(request)
                    : getDefaultLocale();
        }

        private static boolean namesALanguage(String header) {
            try {
                return header != null && Locale.LanguageRange.parse(header).stream().anyMatch(range -> range.getWeight() > 0);
            } catch (IllegalArgumentException unreadable) {
                return false;
            }
        }
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
        registry.addInterceptor(new BatchAdmission(properties.batch().concurrentBatches())).addPathPatterns("/api/batch_score");
    }
}
