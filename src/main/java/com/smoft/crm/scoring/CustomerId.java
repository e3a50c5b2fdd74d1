package com.smoft.crm.scoring;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A customer's identifier as the caller gave it: a whole number ({@code 1042}) or a CRM record id
 * ({@code 00Q5e00000AbCdE}, {@code CUST-001}) of {@value #TEXT_RULE}. Scores echo it back as
 * given, a number as a number and a text as a text.
 *
 * @param number the identifier when it is a number, else {@code null}
 * @param text   the identifier when it is a text, else {@code null}
 */
public record CustomerId(Long number, String text) {

    /** Longest text identifier, in characters. */
    public static final int MAX_TEXT_LENGTH = 64;

    /** What a text identifier may hold, as every message and document says it. */
    public static final String TEXT_RULE = "1 to " + MAX_TEXT_LENGTH + " printable characters";

    /** What a decoder puts where bytes were not text: an id holding it was not read as it was written. */
    private static final int REPLACEMENT_CHARACTER = 0xFFFD;

    /**
     * Letters, symbols and marks that show as nothing: the Hangul fillers, the blank Braille pattern, the Khmer
     * inherent vowels, the Mongolian and other variation selectors, the combining grapheme joiner.
     */
    private static final Set<Integer> INVISIBLE = IntStream.concat(
                    IntStream.of(0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800, 0x17B4, 0x17B5, 0x034F),
                    IntStream.concat(
                            IntStream.rangeClosed(0x180B, 0x180F),
                            IntStream.concat(
                                    IntStream.rangeClosed(0xFE00, 0xFE0F), IntStream.rangeClosed(0xE0100, 0xE01EF))))
            .boxed()
            .collect(Collectors.toUnmodifiableSet());

    public CustomerId {
        if ((number == null) == (text == null)) {
            throw new IllegalArgumentException(InputField.CUSTOMER_ID.key() + " is either a number or a text");
        }
        if (number != null && number < 0) {
            throw new IllegalArgumentException(InputField.CUSTOMER_ID.key() + " must be >= 0, got " + number);
        }
        if (text != null && !isValidText(text)) {
            throw new IllegalArgumentException(InputField.CUSTOMER_ID.key() + " must be " + TEXT_RULE);
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

    /**
     * Whether a text can be an identifier: {@value #TEXT_RULE}, not all blank, each a Unicode letter, digit,
     * punctuation, symbol or plain space, or an accent combined with the character before it (a name written in
     * decomposed form). Control, format (bidi overrides, zero-width), separator, private-use and unpaired
     * surrogate characters are refused, and so is the replacement character of undecodable bytes: an id must show
     * as what it is.
     */
    public static boolean isValidText(String text) {
        if (text.isEmpty()
                || text.length() > 2 * MAX_TEXT_LENGTH
                || text.isBlank()
                || text.codePointCount(0, text.length()) > MAX_TEXT_LENGTH) {
            return false;
        }
        boolean afterBase = false;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            int type = Character.getType(codePoint);
            boolean mark = type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
            if (INVISIBLE.contains(codePoint) || (mark ? !afterBase : !isVisible(codePoint, type))) {
                return false;
            }
            afterBase = mark || codePoint != ' ';
        }
        return true;
    }

    private static boolean isVisible(int codePoint, int type) {
        if (codePoint == REPLACEMENT_CHARACTER || INVISIBLE.contains(codePoint)) {
            return false;
        }
        return codePoint == ' '
                || switch (type) {
                    case Character.UPPERCASE_LETTER,
                            Character.LOWERCASE_LETTER,
                            Character.TITLECASE_LETTER,
                            Character.MODIFIER_LETTER,
                            Character.OTHER_LETTER,
                            Character.DECIMAL_DIGIT_NUMBER,
                            Character.LETTER_NUMBER,
                            Character.OTHER_NUMBER,
                            Character.CONNECTOR_PUNCTUATION,
                            Character.DASH_PUNCTUATION,
                            Character.START_PUNCTUATION,
                            Character.END_PUNCTUATION,
                            Character.INITIAL_QUOTE_PUNCTUATION,
                            Character.FINAL_QUOTE_PUNCTUATION,
                            Character.OTHER_PUNCTUATION,
                            Character.MATH_SYMBOL,
                            Character.CURRENCY_SYMBOL,
                            Character.MODIFIER_SYMBOL,
                            Character.OTHER_SYMBOL -> true;
                    default -> false;
                };
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
