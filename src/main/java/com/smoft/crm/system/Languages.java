package com.smoft.crm.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * The language of the texts, from {@code Accept-Language}: English when the caller prefers it to French, French
 * otherwise (RFC 4647 lookup among the two, as Spring's resolver does). Only those two locales ever leave it, so no
 * cache anywhere is keyed by what a caller invents. One instance serves Spring MVC ({@link WebConfiguration}) and
 * Tomcat's own error answers ({@link ProblemErrorReportValve}), which Tomcat makes outside the application context.
 *
 * <p>The header is read here, never by Tomcat's own parser: that one refuses a header of more than ten languages with
 * an exception, which a browser set up with a few regional languages sends, so {@link #filter()} gives every request
 * the locale read here.
 */
final class Languages extends AcceptHeaderLocaleResolver {

    /** The locales the texts exist in, the first the default. */
    private static final List<Locale> SUPPORTED = List.of(Locale.FRENCH, Locale.ENGLISH);

    /** The resolver every answer's language comes from. */
    static final Languages RESOLVER = new Languages();

    private Languages() {
        setSupportedLocales(SUPPORTED);
        setDefaultLocale(Locale.FRENCH);
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        return of(header(request));
    }

    /** Every {@code Accept-Language} line of a request as one list, as HTTP reads repeated lines. */
    static String header(HttpServletRequest request) {
        Enumeration<String> lines = request.getHeaders(HttpHeaders.ACCEPT_LANGUAGE);
        return lines == null ? null : String.join(", ", Collections.list(lines));
    }

    /** French or English for an {@code Accept-Language} header; French when it names neither or cannot be read. */
    static Locale of(String header) {
        if (header == null || header.isBlank()) {
            return Locale.FRENCH;
        }
        try {
            Locale found = Locale.lookup(Locale.LanguageRange.parse(header), SUPPORTED);
            return found == null ? Locale.FRENCH : found;
        } catch (IllegalArgumentException unreadable) {
            return Locale.FRENCH;
        }
    }

    /** A filter, first of all, that answers {@code getLocale()} with the locale read here, for every later reader. */
    static OncePerRequestFilter filter() {
        return new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilterErrorDispatch() {
                return false;
            }

            @Override
            protected boolean shouldNotFilterAsyncDispatch() {
                return false;
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                Locale locale = of(header(request));
                chain.doFilter(
                        new HttpServletRequestWrapper(request) {
                            @Override
                            public Locale getLocale() {
                                return locale;
                            }

                            @Override
                            public Enumeration<Locale> getLocales() {
                                return Collections.enumeration(List.of(locale));
                            }
                        },
                        response);
            }
        };
    }
}
