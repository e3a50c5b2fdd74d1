package com.smoft.crm.scoring;

import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The sentence a rep reads for each segment, French by default and English on request.
 * Texts live in the {@code i18n/messages} bundles, shared with the web layer.
 */
public final class Recommendations {

    /** The product's default language. */
    public static final Locale DEFAULT_LOCALE = Locale.FRENCH;

    private static final String BUNDLE = "i18n/messages";

    private Recommendations() {
    }

    /** The recommendation for a segment in the given language (French when the language is not supported). */
    public static String of(Segment segment, Locale locale) {
        return bundle(locale).getString("recommendation." + segment.name().toLowerCase(Locale.ROOT));
    }

    static ResourceBundle bundle(Locale locale) {
        Locale wanted = locale == null ? DEFAULT_LOCALE : locale;
        return ResourceBundle.getBundle(BUNDLE, wanted, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
    }
}
