package com.smoft.crm.scoring;

import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
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
    public static final String TIME_RULE = "must be a date (2026-12-03 or 03/12/2026) or a time (2026-12-03T14:30:00Z)";

    private static final List<String> CONVERTED =
            List.of("converted", "1", "true", "oui", "yes", "vrai", "signe", "gagne", "won", "converti");
    private static final List<String> LOST = List.of("lost", "0", "false", "non", "no", "faux", "perdu");

    private static final DateTimeFormatter FRENCH_DATE =
            DateTimeFormatter.ofPattern("dd/MM/uuuu").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter FRENCH_TIME =
            DateTimeFormatter.ofPattern("dd/MM/uuuu HH:mm[:ss]").withResolverStyle(ResolverStyle.STRICT);

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
     * When an outcome happened, as an input writes it: a date (ISO {@code 2026-12-03} or French {@code 03/12/2026},
     * the start of that day in {@code zone}, so that only the scores made before that day are matched) or a time
     * (with an offset, {@code 2026-12-03T14:30:00Z}, or without, in {@code zone}: {@code 2026-12-03T14:30},
     * {@code 03/12/2026 14:30}); {@code null} when it is none of these, or before 2000.
     */
    public static Instant timeOf(String text, ZoneId zone) {
        String value = text.strip();
        if (value.length() > 40) {
            return null;
        }
        Instant at = null;
        try {
            if (value.length() <= 10) {
                at = (value.contains("/") ? LocalDate.parse(value, FRENCH_DATE) : LocalDate.parse(value))
                        .atStartOfDay(zone)
                        .toInstant();
            } else if (value.contains("/")) {
                at = LocalDateTime.parse(value, FRENCH_TIME).atZone(zone).toInstant();
            } else {
                try {
                    at = OffsetDateTime.parse(value).toInstant();
                } catch (DateTimeParseException local) {
                    at = LocalDateTime.parse(value.replace(' ', 'T'))
                            .atZone(zone)
                            .toInstant();
                }
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            return null;
        }
        return at.isBefore(EARLIEST) ? null : at;
    }
}
