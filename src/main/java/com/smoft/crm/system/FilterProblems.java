package com.smoft.crm.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Answers a refusal decided in a servlet filter (the security chain, the body limits), which runs before Spring MVC,
 * through Spring MVC's own exception resolution: the same {@code @RestControllerAdvice} builds the problem, in the
 * caller's language, as for any refusal a controller makes. There is no second way of writing a problem.
 */
public final class FilterProblems {

    private final HandlerExceptionResolver resolver;
    private final LocaleResolver locales;

    FilterProblems(HandlerExceptionResolver resolver, LocaleResolver locales) {
        this.resolver = resolver;
        this.locales = locales;
    }

    /** Writes the problem {@code refusal} stands for, and commits the answer so that nothing after replaces it. */
    public void send(HttpServletRequest request, HttpServletResponse response, Exception refusal) throws IOException {
        // An error is problem+json whatever the caller accepts or the filter's endpoint had set (the actuator's own
        // type).
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        LocaleContext previous = LocaleContextHolder.getLocaleContext();
        // Filters run before the dispatcher sets the language: the same resolver decides it here.
        LocaleContextHolder.setLocale(locales.resolveLocale(request));
        try {
            resolver.resolveException(request, response, null, refusal);
        } finally {
            LocaleContextHolder.setLocaleContext(previous);
        }
        // Sent, not closed nor given its length (either ends the request before the filters around have run).
        response.flushBuffer();
    }
}
