package com.smoft.crm.csv;

import com.smoft.crm.scoring.Customer;
import com.smoft.crm.scoring.CustomerId;
import com.smoft.crm.scoring.InputField;
import com.smoft.crm.scoring.RecordProblem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks one row of a customer CSV, its values as written, against the input contract ({@link InputField}): the
 * rules of the CSV batch endpoint and the {@code train} command, usable where rows come from elsewhere (a Spark
 * job reads them with Spark's own CSV reader). Counts may be written {@code 10} or {@code 10,0}; amounts with
 * spaces between thousands and, when the separator is not a comma, a decimal comma.
 */
public final class CustomerRowParser {

    private final List<String> header;
    private final Map<InputField, Integer> columnIndex;
    private final char separator;
    private final boolean decimalComma;

    /**
     * @param header    the column names as the file writes them; the eight are found whatever their case, by their
     *                  keys or their French and English names ({@link InputField#columnsOf})
     * @param separator the file's separator: numbers may use a decimal comma unless it is a comma
     */
    public CustomerRowParser(List<String> header, char separator) {
        this.header = List.copyOf(header);
        this.separator = separator;
        this.decimalComma = separator != ',';
        this.columnIndex = InputField.columnsOf(this.header);
    }

    /** The column holding a field, or -1 when the header names none. */
    public int columnOf(InputField field) {
        return columnIndex.getOrDefault(field, -1);
    }

    /**
     * Checks a row.
     *
     * @param values its values in header order, as written
     * @param line   its line in the file, for messages; -1 when unknown
     */
    public CustomerCsvReader.Row parse(List<String> values, long line) {
        List<RecordProblem> problems = new ArrayList<>();
        if (values.size() < header.size()
                && !(values.size() == 1 && values.getFirst().isEmpty())) {
            problems.add(RecordProblem.valueCount(
                    line, String.join(String.valueOf(separator), values), values.size(), header.size()));
            return new CustomerCsvReader.Row(line, null, problems, values);
        }
        CustomerId id = customerId(valueOf(values, InputField.CUSTOMER_ID), line, problems);
        int days = count(InputField.DAYS_SINCE_LAST_CONTACT, values, line, problems);
        int contacts = count(InputField.TOTAL_CONTACTS, values, line, problems);
        double spent = amount(valueOf(values, InputField.TOTAL_SPENT), line, problems);
        int sent = count(InputField.EMAILS_SENT, values, line, problems);
        int opened = count(InputField.EMAILS_OPENED, values, line, problems);
        int visits = count(InputField.WEBSITE_VISITS, values, line, problems);
        int age = count(InputField.CUSTOMER_AGE_DAYS, values, line, problems);
        Customer customer =
                problems.isEmpty() ? new Customer(id, days, contacts, spent, sent, opened, visits, age) : null;
        return new CustomerCsvReader.Row(line, customer, problems, values);
    }

    private String valueOf(List<String> values, InputField field) {
        int index = columnIndex.get(field);
        String value = index < values.size() ? values.get(index) : null;
        return value == null ? "" : value.strip();
    }

    /** The header's spelling of one of the eight columns. */
    private String named(InputField field) {
        return header.get(columnIndex.get(field));
    }

    private CustomerId customerId(String text, long line, List<RecordProblem> problems) {
        // "0099" is a record id with its zeros, as the CRM wrote it; "99" and "0" are numbers.
        if (text.matches("0|[1-9]\\d{0,17}")) {
            return CustomerId.of(Long.parseLong(text));
        }
        if (!CustomerId.isValidText(text)) {
            String column = named(InputField.CUSTOMER_ID);
            problems.add(
                    text.isEmpty() ? RecordProblem.missing(line, column) : RecordProblem.notAnId(line, column, text));
            return null;
        }
        return CustomerId.of(text);
    }

    private int count(InputField field, List<String> values, long line, List<RecordProblem> problems) {
        String text = valueOf(values, field);
        String column = named(field);
        if (text.isEmpty()) {
            problems.add(RecordProblem.missing(line, column));
            return 0;
        }
        if (text.length() > InputField.MAX_NUMBER_LENGTH) {
            problems.add(RecordProblem.numberTooLong(line, column, text));
            return 0;
        }
        try {
            int count = new BigDecimal(normalised(text)).intValueExact();
            if (count < 0) {
                problems.add(RecordProblem.negative(line, column, text));
            }
            return count;
        } catch (NumberFormatException | ArithmeticException e) {
            problems.add(RecordProblem.notAWholeNumber(line, column, text));
            return 0;
        }
    }

    private double amount(String text, long line, List<RecordProblem> problems) {
        String column = named(InputField.TOTAL_SPENT);
        if (text.isEmpty()) {
            problems.add(RecordProblem.missing(line, column));
            return 0;
        }
        if (text.length() > InputField.MAX_NUMBER_LENGTH) {
            problems.add(RecordProblem.numberTooLong(line, column, text));
            return 0;
        }
        try {
            BigDecimal value = new BigDecimal(normalised(text));
            RecordProblem problem = RecordProblem.ofAmount(line, column, value, text);
            if (problem != null) {
                problems.add(problem);
            }
            return value.doubleValue();
        } catch (NumberFormatException e) {
            problems.add(
                    ambiguous(digitsOf(text))
                            ? RecordProblem.ambiguousNumber(line, column, text)
                            : RecordProblem.notANumber(line, column, text, decimalComma));
            return 0;
        }
    }

    /** A number as Java reads it: no thousands spaces, and a decimal point where a French export has a comma. */
    private String normalised(String text) {
        String digits = digitsOf(text);
        if (!decimalComma) {
            return digits;
        }
        if (DOT_THOUSANDS.matcher(digits).matches()) {
            // 1.500,50 as French Excel may write it: the dots group thousands.
            return digits.replace(".", "").replace(',', '.');
        }
        if (ambiguous(digits)) {
            // 1.500 in a file of decimal commas: one and a half, or fifteen hundred? Refused rather than guessed.
            throw new NumberFormatException("ambiguous");
        }
        return digits.replace(',', '.');
    }

    /** A value without its spaces (thousands separators) and its euro sign. */
    private static String digitsOf(String text) {
        String digits = text.replace(" ", "").replace("\u00A0", "").replace("\u202F", "");
        if (digits.endsWith("€")) {
            return digits.substring(0, digits.length() - 1);
        }
        return digits.startsWith("€") ? digits.substring(1) : digits;
    }

    /** Whether a number of a file of decimal commas has dots between groups of three digits and nothing else. */
    private boolean ambiguous(String digits) {
        return decimalComma && AMBIGUOUS_DOTS.matcher(digits).matches();
    }

    /** Dots between groups of three digits and a decimal comma: {@code 1.500,50}, {@code 12.345.678,9}. */
    private static final Pattern DOT_THOUSANDS = Pattern.compile("-?\\d{1,3}(\\.\\d{3})+,\\d+");
    /** Dots between groups of three digits and nothing else: {@code 1.500}, {@code 12.345.678}. */
    private static final Pattern AMBIGUOUS_DOTS = Pattern.compile("-?\\d{1,3}(\\.\\d{3})+");
}
