package com.smoft.crm.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smoft.crm.scoring.Customer;
import com.smoft.crm.scoring.CustomerId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTextTests {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private static final String HEADER =
            "Nom;customer_id;days_since_last_contact;total_contacts;total_spent;emails_sent;emails_opened;"
                    + "website_visits;customer_age_days\n";

    /** A row of plain ASCII: {@code rows} of them make a file whose start says nothing of its charset. */
    private static String asciiRow(int i) {
        return "Martin;C-" + i + ";5;10;1500,50;8;6;15;120\n";
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static String read(CsvText text) throws IOException {
        StringBuilder all = new StringBuilder();
        char[] buffer = new char[777];
        for (int n = text.read(buffer); n >= 0; n = text.read(buffer)) {
            all.append(buffer, 0, n);
        }
        return all.toString();
    }

    private static CsvText open(byte[] bytes, Charset declared) throws IOException {
        return CsvText.open(new ByteArrayInputStream(bytes), declared);
    }

    @Test
    void shouldReadOnAsWindows1252AFileWhoseFirstAccentComesAfterThePartLookedAt() throws IOException {
        StringBuilder ascii = new StringBuilder(HEADER);
        for (int i = 0; ascii.length() <= CsvText.SNIFF_BYTES; i++) {
            ascii.append(asciiRow(i));
        }
        String accented = "Hélène Crémieux;C-LAST;5;10;1500,50;8;6;15;120\n";
        byte[] file = concat(ascii.toString().getBytes(StandardCharsets.US_ASCII), accented.getBytes(WINDOWS_1252));

        try (CsvText text = open(file, null)) {
            assertThat(read(text)).isEqualTo(ascii + accented);
            assertThat(text.charset()).isEqualTo(WINDOWS_1252);
        }
        // Through the customer reader: the name as written, not replacement characters.
        try (CustomerCsvReader reader =
                CustomerCsvReader.open(new ByteArrayInputStream(file), null, "export.csv", List.of())) {
            List<CustomerCsvReader.Row> rows = new ArrayList<>();
            reader.forEach(rows::add);
            assertThat(rows.getLast().value(reader, "Nom")).isEqualTo("Hélène Crémieux");
        }
    }

    @Test
    void shouldRefuseAUtf8FileBrokenFurtherOnNamingTheLine() throws IOException {
        StringBuilder utf8 = new StringBuilder(HEADER).append("Élise;C-0;5;10;1500,50;8;6;15;120\n");
        for (int i = 1; utf8.length() <= CsvText.SNIFF_BYTES; i++) {
            utf8.append(asciiRow(i));
        }
        long brokenLine = utf8.chars().filter(c -> c == '\n').count() + 1;
        byte[] file = concat(
                utf8.toString().getBytes(StandardCharsets.UTF_8),
                "Gérard;C-LAST;5;10;1500,50;8;6;15;120\n".getBytes(WINDOWS_1252));

        try (CsvText text = open(file, null)) {
            assertThatThrownBy(() -> read(text))
                    .isInstanceOfSatisfying(CustomerCsvReader.CsvFormatException.class, refused -> {
                        assertThat(refused.reason())
                                .isEqualTo(CustomerCsvReader.CsvFormatException.Reason.MALFORMED_TEXT);
                        assertThat(refused.params()).containsEntry("line", brokenLine);
                        assertThat(refused.params()).containsEntry("charset", "UTF-8");
                    });
        }
    }

    @Test
    void shouldRefuseBytesThatAreNotUtf8AfterAByteOrderMarkOrADeclaredUtf8() throws IOException {
        byte[] body = concat(
                HEADER.getBytes(StandardCharsets.US_ASCII),
                "Gérard;C-1;5;10;1500,50;8;6;15;120\n".getBytes(WINDOWS_1252));
        for (byte[] bytes : List.of(concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, body), body)) {
            try (CsvText text = open(bytes, StandardCharsets.UTF_8)) {
                assertThatThrownBy(() -> read(text))
                        .isInstanceOfSatisfying(
                                CustomerCsvReader.CsvFormatException.class,
                                refused -> assertThat(refused.params()).containsEntry("line", 2L));
            }
        }
    }

    @Test
    void shouldCountLinesEndedByACarriageReturnAloneAsExcelForMacWritesThem() throws IOException {
        String lines = "a\rb\r\nc\nd\r\r";
        byte[] file = concat(("\uFEFF" + lines).getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xE9, '\r'});
        try (CsvText text = open(file, null)) {
            assertThatThrownBy(() -> read(text))
                    .isInstanceOfSatisfying(
                            CustomerCsvReader.CsvFormatException.class,
                            refused -> assertThat(refused.params()).containsEntry("line", 6L));
        }
    }

    @Test
    void shouldRefuseBrokenTextInADeclaredMultiByteCharsetRatherThanSwallowWhatFollows() throws IOException {
        // A lone surrogate, then the separator: replaced, it took the separator with it.
        byte[] file = concat(
                "x;".getBytes(StandardCharsets.UTF_16LE),
                new byte[] {0x00, (byte) 0xD8},
                ";y\n".getBytes(StandardCharsets.UTF_16LE));
        try (CsvText text = open(file, StandardCharsets.UTF_16LE)) {
            assertThatThrownBy(() -> read(text))
                    .isInstanceOfSatisfying(
                            CustomerCsvReader.CsvFormatException.class,
                            refused -> assertThat(refused.params()).containsEntry("charset", "UTF-16LE"));
        }
        // Windows-1252 declared stays lenient: a byte it lacks is one replaced character, the rest read.
        try (CsvText text = open(new byte[] {'a', (byte) 0x81, ';', 'b'}, WINDOWS_1252)) {
            assertThat(read(text)).isEqualTo("a\uFFFD;b");
        }
    }

    @Test
    void shouldReadExcelsUnicodeTextExportTabSeparatedInUtf16() throws IOException {
        String export =
                "Société\tN° client\tJours depuis dernier contact\tNb contacts\tMontant dépensé\tEmails envoyés\t"
                        + "Emails ouverts\tVisites site\tAncienneté (jours)\r\n"
                        + "Élise Crémieux SARL\t00Q5e00000AbCdE\t5\t10\t1 500,50\t8\t6\t15\t120\r\n";
        byte[] file = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, export.getBytes(StandardCharsets.UTF_16LE));

        try (CustomerCsvReader reader =
                CustomerCsvReader.open(new ByteArrayInputStream(file), null, "export.txt", List.of())) {
            assertThat(reader.charset()).isEqualTo(StandardCharsets.UTF_16LE);
            assertThat(reader.separator()).isEqualTo('\t');
            assertThat(reader.byteOrderMark()).isTrue();
            List<CustomerCsvReader.Row> rows = new ArrayList<>();
            reader.forEach(rows::add);
            assertThat(rows)
                    .extracting(CustomerCsvReader.Row::customer)
                    .containsExactly(new Customer(CustomerId.of("00Q5e00000AbCdE"), 5, 10, 1500.50, 8, 6, 15, 120));
            assertThat(rows.getFirst().value(reader, "société")).isEqualTo("Élise Crémieux SARL");
        }
    }

    @Test
    void shouldReadTheSameTextWhateverTheSizeOfEachRead() throws IOException {
        byte[] file = concat(
                new byte[] {(byte) 0xFF, (byte) 0xFE}, "é€😀;x\n".repeat(5000).getBytes(StandardCharsets.UTF_16LE));
        try (CsvText text = open(file, null)) {
            StringBuilder all = new StringBuilder();
            int size = 1;
            char[] buffer = new char[64];
            for (int n = text.read(buffer, 0, size); n >= 0; n = text.read(buffer, 0, size)) {
                all.append(buffer, 0, n);
                size = size % 64 + 1;
            }
            assertThat(all.toString()).isEqualTo("é€😀;x\n".repeat(5000));
        }
        try (Reader text = open(new byte[0], null)) {
            assertThat(text.read(new char[8])).isEqualTo(-1);
        }
    }
}
