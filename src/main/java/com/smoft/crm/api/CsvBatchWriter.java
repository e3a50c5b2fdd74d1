package com.smoft.crm.api;

import com.smoft.crm.csv.CustomerCsvReader;
import com.smoft.crm.csv.FormulaCells;
import com.smoft.crm.scoring.InputField;
import com.smoft.crm.scoring.LeadScorer;
import com.smoft.crm.scoring.ScoredRow;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.function.UnaryOperator;
import org.apache.commons.csv.CSVFormat;

/**
 * Writes a scored CSV batch back as CSV, in the conventions of the file that came in: its separator, its other
 * columns carried through, then the scored row's table columns ({@link ScoredRow#TABLE}: {@code customer_id, score,
 * segment, probability, priority, next_action, recommendation}), then with the what-if search its columns
 * ({@link ScoredRow#WHAT_IF}: {@code next_step, next_step_score, at_risk_after}, empty where they have nothing to
 * say). A carried cell that a spreadsheet would run as a
 * formula is made inert ({@link FormulaCells});
 * a carried column named like one the answer adds is renamed ("score (fichier)"), so it is never read as the
 * model's. A semicolon file (French Excel) gets decimal commas and a UTF-8 byte order
 * mark, so that Excel opens it cleanly; a file that came with a byte order mark gets one back. The input is
 * read a second time from where it was kept, one row at a time, so the answer is written as it is built.
 */
final class CsvBatchWriter {

    private static final int BUFFER_CHARS = 64 * 1024;

    private static final String RECORD_SEPARATOR = "\r\n";

    private final CSVFormat format;
    private final char separator;
    private final boolean decimalComma;
    private final Locale locale;
    private final LeadScorer.ScoredBatch scored;
    /** The columns added after the file's own, in the scored row's order. */
    private final List<ScoredRow.Column> added;
    /** The codes and texts of the answer's columns, escaped: the same few repeat on every row. */
    private final Map<String, String> escaped = new HashMap<>();
    /** Every column of the file carried, its own {@code customer_id} included, rather than only the others. */
    private final boolean allColumns;
    /** The header of a file's own column named like one the answer adds ("score (fichier)"). */
    private final UnaryOperator<String> fromFile;

    private CsvBatchWriter(
            char separator,
            Locale locale,
            LeadScorer.ScoredBatch scored,
            boolean allColumns,
            boolean whatIf,
            UnaryOperator<String> fromFile) {
        this.format = CSVFormat.DEFAULT
                .builder()
                .setDelimiter(separator)
                .setRecordSeparator(RECORD_SEPARATOR)
                .get();
        this.separator = separator;
        this.decimalComma = separator != ',';
        this.locale = locale;
        this.scored = scored;
        this.allColumns = allColumns;
        this.fromFile = fromFile;
        // The customer id comes first, with the file's own columns; with all of them, the file's own id is the one.
        List<ScoredRow.Column> added =
                new ArrayList<>(allColumns ? ScoredRow.TABLE.subList(1, ScoredRow.TABLE.size()) : ScoredRow.TABLE);
        if (whatIf) {
            added.addAll(ScoredRow.WHAT_IF);
        }
        this.added = List.copyOf(added);
    }

    /**
     * Writes the answer.
     *
     * @param input    the batch as it came in, read again from the start
     * @param declared the charset the request declared, or {@code null}
     * @param scored   the valid rows' scores, in input order
     * @param leftOut  the positions of the data rows left out when the batch was read
     * @param order      the order to write them in, or {@code null} for input order
     * @param allColumns carry every column of the file (the eight fields included, the id once) rather than only
     *                   the others
     * @param whatIf     add the what-if search's columns (the batch was scored with it)
     * @param fromFile   the header of a file's own column named like one the answer adds
     * @param idColumn   told the position of the customer id among the answer's columns, before anything is written
     */
    static void write(
            InputStream input,
            Charset declared,
            LeadScorer.ScoredBatch scored,
            BitSet leftOut,
            int[] order,
            boolean allColumns,
            boolean whatIf,
            UnaryOperator<String> fromFile,
            IntConsumer idColumn,
            Locale locale,
            OutputStream out)
            throws IOException {
        try (CustomerCsvReader reader = CustomerCsvReader.open(input, declared, "The CSV body", List.of())) {
            new CsvBatchWriter(reader.separator(), locale, scored, allColumns, whatIf, fromFile)
                    .write(reader, leftOut, order, idColumn, out);
        }
    }

