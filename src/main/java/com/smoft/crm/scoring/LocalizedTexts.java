package com.smoft.crm.scoring;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

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
            recommendations.put(
                    segment, texts.get("recommendation." + segment.name().toLowerCase(Locale.ROOT), null, locale));
        }
        for (NextActions.Rule rule : NextActions.RULES) {
            actionTemplates.put(
                    rule.name(), texts.get("action." + rule.name(), new Object[] {DAYS_SLOT, OPEN_RATE_SLOT}, locale));
        }
    }

    /** The texts of the two languages the service speaks, resolved once: nothing here grows with what callers ask for. */
    static final class Languages {
        private final LocalizedTexts french;
        private final LocalizedTexts english;

        Languages(Texts texts) {
            this.french = new LocalizedTexts(texts, Texts.DEFAULT_LOCALE);
            this.english = new LocalizedTexts(texts, Locale.ENGLISH);
        }

        /** English for {@link Locale#ENGLISH}, French for anything else. */
        LocalizedTexts of(Locale locale) {
            return Texts.supported(locale) == Locale.ENGLISH ? english : french;
        }
    }

    String recommendation(Segment segment) {
        return recommendations.get(segment);
    }

    String action(String rule, int daysSinceLastContact, long openRatePercent) {
        return actionTemplates
                .get(rule)
                .replace(DAYS_SLOT, Integer.toString(daysSinceLastContact))
                .replace(OPEN_RATE_SLOT, Long.toString(openRatePercent));
    }
}
