package com.smoft.crm.system;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * The language of the texts, from {@code Accept-Language} by Spring's resolver: English when the caller prefers it to
 * French, French otherwise. Only those two locales ever leave it, so no cache anywhere is keyed by what a caller
 * invents. One instance serves Spring MVC ({@link WebConfiguration}) and Tomcat's own error answers
 * ({@link ProblemErrorReportValve}), which Tomcat makes outside the application context.
 */
final class Languages extends AcceptHeaderLocaleResolver {

    /** The resolver every answer's language comes from. */
    static final Languages RESOLVER = new Languages();

    private Languages() {
        setSupportedLocales(List.of(Locale.FRENCH, Locale.ENGLISH));
        setDefaultLocale(Locale.FRENCH);
    }

    /**
     * Spring's resolution, but for a header that names no language (only {@code q=0}, or unreadable): Tomcat then
     * reports the JVM's own locale as the caller's, English on most servers; such a caller gets French, as one
     * sending no header does.
     */
    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        return namesALanguage(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE))
                ? super.resolveLocale(request)
                : getDefaultLocale();
    }

    private static boolean namesALanguage(String header) {
        try {
            return header != null
                    && Locale.LanguageRange.parse(header).stream().anyMatch(range -> range.getWeight() > 0);
        } catch (IllegalArgumentException unreadable) {
            return false;
        }
    }
}
