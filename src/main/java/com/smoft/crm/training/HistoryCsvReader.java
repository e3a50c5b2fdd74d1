package com.smoft.crm.training;

import com.smoft.crm.csv.CustomerCsvReader;
import com.smoft.crm.scoring.ProblemList;
import com.smoft.crm.scoring.RecordProblem;
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
 * Windows-1252) with a {@code converted} column. Every bad row is found in one reading: the read fails with a message
 * listing each bad value (the first {@value ProblemList#MAX_LISTED}) by line, column and value, and the number of bad
 * rows.
 */
final class HistoryCsvReader {

    static final String CONVERTED = "converted";
    private static final List<String> CONVERTED_SPELLINGS =
            List.of("0", "1", "true", "false", "yes", "no", "oui", "non");
    private static final String CONVERTED_VALUES = "must be one of 0/1, true/false, yes/no, oui/non";

    private HistoryCsvReader() {}

    static List<LabeledCustomer> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    static List<LabeledCustomer> read(InputStream in, String source) throws IOException {
        try (CustomerCsvReader reader = CustomerCsvReader.open(in, null, source, List.of(CONVERTED))) {
            List<LabeledCustomer> history = new ArrayList<>();
            ProblemList<RecordProblem> problems = new ProblemList<>();
            int badRows = 0;
            for (CustomerCsvReader.Row row : reader) {
                List<RecordProblem> rowProblems = new ArrayList<>(row.problems());
                String label = row.value(reader, CONVERTED);
                Boolean converted = converted(label);
                // A short row has already been named: its missing label is not a second problem.
                if (converted == null && (label != null || rowProblems.isEmpty())) {
                    rowProblems.add(RecordProblem.notOneOf(
                            row.line(), CONVERTED, label, CONVERTED_SPELLINGS, CONVERTED_VALUES));
                }
                if (!rowProblems.isEmpty()) {
                    badRows++;
                    problems.addAll(rowProblems);
                } else if (badRows == 0) {
                    history.add(new LabeledCustomer(row.customer(), converted));
                }
            }
            if (badRows > 0) {
                StringBuilder message =
                        new StringBuilder(source + " has " + badRows + (badRows == 1 ? " bad row" : " bad rows")
                                + "; nothing was trained. Correct them and run again:");
                problems.listed()
                        .forEach(problem -> message.append(System.lineSeparator())
                                .append("  ")
                                .append(problem.describe()));
                if (problems.truncated()) {
                    message.append(System.lineSeparator())
                            .append("  (only the first ")
                            .append(ProblemList.MAX_LISTED)
                            .append(" of ")
                            .append(problems.total())
                            .append(" problems are listed)");
                }
                throw new TrainingDataException(message.toString());
            }
            return history;
        } catch (CustomerCsvReader.CsvFormatException e) {
            throw new TrainingDataException(e.getMessage());
        } catch (UncheckedIOException e) {
            throw new TrainingDataException(
                    source + " cannot be read as CSV: " + e.getCause().getMessage());
        }
    }

    /** The outcome as written, or {@code null} when it is none of the accepted spellings. */
    private static Boolean converted(String text) {
        String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "1", "true", "yes", "oui" -> true;
            case "0", "false", "no", "non" -> false;
            default -> null;
        };
    }
}
