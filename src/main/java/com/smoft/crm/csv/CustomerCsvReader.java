package com.smoft.crm.csv;

import com.smoft.crm.scoring.Customer;
import com.smoft.crm.scoring.InputField;
import com.smoft.crm.scoring.RecordProblem;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * Reads customers from a CSV file as CRMs and French Excel export them: a header naming the eight input
 * columns in any order, with any other columns beside them; {@code ,} {@code ;} or tab as separator (found
 * from the header); decimal commas when the separator is not a comma, and spaces as thousands separators;
 * UTF-8 with or without a BOM, UTF-16 with a BOM, or Windows-1252 ({@link CsvText}). Rows are read one at a time, so a file of any length needs
 * memory for one row. One reader serves the batch endpoint and the {@code train} command.
 */
public final class CustomerCsvReader implements Closeable, Iterable<CustomerCsvReader.Row> {

    /** The eight input columns, as {@link InputField} names them. */
    public static final List<String> INPUT_COLUMNS = InputField.KEYS;

    /** The longest value of any column accepted, in characters: a CRM note fits, a value of megabytes is refused. */
    public static final int MAX_VALUE_CHARS = 64 * 1024;

    /** The longest header line accepted, in characters (a thousand columns of long names fit). */
    public static final int MAX_HEADER_CHARS = 1024 * 1024;

    /** The most columns a header may name: the widest sheet Excel and LibreOffice hold. */
    public static final int MAX_COLUMNS = 16_384;

    /** Column names of a header a problem repeats at most. */
    private static final int MAX_FOUND_NAMES = 20;

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    /** The next record that is not blank, read ahead, and the line it ends on; {@code null} when not read yet. */
    private CSVRecord ahead;

    private long aheadLine;
    private final Map<String, Integer> columnIndex;
    private final List<String> header;
    private final char separator;
    private final CsvText text;
    private final CustomerRowParser rows;

    /**
     * One data row: its line in the file, the customer when every input value is valid, and otherwise each
     * bad value with why.
     *
     * @param line     the row's line number in the file, the header being line 1
     * @param customer the customer, or {@code null} when a value is bad
     * @param problems each bad value, empty when the row is valid
     * @param values   every value of the row, in header order
     */
    public record Row(long line, Customer customer, List<RecordProblem> problems, List<String> values) {

        /** The value of a column of the header, named as written (whatever its case) or by a field's key, as written. */
        public String value(CustomerCsvReader reader, String column) {
            Integer index = reader.indexOf(column);
            return index == null || index >= values.size() ? null : values.get(index);
        }
    }

