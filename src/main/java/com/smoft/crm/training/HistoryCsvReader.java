package com.smoft.crm.training;

import com.smoft.crm.scoring.Customer;
import com.smoft.crm.scoring.CustomerId;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a user's own history: a CSV file with a header naming the eight input columns and
 * {@code converted}, in any order; other columns are ignored. The first bad value stops the read
 * with a message naming its line, its column and the value.
 */
final class HistoryCsvReader {

    static final String CONVERTED = "converted";

    private static final List<String> COUNT_COLUMNS = List.of("days_since_last_contact", "total_contacts",
            "emails_sent", "emails_opened", "website_visits", "customer_age_days");

    private static final List<String> REQUIRED = List.of("customer_id", "days_since_last_contact", "total_contacts",
            "total_spent", "emails_sent", "emails_opened", "website_visits", "customer_age_days", CONVERTED);

    private HistoryCsvReader() {
    }

    static List<LabeledCustomer> read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString());
        }
    }

    static List<LabeledCustomer> read(Reader reader, String source) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true)
                .get();
        try (CSVParser parser = CSVParser.parse(reader, format)) {
            Map<String, String> columns = headerColumns(parser.getHeaderNames(), source);
            List<LabeledCustomer> history = new ArrayList<>();
            for (CSVRecord record : parser) {
                history.add(parse(record, columns, source));
            }
            return history;
        }
    }

    /** Maps each required column (lower case) to the header name as the file spells it. */
    private static Map<String, String> headerColumns(List<String> header, String source) {
        Map<String, String> columns = new TreeMap<>();
        for (String name : header) {
            columns.put(name.strip().replace("\uFEFF", "").toLowerCase(Locale.ROOT), name);
        }
        List<String> missing = REQUIRED.stream().filter(required -> !columns.containsKey(required)).toList();
        if (!missing.isEmpty()) {
            throw new TrainingDataException(source + ": the header lacks the column(s) " + missing
                    + "; it needs " + REQUIRED + " in any order");
        }
        return columns;
    }

    private static LabeledCustomer parse(CSVRecord record, Map<String, String> columns, String source) {
        long line = record.getParser().getCurrentLineNumber();
        if (!record.isConsistent()) {
            throw new TrainingDataException(source + " line " + line + ": expected " + record.getParser().getHeaderNames().size()
                    + " values as in the header, found " + record.size());
        }
        CustomerId customerId = customerId(record.get(columns.get("customer_id")).strip(), source, line);
        int[] counts = new int[COUNT_COLUMNS.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = (int) number(record, columns, COUNT_COLUMNS.get(i), source, line, true);
        }
        double spent = number(record, columns, "total_spent", source, line, false);
        boolean converted = converted(record.get(columns.get(CONVERTED)), source, line);
        return new LabeledCustomer(new Customer(customerId, counts[0], counts[1], spent, counts[2], counts[3],
                counts[4], counts[5]), converted);
    }

    private static double number(CSVRecord record, Map<String, String> columns, String column, String source,
                                 long line, boolean wholeNumber) {
        String text = record.get(columns.get(column));
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw bad(source, line, column, text, "is not a number");
        }
        if (!Double.isFinite(value) || value < 0) {
            throw bad(source, line, column, text, "must be a finite number >= 0");
        }
        if (wholeNumber && (value != Math.rint(value) || value > Integer.MAX_VALUE)) {
            throw bad(source, line, column, text, "must be a whole number within range");
        }
        return value;
    }

    /** A CRM record id as written, or a number when it is written as one. */
    private static CustomerId customerId(String text, String source, long line) {
        if (text.matches("\\d{1,18}")) {
            return CustomerId.of(Long.parseLong(text));
        }
        if (!CustomerId.isValidText(text)) {
            throw bad(source, line, "customer_id", text, "must be 1 to " + CustomerId.MAX_TEXT_LENGTH + " printable characters");
        }
        return CustomerId.of(text);
    }

    private static boolean converted(String text, String source, long line) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "oui" -> true;
            case "0", "false", "no", "non" -> false;
            default -> throw bad(source, line, CONVERTED, text, "must be one of 0/1, true/false, yes/no, oui/non");
        };
    }

    private static TrainingDataException bad(String source, long line, String column, String value, String why) {
        return new TrainingDataException(source + " line " + line + ", column " + column + ": value '" + value + "' " + why);
    }
}
