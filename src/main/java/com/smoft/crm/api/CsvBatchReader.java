package com.smoft.crm.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.smoft.crm.csv.CustomerCsvReader;
import com.smoft.crm.scoring.Customer;
import com.smoft.crm.scoring.InputField;
import com.smoft.crm.scoring.ProblemList;
import com.smoft.crm.scoring.RecordProblem;
import com.smoft.crm.system.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;

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
     * A row left out of a CSV batch read with {@code ?invalid=skip}.
     *
     * @param line       its line in the file
     * @param customerId its {@code customer_id} as written
     * @param problems   each bad value and why
     */
    record Rejected(
            long line, String customerId, @JsonIgnore List<RecordProblem> problems) {

        /** Each bad value and why, as the wire writes it. */
        @JsonProperty("errors")
        List<WireProblems.RowError> errors() {
            return problems.stream().map(WireProblems.RowError::of).toList();
        }
    }

    /**
     * A CSV batch whose rows break the rules, answered 422: the first {@value ProblemList#MAX_LISTED} problems in
     * {@code errors} by line and column, and the count of all; the first in the detail, in the caller's language.
     */
    static final class InvalidCsvException extends ProblemException {
        private final transient RecordProblem first;
        private final int total;

        InvalidCsvException(ProblemList<RecordProblem> problems) {
            super(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    InvalidCustomerException.TYPE,
                    "invalid-customer",
                    problems.total() == 1 ? "invalid-csv.one" : "invalid-csv.many",
                    null);
            this.first = problems.listed().getFirst();
            this.total = problems.total();
            getBody()
                    .setProperty(
                            "errors",
                            problems.listed().stream()
                                    .map(WireProblems.RowError::of)
                                    .toList());
            if (problems.truncated()) {
                getBody().setProperty("total_errors", total);
            }
        }

        /** Line, column (", column total_spent"), reason, value (" (value 'abc')") and count, the fragments in the caller's words. */
        @Override
        public Object[] getDetailMessageArguments(MessageSource messages, Locale locale) {
            String column = first.field().isEmpty()
                    ? ""
                    : messages.getMessage("problemDetail.invalid-csv.column", new Object[] {first.field()}, locale);
            String value = first.value().isEmpty()
                    ? ""
                    : messages.getMessage("problemDetail.invalid-csv.value", new Object[] {first.value()}, locale);
            return new Object[] {
                Long.toString(first.position()),
                column,
                messages.getMessage(WireProblems.reason(first), locale),
                value,
                Integer.toString(total)
            };
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
            ProblemList<RecordProblem> problems = new ProblemList<>();
            ProblemList<Rejected> rejected =
                    new ProblemList<>(row -> row.problems().size());
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
                if (skipInvalid) {
                    rejected.add(new Rejected(
                            row.line(), InputField.excerpt(row.value(reader, "customer_id")), row.problems()));
                } else {
                    problems.addAll(row.problems());
                }
            }
            if (!rejected.isEmpty() && customers.isEmpty()) {
                // Nothing valid to score: a 200 with nothing in it would read as success.
                rejected.listed().forEach(row -> problems.addAll(row.problems()));
                problems.countUnlisted(rejected.problems() - rejected.listedProblems());
            }
            if (rows == 0) {
                problems.add(RecordProblem.noCustomer(1, "", "the file holds a header but no customer"));
            }
            if (!problems.isEmpty()) {
                throw new InvalidCsvException(problems);
            }
            return new BatchReader.Batch(
                    customers, false, skipInvalid ? rejected.listed() : null, rejected.total(), leftOut);
        }
    }
}
