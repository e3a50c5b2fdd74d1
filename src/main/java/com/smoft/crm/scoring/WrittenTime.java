package com.smoft.crm.scoring;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * A date or a time as the inputs write it, the one owner of the forms they accept: a date (ISO {@code 2026-12-03} or
 * French {@code 03/12/2026}) or a time (with an offset, {@code 2026-12-03T14:30:00Z}, or without, in the zone given:
 * {@code 2026-12-03T14:30}, {@code 2026-12-03 14:30}, {@code 03/12/2026 14:30}). A date spans its whole day in that
 * zone; a time is one instant, its {@code start} and {@code end} alike.
 *
 * @param start the start of the day written, or the time written
 * @param end   the last instant a database keeps (the microsecond) of the day written, or the time written
 */
public record WrittenTime(Instant start, Instant end) {

    /** The accepted forms, in words. */
    public static final String FORMS = "a date (2026-12-03 or 03/12/2026) or a time (2026-12-03T14:30:00Z)";

    private static final DateTimeFormatter FRENCH_DATE =
            DateTimeFormatter.ofPattern("dd/MM/uuuu").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter FRENCH_TIME =
            DateTimeFormatter.ofPattern("dd/MM/uuuu HH:mm[:ss]").withResolverStyle(ResolverStyle.STRICT);

    /** The longest text tried. */
    private static final int MAX_CHARS = 40;

    /** Whether a day was written rather than a time. */
    public boolean isDay() {
        return !start.equals(end);
    }

    /** The date or time {@code text} writes, days beginning in {@code zone}; {@code null} when it is none. */
    public static WrittenTime of(String text, ZoneId zone) {
        String value = text.strip();
        if (value.length() > MAX_CHARS) {
            return null;
        }
        try {
            if (value.length() <= 10) {
                LocalDate day = value.contains("/") ? LocalDate.parse(value, FRENCH_DATE) : LocalDate.parse(value);
                Instant next = day.plusDays(1).atStartOfDay(zone).toInstant();
                return new WrittenTime(day.atStartOfDay(zone).toInstant(), next.minusNanos(1_000));
            }
            Instant at;
            if (value.contains("/")) {
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
            return new WrittenTime(at, at);
        } catch (DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }
}
