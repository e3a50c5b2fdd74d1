package com.smoft.crm.scoring;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Where user-facing sentences come from: the {@code i18n/messages} bundles, French by default and
 * English on request. The service passes Spring's {@code MessageSource}; library users get
 * {@link #bundled()}, which reads the same files.
 */
@FunctionalInterface
public interface Texts {

    /** The product's default language. */
    Locale DEFAULT_LOCALE = Locale.FRENCH;

    /**
     * The language a text is given in: English when asked for, French for anything else. Only these two ever
     * reach a message source, so no cache, ours, Spring's or the JDK's, grows with what callers send.
     */
    static Locale supported(Locale locale) {
        return locale != null && Locale.ENGLISH.getLanguage().equals(locale.getLanguage())
                ? Locale.ENGLISH
                : DEFAULT_LOCALE;
    }

    /** The bundles' base name on the classpath. */
    String BUNDLE = "i18n/messages";

    /**
     * The sentence of a key in a language, with its arguments filled in ({@link MessageFormat} syntax).
     *
     * @param key    message key, e.g. {@code recommendation.hot}
     * @param args   arguments, or {@code null} for none
     * @param locale the wanted language, one of {@link #supported(Locale)}'s two
     */
    String get(String key, Object[] args, Locale locale);

    /** Texts read straight from the bundles, without Spring. */
    static Texts bundled() {
        return (key, args, locale) -> {
            ResourceBundle bundle = ResourceBundle.getBundle(
                    BUNDLE,
                    supported(locale),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            String pattern = bundle.getString(key);
            // Every sentence is a MessageFormat pattern, arguments or not (a quote is written ''), as Spring reads them
            // with spring.messages.always-use-message-format.
            return new MessageFormat(pattern, bundle.getLocale()).format(args == null ? new Object[0] : args);
        };
    }
}
