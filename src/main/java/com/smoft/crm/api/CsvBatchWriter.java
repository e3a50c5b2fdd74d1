package com.smoft.crm.api;

import com.smoft.crm.csv.CustomerCsvReader;
import com.smoft.crm.scoring.LeadScorer;
import com.smoft.crm.scoring.Segment;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a scored CSV batch back as CSV, in the conventions of the file that came in: its separator, its other
 * columns carried through unchanged, then {@code customer_id, score, segment, probability, priority,
 * next_action, recommendation}. A semicolon file (French Excel) gets decimal commas and a UTF-8 byte order
 * mark, so that Excel opens it cleanly; a file that came with a byte order mark gets one back. The input is
 * read a second time from where it was kept, one row at a time, so the answer is written as it is built.
 */
final class CsvBatchWriter {

    /** The columns added after the file's own. */
    static final List<String> SCORE_COLUMNS = List.of("customer_id", "score", "segment", "probability", "priority",
            "next_action", "recommendation");

    private static final int BUFFER_CHARS = 64 * 1024;

    private final CSVFormat format;
    private final char separator;
    private final boolean decimalComma;
    private final Locale locale;
    private final LeadScorer.ScoredBatch scored;
    /** Per segment and next action, the escaped columns after the probability: they repeat on most rows. */
    private final Map<String, String> endings = new HashMap<>();
    /** Every column of the file carried, its own {@code customer_id} included, rather than only the others. */
    private final boolean allColumns;

    private CsvBatchWriter(char separator, Locale locale, LeadScorer.ScoredBatch scored, boolean allColumns) {
        this.format = CSVFormat.DEFAULT.builder().setDelimiter(separator).setRecordSeparator("\r\n").get();
        this.separator = separator;
        this.decimalComma = separator != ',';
        this.locale = locale;
        this.scored = scored;
        this.allColumns = allColumns;
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
     */
    static void write(InputStream input, Charset declared, LeadScorer.ScoredBatch scored, BitSet leftOut, int[] order,
                      boolean allColumns, Locale locale, OutputStream out) throws IOException {
        try (CustomerCsvReader reader = CustomerCsvReader.open(input, declared, "The CSV body", List.of())) {
            new CsvBatchWriter(reader.separator(), locale, scored, allColumns).write(reader, leftOut, order, out);
        }
    }

    private void write(CustomerCsvReader reader, BitSet leftOut, int[] order, OutputStream out) throws IOException {
        List<Integer> carried = new ArrayList<>();
        List<String> header = new ArrayList<>();
        Set<String> inputColumns = Set.copyOf(CustomerCsvReader.INPUT_COLUMNS);
        for (int i = 0; i < reader.header().size(); i++) {
            if (allColumns || !inputColumns.contains(reader.header().get(i).toLowerCase(Locale.ROOT))) {
                carried.add(i);
                header.add(reader.header().get(i));
            }
        }
        header.addAll(allColumns ? SCORE_COLUMNS.subList(1, SCORE_COLUMNS.size()) : SCORE_COLUMNS);
        if (decimalComma || reader.byteOrderMark()) {
            out.write(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER_CHARS);
        CSVPrinter printer = new CSVPrinter(writer, format);
        printer.printRecord(header);
        List<List<String>> kept = order == null ? null : new ArrayList<>(scored.size());
        int index = 0;
        // The rows were checked when the batch was read: this second reading only carries their columns over.
        for (int position = 0; reader.hasNext(); position++) {
            List<String> row = reader.nextValues();
            if (leftOut.get(position)) {
                continue;
            }
            List<String> values = new ArrayList<>(carried.size());
            for (int column : carried) {
                values.add(column < row.size() ? row.get(column) : "");
            }
            if (kept != null) {
                kept.add(values);
            } else {
                printRow(printer, writer, values, index);
                if (index % BatchReader.YIELD_EVERY == BatchReader.YIELD_EVERY - 1) {
                    Thread.yield();
                }
            }
            index++;
        }
        if (kept != null) {
            // The call list: rows in score order, so the file's own columns of every row wait here first.
            for (int position : order) {
                printRow(printer, writer, kept.get(position), position);
            }
        }
        printer.flush();
    }

    /** The file's own columns and the customer id through the CSV printer (they may need quotes), then the scores. */
    private void printRow(CSVPrinter printer, Writer writer, List<String> values, int index) throws IOException {
        for (String value : values) {
            printer.print(value);
        }
        if (!allColumns) {
            printer.print(scored.customerId(index).toString());
        }
        Segment segment = scored.segment(index);
        String probability = Double.toString(ScoreResponse.rounded(scored.probability(index)));
        writer.append(separator).append(Integer.toString(scored.score(index)))
                .append(separator).append(segment.label())
                .append(separator).append(decimalComma ? probability.replace('.', ',') : probability)
                .append(ending(segment, scored.nextActionCode(index), index));
        printer.println();
    }

    private String ending(Segment segment, String nextAction, int index) throws IOException {
        String key = segment.name() + ' ' + nextAction;
        String ending = endings.get(key);
        if (ending == null) {
            StringBuilder escaped = new StringBuilder();
            for (String value : List.of(segment.priority(), nextAction, scored.recommendation(index, locale))) {
                escaped.append(separator);
                format.print(value, escaped, true);
            }
            ending = escaped.toString();
            endings.put(key, ending);
        }
        return ending;
    }
}
