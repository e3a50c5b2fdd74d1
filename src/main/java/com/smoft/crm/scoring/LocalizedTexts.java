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
    private final Map<Segment, String> segmentNames = new EnumMap<>(Segment.class);
    /** Each rep action's words, by how many times it is done (index 0 unused). */
    private final Map<RepAction, String[]> repActions = new EnumMap<>(RepAction.class);

    private final String listOfTwo;
    private final String listOfThree;
    private final String reached;
    private final String unreached;
    private final String unchanged;
    private final String atRisk;
    private final String atRiskTomorrow;
    private final String safe;

    private LocalizedTexts(Texts texts, Locale locale) {
        for (Segment segment : Segment.values()) {
            recommendations.put(
                    segment, texts.get("recommendation." + segment.name().toLowerCase(Locale.ROOT), null, locale));
        }
        for (NextActions.Rule rule : NextActions.RULES) {
            actionTemplates.put(
                    rule.name(), texts.get("action." + rule.name(), new Object[] {DAYS_SLOT, OPEN_RATE_SLOT}, locale));
        }
        for (Segment segment : Segment.values()) {
            segmentNames.put(
                    segment, texts.get("whatif.segment." + segment.name().toLowerCase(Locale.ROOT), null, locale));
        }
        for (RepAction action : RepAction.values()) {
            String[] words = new String[action.mostTimes() + 1];
            String key = "whatif.action." + action.key();
            for (int times = 1; times <= action.mostTimes(); times++) {
                words[times] = action.mostTimes() == 1
                        ? texts.get(key, null, locale)
                        : texts.get(key + (times == 1 ? ".one" : ".many"), new Object[] {times}, locale);
            }
            repActions.put(action, words);
        }
        Object[] slots = {slot(0), slot(1), slot(2), slot(3), slot(4)};
        listOfTwo = texts.get("whatif.list.two", slots, locale);
        listOfThree = texts.get("whatif.list.three", slots, locale);
        reached = texts.get("whatif.reached", slots, locale);
        unreached = texts.get("whatif.unreached", slots, locale);
        unchanged = texts.get("whatif.unchanged", slots, locale);
        atRisk = texts.get("whatif.at-risk", slots, locale);
        atRiskTomorrow = texts.get("whatif.at-risk.tomorrow", slots, locale);
        safe = texts.get("whatif.safe", slots, locale);
    }

    /** A slot of a what-if template, filled by plain substitution. */
    private static String slot(int index) {
        return "\u0000" + index + "\u0000";
    }

    private static String fill(String template, String... values) {
        String filled = template;
        for (int i = 0; i < values.length; i++) {
            filled = filled.replace(slot(i), values[i]);
        }
        return filled;
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

    /**
     * A what-if step in words: the actions and the score they lead to, or, when they do not reach the segment aimed
     * at, that none does and the best they get.
     */
    String nextStep(WhatIfSearch.Step step, int scoreNow, int scoreAfter, Segment segmentAfter) {
        String after = segmentNames.get(segmentAfter);
        if (step.actions() == 0) {
            return fill(unchanged, segmentNames.get(step.target()), Integer.toString(scoreAfter), after);
        }
        String actions = actionsInWords(step.times());
        if (step.reached()) {
            return capitalised(fill(reached, actions, Integer.toString(scoreNow), Integer.toString(scoreAfter), after));
        }
        return fill(
                unreached,
                segmentNames.get(step.target()),
                actions,
                Integer.toString(scoreNow),
                Integer.toString(scoreAfter),
                after);
    }

    /** How long a Hot customer stays Hot without contact, in words ({@code days} 0: longer than {@code horizon}). */
    String atRisk(int days, Segment fallsTo, int horizon) {
        if (days == 0) {
            return fill(safe, segmentNames.get(Segment.HOT), Integer.toString(horizon));
        }
        return days == 1
                ? fill(atRiskTomorrow, segmentNames.get(fallsTo))
                : fill(atRisk, segmentNames.get(fallsTo), Integer.toString(days));
    }

    private String actionsInWords(int[] times) {
        RepAction[] actions = RepAction.values();
        String[] words = new String[actions.length];
        int count = 0;
        for (int a = 0; a < actions.length; a++) {
            if (times[a] > 0) {
                words[count++] = repActions.get(actions[a])[times[a]];
            }
        }
        return switch (count) {
            case 1 -> words[0];
            case 2 -> fill(listOfTwo, words[0], words[1]);
            case 3 -> fill(listOfThree, words[0], words[1], words[2]);
            default -> throw new IllegalStateException("a step of " + count + " kinds of action");
        };
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    String action(String rule, int daysSinceLastContact, long openRatePercent) {
        return actionTemplates
                .get(rule)
                .replace(DAYS_SLOT, Integer.toString(daysSinceLastContact))
                .replace(OPEN_RATE_SLOT, Long.toString(openRatePercent));
    }
}
