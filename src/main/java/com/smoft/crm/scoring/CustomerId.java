package com.smoft.crm.scoring;

/**
 * A customer's identifier as the caller gave it: a whole number ({@code 1042}) or a CRM record id
 * ({@code 00Q5e00000AbCdE}, {@code CUST-001}) of 1 to 64 printable characters. Scores echo it back as
 * given, a number as a number and a text as a text.
 *
 * @param number the identifier when it is a number, else {@code null}
 * @param text   the identifier when it is a text, else {@code null}
 */
public record CustomerId(Long number, String text) {

    /** Longest text identifier, in characters. */
    public static final int MAX_TEXT_LENGTH = 64;

    public CustomerId {
        if ((number == null) == (text == null)) {
            throw new IllegalArgumentException("customer_id is either a number or a text");
        }
        if (number != null && number < 0) {
            throw new IllegalArgumentException("customer_id must be >= 0, got " + number);
        }
        if (text != null && !isValidText(text)) {
            throw new IllegalArgumentException("customer_id must be 1 to " + MAX_TEXT_LENGTH + " printable characters");
        }
    }

    /** A numeric identifier. */
    public static CustomerId of(long number) {
        return new CustomerId(number, null);
    }

    /** A text identifier, kept exactly as written. */
    public static CustomerId of(String text) {
        return new CustomerId(null, text);
    }

    /** Whether a text can be an identifier: 1 to 64 characters, none of them a control character, not all blank. */
    public static boolean isValidText(String text) {
        int length = text.codePointCount(0, text.length());
        return length >= 1 && length <= MAX_TEXT_LENGTH && !text.isBlank()
                && text.codePoints().noneMatch(Character::isISOControl);
    }

    /** The identifier as given: a {@link Long} or a {@link String}. */
    public Object value() {
        return number != null ? number : text;
    }

    @Override
    public String toString() {
        return String.valueOf(value());
    }
}
