package com.smoft.crm.csv;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.util.Map;

/**
 * Refuses a CSV value longer than a limit as soon as the reading passes it, so that what one value costs (the
 * parser keeps each whole) is bounded by the limit, not by the body. It follows the quoting the parser reads
 * (RFC 4180, surrounding spaces ignored): a value is quoted when its first character other than a space is a
 * quote, and inside it a doubled quote stands for one quote.
 */
final class ValueLengthLimit extends FilterReader {

    private final char separator;
    private final int maxChars;
    private boolean atValueStart = true;
    private boolean quoted;
    private boolean quoteSeen;
    private int valueChars;
    private long line;

    /**
     * @param in        the characters after the header's first character
     * @param separator the file's separator
     * @param maxChars  the longest value accepted, in characters
     * @param firstLine the line number of the first character, for messages
     */
    ValueLengthLimit(Reader in, char separator, int maxChars, long firstLine) {
        super(in);
        this.separator = separator;
        this.maxChars = maxChars;
        this.line = firstLine;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            see((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        for (int i = offset; i < offset + n; i++) {
            see(buffer[i]);
        }
        return n;
    }

    private void see(char c) {
        if (c == '\n') {
            line++;
        }
        if (quoted) {
            if (quoteSeen) {
                quoteSeen = false;
                if (c == '"') {
                    grow();
                    return;
                }
                quoted = false;
            } else {
                if (c == '"') {
                    quoteSeen = true;
                } else {
                    grow();
                }
                return;
            }
        }
        if (c == separator || c == '\n' || c == '\r') {
            atValueStart = true;
            valueChars = 0;
        } else if (atValueStart && c == '"') {
            quoted = true;
            atValueStart = false;
        } else {
            atValueStart &= c == ' ';
            grow();
        }
    }

    private void grow() {
        if (++valueChars > maxChars) {
            throw new CustomerCsvReader.CsvFormatException(
                    CustomerCsvReader.CsvFormatException.Reason.VALUE_TOO_LONG,
                    Map.of("line", line, "max_length", maxChars),
                    "line " + line + " holds a value longer than " + maxChars
                            + " characters, more than any column of a customer export needs");
        }
    }
}
