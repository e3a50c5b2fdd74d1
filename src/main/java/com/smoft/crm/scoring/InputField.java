package com.smoft.crm.scoring;

import java.math.BigDecimal;
import java.util.List;

/**
 * The input contract, declared once: the eight fields a customer is given by, in the order clients and CSV
 * headers usually name them, what each holds and which values it takes. JSON validation, the CSV reader (for
 * batches and for training) and the OpenAPI document all read it, with the same words for every refusal.
 */
public enum InputField {

    CUSTOMER_ID("customer_id", Kind.ID),
    DAYS_SINCE_LAST_CONTACT("days_since_last_contact", Kind.COUNT),
    TOTAL_CONTACTS("total_contacts", Kind.COUNT),
    TOTAL_SPENT("total_spent", Kind.AMOUNT),
    EMAILS_SENT("emails_sent", Kind.COUNT),
    EMAILS_OPENED("emails_opened", Kind.COUNT),
    WEBSITE_VISITS("website_visits", Kind.COUNT),
    CUSTOMER_AGE_DAYS("customer_age_days", Kind.COUNT);

    /** What a field holds. */
    public enum Kind {
        /** A whole number >= 0, or a text of 1 to {@value CustomerId#MAX_TEXT_LENGTH} printable characters. */
        ID,
        /** A whole number >= 0 (an int). */
        COUNT,
        /** Euros, from 0 to {@link #MAX_AMOUNT}. */
        AMOUNT
    }

    /** The largest amount spent accepted, in euros. */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");

    /**
     * The longest number accepted as written, in characters, checked before it is parsed: parsing costs grow
     * faster than the length, so a longer value is refused at once. JSON bodies have the same default limit
     * ({@code crm.limits.json-max-number-length}).
     */
    public static final int MAX_NUMBER_LENGTH = 100;

    /** The most characters of a refused value an error message repeats. */
    public static final int MAX_ECHOED_LENGTH = 200;

    public static final String REQUIRED = "is required";
    public static final String NON_NEGATIVE = "must be greater than or equal to 0";
    public static final String AMOUNT_TOO_LARGE = "must be at most 1e12 euros";
    public static final String NOT_AN_ID = "must be a whole number >= 0 or a text of 1 to " + CustomerId.MAX_TEXT_LENGTH
            + " printable characters";
    public static final String NUMBER_TOO_LONG = "must be a number of at most " + MAX_NUMBER_LENGTH + " characters";

    /** The fields' keys, as JSON and CSV headers spell them. */
    public static final List<String> KEYS = java.util.Arrays.stream(values()).map(InputField::key).toList();

    private final String key;
    private final Kind kind;

    InputField(String key, Kind kind) {
        this.key = key;
        this.kind = kind;
    }

    /** The snake_case name of the field. */
    public String key() {
        return key;
    }

    /** What the field holds. */
    public Kind kind() {
        return kind;
    }

    /**
     * A value as an error message may repeat it: its first {@value #MAX_ECHOED_LENGTH} characters, then "...",
     * so that a refused value of megabytes costs a short answer.
     */
    public static String excerpt(String value) {
        if (value == null || value.length() <= MAX_ECHOED_LENGTH) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(MAX_ECHOED_LENGTH - 1)) ? MAX_ECHOED_LENGTH - 1 : MAX_ECHOED_LENGTH;
        return value.substring(0, end) + "...";
    }

    /** Why a count is refused, or {@code null} when it is accepted. */
    public static String countProblem(Integer count) {
        return count == null ? REQUIRED : count < 0 ? NON_NEGATIVE : null;
    }

    /** Why an amount is refused, or {@code null} when it is accepted. */
    public static String amountProblem(BigDecimal amount) {
        if (amount == null) {
            return REQUIRED;
        }
        return amount.signum() < 0 ? NON_NEGATIVE : amount.compareTo(MAX_AMOUNT) > 0 ? AMOUNT_TOO_LARGE : null;
    }
}
