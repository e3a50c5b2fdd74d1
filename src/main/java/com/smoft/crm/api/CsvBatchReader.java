package com.smoft.crm.api;

import com.smoft.crm.csv.CustomerCsvReader;
import com.smoft.crm.scoring.Customer;
import com.smoft.crm.scoring.InputField;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Reads a batch sent as CSV ({@code Content-Type: text/csv}) with the same reader as the {@code train} command,
 * keeping only each valid customer; a bad row is named by its line and column, and refuses the batch unless
 * invalid rows are to be skipped.
 */
final class CsvBatchReader {

    private final int maxSize;

    CsvBatchReader(int maxSize) {
        this.maxSize = maxSize;
    }

    /**
     * One bad value of a CSV batch.
     *
     * @param line    its line in the file, the header being line 1
     * @param column  its column, as the header names it
     * @param value   the value as written
     * @param message why it is refused
     */
    record RowProblem(long line, String column, String value, String message) {
    }

    /**
     * A row left out of a CSV batch read with {@code ?invalid=skip}.
     *
     * @param line       its line in the file
     * @param customerId its {@code customer_id} as written
     * @param errors     each bad value and why
     */
    record Rejected(long line, String customerId, List<RowProblem> errors) {
    }

    /** A CSV batch whose rows break the rules: the first {@value BatchReader#MAX_LISTED_PROBLEMS} problems and the count of all. */
    static final class InvalidCsvException extends RuntimeException {
        final List<RowProblem> listed;
        final int total;

        InvalidCsvException(List<RowProblem> listed, int total) {
            super(total + " invalid values");
            this.listed = listed;
            this.total = total;
        }
    }

    /**
     * Reads a CSV batch.
     *
     * @param declared    the charset of the request's Content-Type, or {@code null} to detect it
     * @param skipInvalid leave bad rows out and list them, instead of refusing the batch
     */
    BatchReader.Batch read(InputStream body, Charset declared, boolean skipInvalid) throws IOException {
        try (CustomerCsvReader reader = CustomerCsvReader.open(body, declared, "The CSV body", List.of())) {
            List<Customer> customers = new ArrayList<>();
            List<RowProblem> problems = new ArrayList<>();
            int problemCount = 0;
            List<Rejected> rejected = new ArrayList<>();
            int rejectedCount = 0;
            int rows = 0;
            BitSet leftOut = new BitSet();
            for (CustomerCsvReader.Row row : reader) {
                if (++rows > maxSize) {
                    throw new BatchTooLargeException(maxSize, "crm.batch.max-size");
                }
                if (rows % BatchReader.YIELD_EVERY == 0) {
                    // As for JSON batches: virtual threads are not preempted, so let others run between stretches.
                    Thread.yield();
                }
                if (row.problems().isEmpty()) {
                    customers.add(row.customer());
                    continue;
                }
                leftOut.set(rows - 1);
                List<RowProblem> rowProblems = row.problems().stream()
                        .map(problem -> new RowProblem(row.line(), problem.column(), problem.value(), problem.message())).toList();
                if (skipInvalid) {
                    if (rejected.size() < BatchReader.MAX_LISTED_PROBLEMS) {
                        rejected.add(new Rejected(row.line(), InputField.excerpt(row.value(reader, "customer_id")), rowProblems));
                    }
                    rejectedCount++;
                } else {
                    for (RowProblem problem : rowProblems) {
                        if (problems.size() < BatchReader.MAX_LISTED_PROBLEMS) {
                            problems.add(problem);
                        }
                        problemCount++;
                    }
                }
            }
            if (rejectedCount > 0 && customers.isEmpty()) {
                // Nothing valid to score: a 200 with nothing in it would read as success.
                for (Rejected row : rejected) {
                    for (RowProblem problem : row.errors()) {
                        if (problems.size() < BatchReader.MAX_LISTED_PROBLEMS) {
                            problems.add(problem);
                        }
                        problemCount++;
                    }
                }
                problemCount += rejectedCount - rejected.size();
            }
            if (problemCount > 0) {
                throw new InvalidCsvException(problems, problemCount);
            }
            if (rows == 0) {
                throw new InvalidCsvException(List.of(new RowProblem(1, "", "", "the file holds a header but no customer")), 1);
            }
            return new BatchReader.Batch(customers, false, skipInvalid ? rejected : null, rejectedCount, leftOut);
        }
    }
}
