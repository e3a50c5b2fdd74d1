package com.smoft.crm.training;

import com.smoft.crm.csv.CustomerCsvReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a user's own history: a CSV file as the batch endpoint reads it ({@link CustomerCsvReader}: the eight
 * input columns in any order, other columns ignored, {@code ,} {@code ;} or tab, decimal commas, UTF-8 or
 * Windows-1252) with a {@code converted} column. The first bad value stops the read with a message naming its
 * line, its column and the value.
 */
final class HistoryCsvReader {

    static final String CONVERTED = "converted";

    private HistoryCsvReader() {
    }

    static List<LabeledCustomer> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    static List<LabeledCustomer> read(InputStream in, String source) throws IOException {
        try (CustomerCsvReader reader = CustomerCsvReader.open(in, null, source, List.of(CONVERTED))) {
            List<LabeledCustomer> history = new ArrayList<>();
            for (CustomerCsvReader.Row row : reader) {
                if (!row.problems().isEmpty()) {
                    CustomerCsvReader.Problem problem = row.problems().getFirst();
                    throw new TrainingDataException(source + " line " + row.line()
                            + (problem.column().isEmpty() ? "" : ", column " + problem.column()) + ": value '" + problem.value()
                            + "' " + problem.message());
                }
                history.add(new LabeledCustomer(row.customer(), converted(row.value(reader, CONVERTED), source, row.line())));
            }
            return history;
        } catch (CustomerCsvReader.CsvFormatException e) {
            throw new TrainingDataException(e.getMessage());
        } catch (UncheckedIOException e) {
            throw new TrainingDataException(source + " cannot be read as CSV: " + e.getCause().getMessage());
        }
    }

    private static boolean converted(String text, String source, long line) {
        String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "1", "true", "yes", "oui" -> true;
            case "0", "false", "no", "non" -> false;
            default -> throw new TrainingDataException(source + " line " + line + ", column " + CONVERTED + ": value '" + text
                    + "' must be one of 0/1, true/false, yes/no, oui/non");
        };
    }
}