    private CustomerCsvReader(CSVParser parser, char separator, CsvText text, List<String> required, String source) {
        this.parser = parser;
        this.records = parser.iterator();
        this.separator = separator;
        this.text = text;
        this.header = parser.getHeaderNames().stream()
                .map(name -> name.replace("\uFEFF", "").strip())
                .toList();
        this.columnIndex = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            columnIndex.putIfAbsent(header.get(i).toLowerCase(Locale.ROOT), i);
        }
        this.rows = new CustomerRowParser(header, separator);
        List<String> missing =
                required.stream().filter(column -> indexOf(column) == null).toList();
        if (!missing.isEmpty()) {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("columns", missing);
            params.put("required", required);
            params.put(
                    "found",
                    header.stream()
                            .map(InputField::excerpt)
                            .limit(MAX_FOUND_NAMES)
                            .toList());
            throw new CsvFormatException(
                    CsvFormatException.Reason.MISSING_COLUMN,
                    params,
                    source + ": the header lacks the column(s) " + String.join(", ", missing)
                            + "; it needs " + String.join(", ", required)
                            + ", in any order, by these names or their usual French and "
                            + "English ones (N° client, Nb contacts, Montant dépensé...: GET /api/contract lists them) (found: "
                            + InputField.excerpt(String.join(", ", header)) + ")");
        }
    }

    /**
     * Opens a CSV stream and reads its header.
     *
     * @param in       the bytes
     * @param declared the charset the sender declared, or {@code null} to detect it
     * @param source   how messages name the file ("history.csv", "the request body")
     * @param extra    columns required beyond the eight input columns (e.g. {@code converted})
     * @throws CsvFormatException   no header, a header too long or without a required column
     * @throws UncheckedIOException a header the CSV parser cannot read (an unclosed quote)
     */
    public static CustomerCsvReader open(InputStream in, Charset declared, String source, List<String> extra)
            throws IOException {
        CsvText text = CsvText.open(in, declared);
        BufferedReader reader = new BufferedReader(text, MAX_HEADER_CHARS + 1);
        String headerLine = headerLine(reader, source);
        if (headerLine.isBlank()) {
            throw new CsvFormatException(
                    CsvFormatException.Reason.EMPTY_FILE,
                    Map.of(),
                    source + " is empty: it needs a header line naming the columns "
                            + String.join(", ", INPUT_COLUMNS));
        }
        char separator = separatorOf(headerLine);
        long columns = headerLine.chars().filter(c -> c == separator).count() + 1;
        if (columns > MAX_COLUMNS) {
            throw new CsvFormatException(
                    CsvFormatException.Reason.HEADER_TOO_WIDE,
                    Map.of("max_columns", MAX_COLUMNS),
                    source + ": the header names more than " + MAX_COLUMNS + " columns, more than a spreadsheet holds");
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
        List<String> required = new ArrayList<>(INPUT_COLUMNS);
        required.addAll(extra);
        Reader bounded = new ValueLengthLimit(reader, separator, MAX_VALUE_CHARS, 1);
        CSVParser parser;
        try {
            parser = CSVParser.parse(bounded, format);
        } catch (CSVException unreadableHeader) {
            throw new UncheckedIOException(unreadableHeader);
        }
        return new CustomerCsvReader(parser, separator, text, required, source);
    }

    /** The first line, read without consuming it; refused when longer than {@value #MAX_HEADER_CHARS} characters. */
    static String headerLine(BufferedReader reader, String source) throws IOException {
        reader.mark(MAX_HEADER_CHARS + 1);
        StringBuilder line = new StringBuilder();
        for (int c = reader.read(); c >= 0 && c != '\n' && c != '\r'; c = reader.read()) {
            if (line.length() == MAX_HEADER_CHARS) {
                throw new CsvFormatException(
                        CsvFormatException.Reason.HEADER_TOO_LONG,
                        Map.of("max_length", MAX_HEADER_CHARS),
                        source + ": the header line is longer than " + MAX_HEADER_CHARS
                                + " characters; it should name the columns, such as "
                                + String.join(", ", INPUT_COLUMNS));
            }
            line.append((char) c);
        }
        reader.reset();
        return line.toString();
    }

    /** The separator of a header line: whichever of {@code ;} tab and {@code ,} it holds most, a comma when none. */
    static char separatorOf(String headerLine) {
        char best = ',';
        long bestCount = headerLine.chars().filter(c -> c == ',').count();
        for (char candidate : new char[] {';', '\t'}) {
            long count = headerLine.chars().filter(c -> c == candidate).count();
            if (count > bestCount) {
                best = candidate;
                bestCount = count;
            }
        }
        return best;
    }

    /** The column of a field's key or of a name as the header writes it, whatever its case; {@code null} when none. */
    private Integer indexOf(String column) {
        for (InputField field : InputField.values()) {
            if (field.key().equals(column)) {
                int index = rows.columnOf(field);
                return index < 0 ? null : index;
            }
        }
        return columnIndex.get(column.toLowerCase(Locale.ROOT));
    }

    /** The column holding a field, or -1 when the header names none. */
    public int columnOf(InputField field) {
        return rows.columnOf(field);
    }

    /** The separator found in the header. */
    public char separator() {
        return separator;
    }

    /** The charset the file is read with (Windows-1252 once a file taken for UTF-8 turned out not to be). */
    public Charset charset() {
        return text.charset();
    }

    /** Whether the file began with a byte order mark (UTF-8 or UTF-16). */
    public boolean byteOrderMark() {
        return text.byteOrderMark();
    }

    /** The header's column names, in file order. */
    public List<String> header() {
        return header;
    }

    /**
     * Whether there is another data row; an {@link UncheckedIOException} when the file cannot be read on. Rows whose
     * every value is blank ({@code ;;;;;;;;}, as Excel leaves below a table) are not data rows: they are passed over.
     */
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

    /** The next data row's values, unchecked: for a second reading of a file already checked. */
    public List<String> nextValues() {
        return take().toList();
    }

    /** The next data row, its values checked. */
    public Row next() {
        long line = hasNext() ? aheadLine : 0;
        return rows.parse(take().toList(), line);
    }

    private CSVRecord take() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more rows");
        }
        CSVRecord record = ahead;
        ahead = null;
        return record;
    }

    @Override
    public Iterator<Row> iterator() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return CustomerCsvReader.this.hasNext();
            }

            @Override
            public Row next() {
                return CustomerCsvReader.this.next();
            }
        };
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    /**
     * A file that cannot be read as a customer CSV at all: no header, a header without a required column, a value
     * longer than any export holds. Its {@link Reason} and parameters say which, for a client to translate.
     */
    public static final class CsvFormatException extends RuntimeException {

        /** Why the file cannot be read, by a stable code. */
        public enum Reason {
            /** The header lacks columns: parameters {@code columns} (those missing), {@code required}, {@code found}. */
            MISSING_COLUMN("missing_column"),
            /** No header line at all. */
            EMPTY_FILE("empty_file"),
            /** A header line longer than any list of column names: parameter {@code max_length}. */
            HEADER_TOO_LONG("header_too_long"),
            /** A header naming more columns than a spreadsheet holds: parameter {@code max_columns}. */
            HEADER_TOO_WIDE("header_too_wide"),
            /** A value longer than any column of an export: parameters {@code line} and {@code max_length}. */
            VALUE_TOO_LONG("value_too_long"),
            /** Several columns that could hold one field: parameters {@code field} and {@code columns}. */
            AMBIGUOUS_COLUMN("ambiguous_column"),
            /** Bytes that are not text in the file's charset: parameters {@code line} and {@code charset}. */
            MALFORMED_TEXT("malformed_text");

            private final String wireName;

            Reason(String wireName) {
                this.wireName = wireName;
            }

            /** The code as the wire and the web page spell it. */
            public String wireName() {
                return wireName;
            }
        }

        private final transient Reason reason;
        private final transient Map<String, Object> params;

        CsvFormatException(Reason reason, Map<String, Object> params, String message) {
            super(message);
            this.reason = reason;
            this.params = Map.copyOf(params);
        }

        /** Why the file cannot be read. */
        public Reason reason() {
            return reason;
        }

        /** The reason's parameters, snake_case names. */
        public Map<String, Object> params() {
            return params;
        }
    }
}
