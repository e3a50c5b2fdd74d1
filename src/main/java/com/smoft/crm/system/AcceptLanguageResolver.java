package com.smoft.crm.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Reads {@code Accept-Language} into one of the two languages the service speaks: English when English is
 * the caller's most wanted language among French and English, French otherwise (no header, another
 * language only, {@code en;q=0}, or a header that does not parse). Only those two locales ever leave here,
 * so no cache anywhere is keyed by what a caller invents.
 */
final class AcceptLanguageResolver implements LocaleResolver {

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        return resolve(request.getHeader("Accept-Language"));
    }

    static Locale resolve(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return Locale.FRENCH;
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(acceptLanguage);
        } catch (IllegalArgumentException unparseable) {
            return Locale.FRENCH;
        }
        // parse() lists ranges by descending weight: the first that names French or English decides.
        for (Locale.LanguageRange range : ranges) {
            if (range.getWeight() == 0) {
                continue;
            }
            String language = range.getRange();
            if (language.equals("en") || language.startsWith("en-")) {
                return Locale.ENGLISH;
            }
            if (language.equals("fr") || language.startsWith("fr-") || language.equals("*")) {
                return Locale.FRENCH;
            }
        }
        return Locale.FRENCH;
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        throw new UnsupportedOperationException("The language comes from Accept-Language only.");
    }
}
