package com.smoft.crm.scoring;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One bad record of an input, or one bad value in it: a row of a CSV file, a customer of a JSON batch, a row of a
 * Spark table, a line of a training history. Every reader reports its problems with this one type, so that the API,
 * the {@code train} command and the Spark job say the same thing the same way, and a client (the web page) can
 * translate a problem by its {@link Code} and parameters instead of matching the English message.
 *
 * @param position where the record is: its line in a file (the header being line 1), or its index in a list (from 0);
 *                 -1 when the input gives none (a single customer, a Spark row)
 * @param field    the field or column, as the input names it; empty for the record as a whole
 * @param value    the value as written, cut by {@link InputField#excerpt}; empty when there is none to repeat
 * @param code     what is wrong, stable whatever the wording
 * @param params   the code's parameters (snake_case names: {@code min}, {@code max}, {@code max_length}...);
 *                 empty when the code needs none
 * @param message  the problem in English, as the API has always worded it
 */
public record RecordProblem(
        long position, String field, String value, Code code, Map<String, Object> params, String message) {

    /** What is wrong with a value or a record: the wire name of each is stable, whatever the message says. */
    public enum Code {
        /** No value where one is required. */
        MISSING("missing"),
        /** A number outside the accepted range: parameter {@code min} or {@code max}. */
        OUT_OF_RANGE("out_of_range"),
        /** Not a number: parameter {@code decimal_comma}, whether {@code 1500,50} would have been read. */
        NOT_A_NUMBER("not_a_number"),
        /** A number that is not a whole one: parameter {@code min}. */
        NOT_A_WHOLE_NUMBER("not_a_whole_number"),
        /** A number written with more characters than accepted: parameter {@code max_length}. */
        TOO_LONG("too_long"),
        /** Not a customer id: parameter {@code max_length}, the longest text id. */
        NOT_AN_ID("not_an_id"),
        /** A row with fewer values than its header names columns: parameters {@code values} and {@code columns}. */
        VALUE_COUNT("value_count"),
        /** Not one of the accepted spellings: parameter {@code allowed}. */
        NOT_ONE_OF("not_one_of"),
        /** A value of the wrong JSON type: parameter {@code expected} (whole_number, number, string, object, array). */
        WRONG_TYPE("wrong_type"),
        /** A value that cannot be read at all (malformed JSON inside a record). */
        MALFORMED("malformed"),
        /** A list item that is not a customer (an object is expected): parameter {@code null}, whether it was null. */
        NOT_A_CUSTOMER("not_a_customer"),
        /** A list that holds no customer. */
        NO_CUSTOMER("no_customer"),
        /** Not a date or a time. */
        NOT_A_TIME("not_a_time"),
        /** A time further in the future than accepted: parameter {@code max}, the latest accepted. */
        IN_THE_FUTURE("in_the_future"),
        /** A customer whose records were erased (the right to erasure): nothing more is kept of him. */
        ERASED("erased");

        private final String wireName;

        Code(String wireName) {
            this.wireName = wireName;
        }

        /** The code as the wire and the web page spell it. */
        public String wireName() {
            return wireName;
        }
    }

    public RecordProblem {
        field = field == null ? "" : InputField.excerpt(field);
        value = value == null ? "" : InputField.excerpt(value);
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** A value missing where one is required. */
    public static RecordProblem missing(long position, String field) {
        return new RecordProblem(position, field, "", Code.MISSING, Map.of(), InputField.REQUIRED);
    }

    /** A count or an amount below 0. */
    public static RecordProblem negative(long position, String field, String value) {
        return new RecordProblem(position, field, value, Code.OUT_OF_RANGE, Map.of("min", 0), InputField.NON_NEGATIVE);
    }

    /** An amount above {@link InputField#MAX_AMOUNT}. */
    public static RecordProblem amountTooLarge(long position, String field, String value) {
        return new RecordProblem(
                position,
                field,
                value,
                Code.OUT_OF_RANGE,
                Map.of("max", InputField.MAX_AMOUNT.longValueExact()),
                InputField.AMOUNT_TOO_LARGE);
    }

    /** A value that is no customer id. */
    public static RecordProblem notAnId(long position, String field, String value) {
        return new RecordProblem(
                position,
                field,
                value,
                Code.NOT_AN_ID,
                Map.of("max_length", CustomerId.MAX_TEXT_LENGTH),
                InputField.NOT_AN_ID);
    }

    /** A number longer than {@link InputField#MAX_NUMBER_LENGTH} characters. */
    public static RecordProblem numberTooLong(long position, String field, String value) {
        return new RecordProblem(
                position,
                field,
                value,
                Code.TOO_LONG,
                Map.of("max_length", InputField.MAX_NUMBER_LENGTH),
                InputField.NUMBER_TOO_LONG);
    }

    /** A count that is not a whole number >= 0 as written. */
    public static RecordProblem notAWholeNumber(long position, String field, String value) {
        return new RecordProblem(
                position, field, value, Code.NOT_A_WHOLE_NUMBER, Map.of("min", 0), "must be a whole number >= 0");
    }

    /** An amount that is no number; {@code decimalComma} when {@code 1500,50} would have been read. */
    public static RecordProblem notANumber(long position, String field, String value, boolean decimalComma) {
        return new RecordProblem(
                position,
                field,
                value,
                Code.NOT_A_NUMBER,
                Map.of("decimal_comma", decimalComma),
                "must be a number, such as 1500.50" + (decimalComma ? " or 1500,50" : ""));
    }

    /**
     * An amount of a file of decimal commas written with a dot between groups of three digits ({@code 1.500}): one and
     * a half, or fifteen hundred? Refused rather than guessed; parameter {@code ambiguous}, for its own words.
     */
    public static RecordProblem ambiguousNumber(long position, String field, String value) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("decimal_comma", true);
        params.put("ambiguous", true);
        return new RecordProblem(
                position,
                field,
                value,
                Code.NOT_A_NUMBER,
                params,
                "is ambiguous in a file of decimal commas (a dot between groups of three digits): write 1500 or 1 500,"
                        + " or 1,5");
    }

    /** A row with fewer values than its header names columns. */
    public static RecordProblem valueCount(long position, String row, int values, int columns) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("values", values);
        params.put("columns", columns);
        return new RecordProblem(
                position,
                "",
                row,
                Code.VALUE_COUNT,
                params,
                "holds " + values + " values where the header names " + columns);
    }

    /** A value that is none of the accepted spellings, {@code allowed}, which the message lists in its own words. */
    public static RecordProblem notOneOf(
            long position, String field, String value, List<String> allowed, String message) {
        return new RecordProblem(
                position, field, value, Code.NOT_ONE_OF, Map.of("allowed", List.copyOf(allowed)), message);
    }

    /** An item of a list that is not a customer; {@code wasNull} when it was {@code null}. */
    public static RecordProblem notACustomer(long position, String field, boolean wasNull) {
        return new RecordProblem(
                position,
                field,
                "",
                Code.NOT_A_CUSTOMER,
                Map.of("null", wasNull),
                wasNull ? "must be a customer object, not null" : "must be a customer object");
    }

    /** A list, or a file, that holds no customer; the message says which. */
    public static RecordProblem noCustomer(long position, String field, String message) {
        return new RecordProblem(position, field, "", Code.NO_CUSTOMER, Map.of(), message);
    }

    /** A value that is neither a date nor a time. */
    public static RecordProblem notATime(long position, String field, String value) {
        return new RecordProblem(position, field, value, Code.NOT_A_TIME, Map.of(), Outcome.TIME_RULE);
    }

    /** A time after {@code latest}, the latest accepted. */
    public static RecordProblem inTheFuture(long position, String field, String value, String latest) {
        return new RecordProblem(
                position,
                field,
                value,
                Code.IN_THE_FUTURE,
                Map.of("max", latest),
                "must not be more than a day in the future (latest " + latest + ")");
    }

    /** A customer erased, whose outcome is not kept. */
    public static RecordProblem erased(long position, String field, String value) {
        return new RecordProblem(
                position,
                field,
                value,
                Code.ERASED,
                Map.of(),
                "is a customer whose records were erased: nothing more is kept of him");
    }

    /** Why a count is refused, or {@code null} when it is accepted. */
    public static RecordProblem ofCount(long position, String field, Integer count) {
        if (count == null) {
            return missing(position, field);
        }
        return count < 0 ? negative(position, field, count.toString()) : null;
    }

    /** Why an amount is refused, or {@code null} when it is accepted; {@code written} is the value as the input wrote it. */
    public static RecordProblem ofAmount(long position, String field, BigDecimal amount, String written) {
        if (amount == null) {
            return missing(position, field);
        }
        if (amount.signum() < 0) {
            return negative(position, field, written);
        }
        return amount.compareTo(InputField.MAX_AMOUNT) > 0 ? amountTooLarge(position, field, written) : null;
    }

    /** The same problem at another position, or under another field name (a batch's {@code clients[3].total_spent}). */
    public RecordProblem at(long newPosition, String newField) {
        return new RecordProblem(newPosition, newField, value, code, params, message);
    }

    /**
     * The problem in one line of English, its position read as a line of a file: {@code line 5, column total_spent:
     * value 'abc' must be a number, such as 1500.50}; without a position, {@code total_spent: value 'abc' ...}.
     */
    public String describe() {
        String where = (position >= 0 ? "line " + position : "")
                + (field.isEmpty() ? "" : (position >= 0 ? ", column " : "") + field);
        return (where.isEmpty() ? "" : where + ": ") + "value '" + value + "' " + message;
    }
}