    private void write(CustomerCsvReader reader, BitSet leftOut, int[] order, IntConsumer idColumn, OutputStream out)
            throws IOException {
        List<Integer> carried = new ArrayList<>();
        List<String> header = new ArrayList<>();
        Set<Integer> inputColumns = new HashSet<>();
        for (InputField field : InputField.values()) {
            inputColumns.add(reader.columnOf(field));
        }
        Set<String> addedNames = new HashSet<>();
        added.forEach(column -> addedNames.add(InputField.normalisedName(column.key())));
        for (int i = 0; i < reader.header().size(); i++) {
            String name = reader.header().get(i);
            if (allColumns || !inputColumns.contains(i)) {
                carried.add(i);
                // A file's own "score" beside the model's would be read as the model's: it says whose it is.
                // Compared as column names are: "Score ", "score\u200b" or a full-width "ｓｃｏｒｅ" is the same name to a
                // reader.
                header.add(addedNames.contains(InputField.normalisedName(name)) ? fromFile.apply(name) : name);
            }
        }
        added.forEach(column -> header.add(column.key()));
        idColumn.accept(allColumns ? carried.indexOf(reader.columnOf(InputField.CUSTOMER_ID)) : carried.size());
        if (decimalComma || reader.byteOrderMark()) {
            out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER_CHARS);
        StringBuilder line = new StringBuilder();
        for (String name : header) {
            format.print(FormulaCells.neutralised(name), line, line.isEmpty());
        }
        writer.append(line).append(RECORD_SEPARATOR);
        try (CarriedRows kept = order == null ? null : new CarriedRows(scored.size())) {
            int index = 0;
            // The rows were checked when the batch was read: this second reading only carries their columns over.
            for (int position = 0; reader.hasNext(); position++) {
                List<String> row = reader.nextValues();
                if (leftOut.get(position)) {
                    continue;
                }
                line.setLength(0);
                for (int column : carried) {
                    format.print(
                            FormulaCells.neutralised(column < row.size() ? row.get(column) : ""), line, line.isEmpty());
                }
                if (!allColumns) {
                    format.print(
                            FormulaCells.neutralised(scored.customerId(index).toString()), line, line.isEmpty());
                }
                if (kept != null) {
                    kept.add(line);
                } else {
                    printRow(writer, line, index);
                    if (index % BatchReader.YIELD_EVERY == BatchReader.YIELD_EVERY - 1) {
                        Thread.yield();
                    }
                }
                index++;
            }
            if (kept != null) {
                // The call list: rows in score order, their own columns read back from where they wait.
                for (int position : order) {
                    printRow(writer, kept.get(position), position);
                }
            }
        }
        writer.flush();
    }

    /** The file's own columns (and the customer id), already printed, then the scores. */
    private void printRow(Writer writer, CharSequence carried, int index) throws IOException {
        writer.append(carried);
        for (ScoredRow.Column column : added) {
            if (column == ScoredRow.Column.CUSTOMER_ID) {
                // Printed with the file's own columns, before the rows are put in order.
                continue;
            }
            Object given = ScoredRow.value(column, scored, index, locale);
            writer.append(separator);
            if (given == null) {
                continue;
            }
            String value = given.toString();
            writer.append(
                    switch (column.kind()) {
                        case WHOLE, ID -> value;
                        case DECIMAL -> decimalComma ? value.replace('.', ',') : value;
                        // The next step's numbers vary from customer to customer: not worth keeping.
                        case CODE, TEXT ->
                            column == ScoredRow.Column.NEXT_STEP
                                    ? escape(value)
                                    : escaped.computeIfAbsent(value, this::escape);
                    });
        }
        writer.append(RECORD_SEPARATOR);
    }

    private String escape(String value) {
        StringBuilder escaped = new StringBuilder();
        try {
            format.print(value, escaped, true);
        } catch (IOException e) {
            throw new UncheckedIOException("a StringBuilder does not fail", e);
        }
        return escaped.toString();
    }

    /**
     * The printed own columns of each row of a call list, kept in a temporary file while the rows wait to be
     * written in score order: memory holds one offset per row, whatever the width of the file.
     */
    private static final class CarriedRows implements Closeable {
        private final Path file;
        private final OutputStream out;
        private final long[] offsets;
        private int rows;
        private long written;
        private FileChannel in;

        CarriedRows(int capacity) throws IOException {
            this.file = Files.createTempFile("smoft-carried-", ".csv");
            this.out = new BufferedOutputStream(Files.newOutputStream(file), BUFFER_CHARS);
            this.offsets = new long[capacity + 1];
        }

        void add(CharSequence printed) throws IOException {
            byte[] bytes = printed.toString().getBytes(StandardCharsets.UTF_8);
            out.write(bytes);
            written += bytes.length;
            offsets[++rows] = written;
        }

        String get(int row) throws IOException {
            if (in == null) {
                out.close();
                in = FileChannel.open(file, StandardOpenOption.READ);
            }
            ByteBuffer bytes = ByteBuffer.allocate((int) (offsets[row + 1] - offsets[row]));
            while (bytes.hasRemaining()) {
                if (in.read(bytes, offsets[row] + bytes.position()) < 0) {
                    throw new IOException("the kept rows ended early");
                }
            }
            return new String(bytes.array(), StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            try (OutputStream closingOut = out;
                    FileChannel closingIn = in) {
                // Both closed, then the file goes.
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }
}
