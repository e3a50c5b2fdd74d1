package com.smoft.crm.csv;

import com.smoft.crm.scoring.CustomerId;
import com.smoft.crm.scoring.InputField;
import com.smoft.crm.scoring.Outcome;
import com.smoft.crm.scoring.PostedOutcome;
import com.smoft.crm.scoring.RecordProblem;
import com.smoft.crm.scoring.WrittenTime;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * Reads outcomes from a CSV file with the customer reader's conventions ({@link CustomerCsvReader}): {@code ,}
 * {@code ;} or tab found from the header, its text read as {@link CsvText} reads it, values of at most
 * {@value CustomerCsvReader#MAX_VALUE_CHARS} characters, blank rows passed over, one row in memory at a time. Three
 * columns, in any order among others, by their keys or their French and English names: the customer
 * ({@code customer_id}, {@code client}, {@code identifiant}, {@code N° client}...), the outcome ({@code outcome},
 * {@code résultat}, {@code statut}...: converted, lost, 1/0, true/false, oui/non, signé/perdu, gagné/perdu, won/lost,
 * whatever the case and accents) and, optionally, when ({@code at}, {@code date}, {@code date de clôture}...: a date
 * (the whole day) or a time, {@link Outcome#timeOf}; now when absent or empty).
 */
public final class OutcomeCsvReader implements Closeable, Iterable<OutcomeCsvReader.Row> {

    /** The outcome column's key. */
    public static final String OUTCOME = "outcome";

    /** The time column's key. */
    public static final String AT = "at";

    /** The columns' keys, the customer's first: what an outcome file's header names. */
    public static final List<String> COLUMNS = List.of(InputField.CUSTOMER_ID.key(), OUTCOME, AT);

    private static final Set<String> ID_NAMES =
            names(InputField.CUSTOMER_ID.names(), "customer_id", "client", "customer", "lead", "n° client", "id lead");
    private static final Set<String> OUTCOME_NAMES = names(
            List.of(),
            OUTCOME,
            "résultat",
            "result",
            "issue",
            "statut",
            "status",
            "converted",
            "converti",
            "signé",
            "gagné",
            "won",
            "conversion");
    private static final Set<String> AT_NAMES = names(
            List.of(),
            AT,
            "date",
            "occurred_at",
            "quand",
            "when",
            "date résultat",
            "date de clôture",
            "date clôture",
            "closed at",
            "close date",
            "date signature",
            "date de signature",
            "heure");

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;
    private final int idColumn;
    private final int outcomeColumn;
    private final int atColumn;
    private final ZoneId zone;
    private final Instant now;
    private final Instant latest;
    private CSVRecord ahead;
    private long aheadLine;

    /**
     * A data row: its outcome when every value is valid, otherwise each bad value with why.
     *
     * @param line       its line in the file, the header being line 1
     * @param outcome    the outcome, or {@code null} when a value is bad
     * @param problems   each bad value, empty when the row is valid
     * @param customerId the customer's identifier as written, for a row left out
     */
    public record Row(long line, PostedOutcome outcome, List<RecordProblem> problems, String customerId) {}

    private OutcomeCsvReader(CSVParser parser, ZoneId zone, Instant now, Instant latest, String source) {
        this.parser = parser;
        this.records = parser.iterator();
        this.zone = zone;
        this.now = now;
        this.latest = latest;
        this.header = parser.getHeaderNames().stream()
                .map(name -> name.replace("\uFEFF", "").strip())
                .toList();
        this.idColumn = columnOf(ID_NAMES, InputField.CUSTOMER_ID.key());
        this.outcomeColumn = columnOf(OUTCOME_NAMES, OUTCOME);
        this.atColumn = columnOf(AT_NAMES, AT);
        List<String> missing = new ArrayList<>();
        if (idColumn < 0) {
            missing.add(InputField.CUSTOMER_ID.key());
        }
        if (outcomeColumn < 0) {
            missing.add(OUTCOME);
        }
        if (!missing.isEmpty()) {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("columns", missing);
            params.put("required", List.of(InputField.CUSTOMER_ID.key(), OUTCOME));
            params.put(
                    "found", header.stream().map(InputField::excerpt).limit(20).toList());
            throw new CustomerCsvReader.CsvFormatException(
                    CustomerCsvReader.CsvFormatException.Reason.MISSING_COLUMN,
                    params,
                    source + ": the header lacks the column(s) " + String.join(", ", missing)
                            + "; it needs customer_id (or client, identifiant...) and outcome (or résultat, statut...), "
                            + "and may give at (or date) (found: " + InputField.excerpt(String.join(", ", header))
                            + ")");
        }
    }

    /**
     * Opens a CSV stream of outcomes and reads its header.
     *
     * @param in       the bytes
     * @param declared the charset the sender declared, or {@code null} to detect it
     * @param source   how messages name the file
     * @param zone     where a date's day begins, and the zone of a time without an offset
     * @param now      the time of an outcome that gives none
     * @param latest   the latest time accepted: later ones are refused
     * @throws CustomerCsvReader.CsvFormatException no header, a header too long or without a required column, a value
     *                                              too long
     * @throws UncheckedIOException                 a header the CSV parser cannot read (an unclosed quote)
     */
    public static OutcomeCsvReader open(
            InputStream in, Charset declared, String source, ZoneId zone, Instant now, Instant latest)
            throws IOException {
        BufferedReader reader = new BufferedReader(CsvText.open(in, declared), CustomerCsvReader.MAX_HEADER_CHARS + 1);
        String headerLine = CustomerCsvReader.headerLine(reader, source);
        if (headerLine.isBlank()) {
            throw new CustomerCsvReader.CsvFormatException(
                    CustomerCsvReader.CsvFormatException.Reason.EMPTY_FILE,
                    Map.of(),
                    source + " is empty: it needs a header line naming the columns " + String.join(", ", COLUMNS));
        }
        char separator = CustomerCsvReader.separatorOf(headerLine);
        long columns = headerLine.chars().filter(c -> c == separator).count() + 1;
        if (columns > CustomerCsvReader.MAX_COLUMNS) {
            throw new CustomerCsvReader.CsvFormatException(
                    CustomerCsvReader.CsvFormatException.Reason.HEADER_TOO_WIDE,
                    Map.of("max_columns", CustomerCsvReader.MAX_COLUMNS),
                    source + ": the header names more than " + CustomerCsvReader.MAX_COLUMNS
                            + " columns, more than a spreadsheet holds");
        }
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setDelimiter(separator)
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true)
                .setAllowMissingColumnNames(true)
                .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
                .get();
        Reader bounded = new ValueLengthLimit(reader, separator, CustomerCsvReader.MAX_VALUE_CHARS, 1);
        CSVParser parser;
        try {
            parser = CSVParser.parse(bounded, format);
        } catch (CSVException unreadableHeader) {
            throw new UncheckedIOException(unreadableHeader);
        }
        return new OutcomeCsvReader(parser, zone, now, latest, source);
    }

    /** Whether there is another data row; rows whose every value is blank are passed over. */
    public boolean hasNext() {
        while (ahead == null && records.hasNext()) {
            CSVRecord record = records.next();
            if (!record.stream().allMatch(String::isBlank)) {
                ahead = record;
                aheadLine = record.getParser().getCurrentLineNumber();
            }
        }
        return ahead != null;
    }

    /** The next data row, its values checked. */
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more rows");
        }
        CSVRecord record = ahead;
        long line = aheadLine;
        ahead = null;
        List<String> values = record.toList();
        List<RecordProblem> problems = new ArrayList<>();
        String id = valueOf(values, idColumn);
        int needed = Math.max(idColumn, Math.max(outcomeColumn, atColumn)) + 1;
        if (values.size() < needed) {
            problems.add(RecordProblem.valueCount(line, String.join(",", values), values.size(), header.size()));
            return new Row(line, null, problems, InputField.excerpt(id));
        }
        if (id.isEmpty()) {
            problems.add(RecordProblem.missing(line, header.get(idColumn)));
        } else if (!id.matches("0|[1-9]\\d{0,17}") && !CustomerId.isValidText(id)) {
            problems.add(RecordProblem.notAnId(line, header.get(idColumn), id));
        }
        String written = valueOf(values, outcomeColumn);
        Outcome outcome = null;
        if (written.isEmpty()) {
            problems.add(RecordProblem.missing(line, header.get(outcomeColumn)));
        } else {
            outcome = Outcome.ofSpelling(written);
            if (outcome == null) {
                problems.add(RecordProblem.notOneOf(
                        line,
                        header.get(outcomeColumn),
                        written,
                        Outcome.CSV_SPELLINGS,
                        "must be converted or lost (or 1/0, true/false, oui/non, signé/perdu, gagné/perdu, won/lost)"));
            }
        }
        Instant at = now;
        String when = atColumn < 0 ? "" : valueOf(values, atColumn);
        if (!when.isEmpty()) {
            WrittenTime time = Outcome.timeOf(when, zone);
            if (time == null) {
                problems.add(RecordProblem.notATime(line, header.get(atColumn), when));
            } else if (time.start().isAfter(latest)) {
                problems.add(RecordProblem.inTheFuture(line, header.get(atColumn), when, latest.toString()));
            } else {
                at = time.end();
            }
        }
        PostedOutcome posted = problems.isEmpty() ? new PostedOutcome(line, id, outcome, at) : null;
        return new Row(line, posted, problems, InputField.excerpt(id));
    }

    @Override
    public Iterator<Row> iterator() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return OutcomeCsvReader.this.hasNext();
            }

            @Override
            public Row next() {
                return OutcomeCsvReader.this.next();
            }
        };
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    /**
     * The column of a header named by {@code key} or one of {@code names}; -1 when none. Two such columns (a creation
     * date and a closing date, a name and a number) are refused rather than one taken silently.
     */
    private int columnOf(Set<String> names, String key) {
        List<Integer> matches = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).equalsIgnoreCase(key) || names.contains(InputField.normalisedName(header.get(i)))) {
                matches.add(i);
            }
        }
        if (matches.size() > 1) {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("field", key);
            params.put(
                    "columns",
                    matches.stream().map(i -> InputField.excerpt(header.get(i))).toList());
            throw new CustomerCsvReader.CsvFormatException(
                    CustomerCsvReader.CsvFormatException.Reason.AMBIGUOUS_COLUMN,
                    params,
                    "several columns could hold " + key + ": " + params.get("columns"));
        }
        return matches.isEmpty() ? -1 : matches.getFirst();
    }

    private static String valueOf(List<String> values, int column) {
        String value = column < values.size() ? values.get(column) : null;
        return value == null ? "" : value.strip();
    }

    private static Set<String> names(List<String> more, String... names) {
        List<String> all = new ArrayList<>(more);
        all.addAll(List.of(names));
        return Set.copyOf(
                all.stream().map(InputField::normalisedName).distinct().toList());
    }
}
