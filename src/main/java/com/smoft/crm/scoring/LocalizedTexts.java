package com.smoft.crm.scoring;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-customer texts of one language, resolved once and kept: scoring a batch must not parse a
 * message pattern per customer. Next-action texts keep two slots, {@code {0}} days since the last
 * contact and {@code {1}} email open rate in percent, filled by plain substitution.
 */
final class LocalizedTexts {

    private static final String DAYS_SLOT = "\u0000days\u0000";
    private static final String OPEN_RATE_SLOT = "\u0000rate\u0000";

    private final Map<Segment, String> recommendations = new EnumMap<>(Segment.class);
    private final Map<String, String> actionTemplates = new HashMap<>();

    private LocalizedTexts(Texts texts, Locale locale) {
        for (Segment segment : Segment.values()) {
            recommendations.put(segment, texts.get("recommendation." + segment.name().toLowerCase(Locale.ROOT), null, locale));
        }
        for (NextActions.Rule rule : NextActions.RULES) {
            actionTemplates.put(rule.name(), texts.get("action." + rule.name(), new Object[]{DAYS_SLOT, OPEN_RATE_SLOT}, locale));
        }
    }

    /** Caches the texts of each language the clients ask for, by language only, so the cache stays small. */
    static final class Cache {
        private final Texts texts;
        private final Map<String, LocalizedTexts> byLanguage = new ConcurrentHashMap<>();

        Cache(Texts texts) {
            this.texts = texts;
        }

        LocalizedTexts of(Locale locale) {
            Locale language = locale == null ? Texts.DEFAULT_LOCALE : Locale.of(locale.getLanguage());
            return byLanguage.computeIfAbsent(language.getLanguage(), key -> new LocalizedTexts(texts, language));
        }
    }

    String recommendation(Segment segment) {
        return recommendations.get(segment);
    }

    String action(String rule, int daysSinceLastContact, long openRatePercent) {
        return actionTemplates.get(rule)
                .replace(DAYS_SLOT, Integer.toString(daysSinceLastContact))
                .replace(OPEN_RATE_SLOT, Long.toString(openRatePercent));
    }
}
