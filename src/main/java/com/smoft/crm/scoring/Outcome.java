package com.smoft.crm.scoring;

import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/** What happened to a lead: he signed, or he was lost. Also how the inputs that record it write the two. */
public enum Outcome {
    converted,
    lost;

    /** The spellings a CSV file may use, lower case without accents, converted then lost. */
    public static final List<String> CSV_SPELLINGS =
            List.of("converted", "lost", "1", "0", "true", "false", "oui", "non", "signé", "perdu", "gagné", "won");

    /** What {@code at} takes, in words. */
    public static final String TIME_RULE = "must be " + WrittenTime.FORMS;

    private static final List<String> CONVERTED =
            List.of("converted", "1", "true", "oui", "yes", "vrai", "signe", "gagne", "won", "converti");
    private static final List<String> LOST = List.of("lost", "0", "false", "non", "no", "faux", "perdu");

    /** The earliest time an outcome may have: nothing older was ever scored. */
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    /** The outcome a JSON value names ({@code converted} or {@code lost}, whatever the case), or {@code null}. */
    public static Outcome ofWire(String text) {
        for (Outcome outcome : values()) {
            if (outcome.name().equalsIgnoreCase(text.strip())) {
                return outcome;
            }
        }
        return null;
    }

    /**
     * The outcome a CSV cell names, whatever its case and accents: converted, 1, true, oui, signé, gagné, won (and
     * yes, vrai, converti); lost, 0, false, non, perdu (and no, faux); {@code null} for anything else.
     */
    public static Outcome ofSpelling(String text) {
        String plain = Normalizer.normalize(text.strip().toLowerCase(Locale.ROOT), Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "");
        if (CONVERTED.contains(plain)) {
            return converted;
        }
        return LOST.contains(plain) ? lost : null;
    }

    /**
     * When an outcome happened, as an input writes it ({@link WrittenTime}): a time, or a date taken as its whole day
     * in {@code zone}, so that it matches the scores made up to the end of that day; {@code null} when it is neither,
     * or before 2000.
     */
    public static WrittenTime timeOf(String text, ZoneId zone) {
        WrittenTime at = WrittenTime.of(text, zone);
        return at == null || at.start().isBefore(EARLIEST) ? null : at;
    }
}
