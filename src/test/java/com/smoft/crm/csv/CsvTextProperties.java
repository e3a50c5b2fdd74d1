package com.smoft.crm.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The text of arbitrary bytes: read in reads of any size, the same characters or the same refusal, never another
 * exception; valid UTF-8 read as itself.
 */
class CsvTextProperties {

    /** The whole text read {@code size} characters at a time, or the refusal's line. */
    private static String readAll(byte[] bytes, int size) {
        try (CsvText text = CsvText.open(new ByteArrayInputStream(bytes), null)) {
            StringBuilder all = new StringBuilder();
            char[] buffer = new char[size];
            for (int n = text.read(buffer); n >= 0; n = text.read(buffer)) {
                all.append(buffer, 0, n);
            }
            return all.toString();
        } catch (CustomerCsvReader.CsvFormatException refused) {
            return "refused at line " + refused.params().get("line");
        } catch (IOException e) {
            throw new AssertionError("in-memory bytes cannot fail to read", e);
        }
    }

    @Property(tries = 500)
    void arbitraryBytesReadTheSameWhateverTheSizeOfEachRead(
            @ForAll @Size(max = 20_000) byte[] bytes, @ForAll @IntRange(min = 1, max = 9000) int size) {
        assertThat(readAll(bytes, size)).isEqualTo(readAll(bytes, 8192));
    }

    @Property(tries = 300)
    void validUtf8IsReadAsItself(@ForAll @Size(max = 2000) String written) {
        String text = written.replace('\uFEFF', ' ');
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertThat(readAll(bytes, 100)).isEqualTo(new String(bytes, StandardCharsets.UTF_8));
    }
}
