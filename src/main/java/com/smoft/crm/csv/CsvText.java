package com.smoft.crm.csv;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A CSV file's bytes as text, for both readers. The charset is the one a byte order mark gives (UTF-8, or the UTF-16
 * of Excel's "Texte Unicode"), else the one the sender declared, else UTF-8 when the first {@value #SNIFF_BYTES} bytes
 * are UTF-8, else Windows-1252 (a French Excel's "CSV (séparateur : point-virgule)"). A declared charset is read
 * strictly, but Windows-1252. A file taken for UTF-8 on its
 * first bytes alone, all of them plain ASCII, that turns out not to be UTF-8 further on is read on as Windows-1252
 * from there: the same characters either way up to that point. A file whose UTF-8 (or UTF-16) text is broken further
 * on is refused, naming the line: replacement characters would be scored and echoed as if the file held them.
 */
final class CsvText extends Reader {

    /** Bytes looked at to tell UTF-8 from Windows-1252. */
    static final int SNIFF_BYTES = 64 * 1024;

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private final InputStream in;
    private final boolean byteOrderMark;
    private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
    private CharsetDecoder decoder;
    /** Whether bytes that are not UTF-8 further on mean Windows-1252, as long as every character so far is ASCII. */
    private boolean mayTurnWindows1252;

    private boolean beyondAscii;
    private boolean afterCarriageReturn;
    private long line = 1;
    private boolean ended;
    private boolean flushed;

    private CsvText(InputStream in, Charset charset, boolean strict, boolean byteOrderMark, boolean sniffed) {
        this.in = in;
        this.byteOrderMark = byteOrderMark;
        this.decoder = decoder(charset, strict);
        this.mayTurnWindows1252 = sniffed;
    }

    /**
     * Opens a CSV stream's text.
     *
     * @param declared the charset the sender declared, or {@code null} to detect it
     */
    static CsvText open(InputStream in, Charset declared) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, SNIFF_BYTES);
        buffered.mark(SNIFF_BYTES);
        byte[] start = buffered.readNBytes(SNIFF_BYTES);
        buffered.reset();
        Charset marked = byteOrderMarkOf(start);
        if (marked != null) {
            buffered.skipNBytes(marked == StandardCharsets.UTF_8 ? 3 : 2);
            return new CsvText(buffered, marked, true, true, false);
        }
        if (declared != null) {
            // Strict but for Windows-1252: one byte a character there, and a byte it lacks replaced alone, where a
            // multi-byte charset's decoder could take the separator after it as part of the broken character.
            return new CsvText(buffered, declared, !declared.equals(WINDOWS_1252), false, false);
        }
        return isUtf8(start, start.length < SNIFF_BYTES)
                ? new CsvText(buffered, StandardCharsets.UTF_8, true, false, true)
                : new CsvText(buffered, WINDOWS_1252, false, false, false);
    }

    /** The charset the text is read with now. */
    Charset charset() {
        return decoder.charset();
    }

    /** Whether the file began with a byte order mark. */
    boolean byteOrderMark() {
        return byteOrderMark;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        CharBuffer out = CharBuffer.wrap(buffer, offset, length);
        while (true) {
            if (flushed) {
                return out.position() > offset ? out.position() - offset : -1;
            }
            int from = out.position();
            CoderResult result = decoder.decode(bytes, out, ended);
            see(buffer, from, out.position());
            if (result.isError()) {
                if (mayTurnWindows1252 && !beyondAscii) {
                    decoder = decoder(WINDOWS_1252, false);
                    mayTurnWindows1252 = false;
                    continue;
                }
                String charset = decoder.charset().name();
                throw new CustomerCsvReader.CsvFormatException(
                        CustomerCsvReader.CsvFormatException.Reason.MALFORMED_TEXT,
                        Map.of("line", line, "charset", charset),
                        "line " + line + " holds bytes that are not " + charset + " text");
            }
            if (result.isOverflow()) {
                return out.position() - offset;
            }
            if (out.position() > offset) {
                return out.position() - offset;
            }
            if (ended) {
                decoder.flush(out);
                flushed = true;
            } else {
                fill();
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void see(char[] buffer, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = buffer[i];
            // A line ends with LF, CRLF or CR alone (Excel's "CSV (Macintosh)").
            if (c == '\r' || (c == '\n' && !afterCarriageReturn)) {
                line++;
            } else if (c > 0x7F) {
                beyondAscii = true;
            }
            afterCarriageReturn = c == '\r';
        }
    }

    private void fill() throws IOException {
        bytes.compact();
        int read = in.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        if (read < 0) {
            ended = true;
        } else {
            bytes.position(bytes.position() + read);
        }
        bytes.flip();
    }

    private static CharsetDecoder decoder(Charset charset, boolean strict) {
        CodingErrorAction action = strict ? CodingErrorAction.REPORT : CodingErrorAction.REPLACE;
        return charset.newDecoder().onMalformedInput(action).onUnmappableCharacter(action);
    }

    /** The charset a byte order mark at the start names, or {@code null} when there is none. */
    private static Charset byteOrderMarkOf(byte[] start) {
        if (start.length >= 3 && (start[0] & 0xFF) == 0xEF && (start[1] & 0xFF) == 0xBB && (start[2] & 0xFF) == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        if (start.length >= 2 && (start[0] & 0xFF) == 0xFF && (start[1] & 0xFF) == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        if (start.length >= 2 && (start[0] & 0xFF) == 0xFE && (start[1] & 0xFF) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    /** Whether bytes are valid UTF-8; a character cut by the end of a sample that goes on is not held against it. */
    static boolean isUtf8(byte[] bytes, boolean whole) {
        CharsetDecoder check = decoder(StandardCharsets.UTF_8, true);
        ByteBuffer input = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = check.decode(input, out, whole);
        if (result.isError()) {
            return false;
        }
        if (whole) {
            try {
                return !check.flush(out).isError() && !input.hasRemaining();
            } catch (IllegalStateException e) {
                return false;
            }
        }
        return true;
    }
}
