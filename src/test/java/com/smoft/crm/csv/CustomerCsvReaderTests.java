package com.smoft.crm.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smoft.crm.scoring.Customer;
import com.smoft.crm.scoring.CustomerId;
import com.smoft.crm.scoring.InputField;
import com.smoft.crm.scoring.RecordProblem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomerCsvReaderTests {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** A French Excel export: semicolons, decimal commas, thousands spaces, accents, columns in its own order. */
    private static final String FRENCH_EXPORT = """
            Société;customer_id;total_spent;days_since_last_contact;total_contacts;emails_sent;emails_opened;website_visits;customer_age_days;Téléphone
            Élise Crémieux SARL;00Q5e00000AbCdE;1 500,50;5;10;8;6;15;120;01 23 45 67 89
            Boulangerie Gérard;1042;0,00;200;1;12;0;0;900;06 12 34 56 78
            """;

    private static List<CustomerCsvReader.Row> rows(CustomerCsvReader reader) {
        List<CustomerCsvReader.Row> rows = new ArrayList<>();
        reader.forEach(rows::add);
        return rows;
    }

    private static CustomerCsvReader open(byte[] bytes, Charset declared) throws IOException {
        return CustomerCsvReader.open(new ByteArrayInputStream(bytes), declared, "export.csv", List.of());
    }

    @Test
    void shouldReadAFrenchWindows1252ExportWithSemicolonsAndDecimalCommas() throws IOException {
        try (CustomerCsvReader reader = open(FRENCH_EXPORT.getBytes(WINDOWS_1252), null)) {
            assertThat(reader.separator()).isEqualTo(';');
            assertThat(reader.charset()).isEqualTo(WINDOWS_1252);
            List<CustomerCsvReader.Row> rows = rows(reader);
            assertThat(rows)
                    .extracting(CustomerCsvReader.Row::customer)
                    .containsExactly(
                            new Customer(CustomerId.of("00Q5e00000AbCdE"), 5, 10, 1500.50, 8, 6, 15, 120),
                            new Customer(CustomerId.of(1042), 200, 1, 0, 12, 0, 0, 900));
            assertThat(rows.getFirst().value(reader, "société")).isEqualTo("Élise Crémieux SARL");
            assertThat(rows.getFirst().line()).isEqualTo(2);
        }
    }

    @Test
    void shouldReadTheSameExportInUtf8WithOrWithoutAByteOrderMark() throws IOException {
        byte[] utf8 = FRENCH_EXPORT.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[utf8.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, withBom, 3, utf8.length);
        for (byte[] bytes : List.of(utf8, withBom)) {
            try (CustomerCsvReader reader = open(bytes, null)) {
                assertThat(reader.charset()).isEqualTo(StandardCharsets.UTF_8);
                assertThat(reader.header().getFirst()).isEqualTo("Société");
                assertThat(rows(reader).getFirst().value(reader, "société")).isEqualTo("Élise Crémieux SARL");
            }
        }
    }

    @Test
    void shouldFollowADeclaredCharset() throws IOException {
        try (CustomerCsvReader reader = open(FRENCH_EXPORT.getBytes(WINDOWS_1252), WINDOWS_1252)) {
            assertThat(rows(reader).get(1).value(reader, "société")).isEqualTo("Boulangerie Gérard");
        }
    }

    @Test
    void shouldReadCommasAndTabsAndKeepDecimalPointsWithCommas() throws IOException {
        String comma = String.join(",", CustomerCsvReader.INPUT_COLUMNS)
                + ",name\n7,5,10,1500.50,8,6,15,120,\"Dupont, Jean\"\n";
        try (CustomerCsvReader reader = open(comma.getBytes(StandardCharsets.UTF_8), null)) {
            assertThat(reader.separator()).isEqualTo(',');
            CustomerCsvReader.Row row = rows(reader).getFirst();
            assertThat(row.customer().totalSpent()).isEqualTo(1500.50);
            assertThat(row.value(reader, "name")).isEqualTo("Dupont, Jean");
        }
        String tab = comma.replace(",", "\t").replace("\"Dupont\t Jean\"", "Dupont");
        try (CustomerCsvReader reader = open(tab.getBytes(StandardCharsets.UTF_8), null)) {
            assertThat(reader.separator()).isEqualTo('\t');
            assertThat(rows(reader).getFirst().customer().totalContacts()).isEqualTo(10);
        }
    }

    @Test
    void shouldNameTheLineColumnAndValueOfEachBadValue() throws IOException {
        String csv = FRENCH_EXPORT + "Sans nom;CUST-9;abc;-3;2,5;8;6;;120;\n";
        try (CustomerCsvReader reader = open(csv.getBytes(StandardCharsets.UTF_8), null)) {
            CustomerCsvReader.Row bad = rows(reader).get(2);
            assertThat(bad.line()).isEqualTo(4);
            assertThat(bad.customer()).isNull();
            assertThat(bad.problems())
                    .containsExactly(
                            new RecordProblem(
                                    4,
                                    "days_since_last_contact",
                                    "-3",
                                    RecordProblem.Code.OUT_OF_RANGE,
                                    Map.of("min", 0),
                                    "must be greater than or equal to 0"),
                            new RecordProblem(
                                    4,
                                    "total_contacts",
                                    "2,5",
                                    RecordProblem.Code.NOT_A_WHOLE_NUMBER,
                                    Map.of("min", 0),
                                    "must be a whole number >= 0"),
                            new RecordProblem(
                                    4,
                                    "total_spent",
                                    "abc",
                                    RecordProblem.Code.NOT_A_NUMBER,
                                    Map.of("decimal_comma", true),
                                    "must be a number, such as 1500.50 or 1500,50"),
                            new RecordProblem(
                                    4, "website_visits", "", RecordProblem.Code.MISSING, Map.of(), "is required"));
        }
    }

    @Test
    void shouldRefuseAHeaderWithoutTheInputColumnsNamingThem() {
        assertThatThrownBy(() -> open("name;phone\nA;1\n".getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(CustomerCsvReader.CsvFormatException.class)
                .hasMessageContaining("lacks the column(s) customer_id, days_since_last_contact");
        assertThatThrownBy(() -> open(new byte[0], null)).hasMessageContaining("is empty");
    }

    private static final String HEADER = String.join(";", CustomerCsvReader.INPUT_COLUMNS) + ";note\n";

    @Test
    void shouldRefuseANumberOfAMillionDigitsAtOnceEchoingOnlyItsStart() throws IOException {
        String digits = "9".repeat(1_000_000);
        String csv = HEADER + "1;" + digits + ";10;" + digits + ";8;6;15;120;\n";
        long started = System.nanoTime();
        try (CustomerCsvReader reader = open(csv.getBytes(StandardCharsets.UTF_8), null)) {
            assertThatThrownBy(() -> rows(reader))
                    .isInstanceOf(CustomerCsvReader.CsvFormatException.class)
                    .hasMessageContaining("line 2 holds a value longer than 65536 characters");
        }
        String justUnder = "9".repeat(60_000);
        try (CustomerCsvReader reader = open(
                (HEADER + "1;" + justUnder + ";10;" + justUnder + ";8;6;15;120;\n").getBytes(StandardCharsets.UTF_8),
                null)) {
            CustomerCsvReader.Row row = rows(reader).getFirst();
            assertThat(row.problems())
                    .extracting(RecordProblem::message)
                    .containsExactly(
                            "must be a number of at most 100 characters", "must be a number of at most 100 characters");
            assertThat(row.problems())
                    .allSatisfy(
                            problem -> assertThat(problem.value()).hasSize(203).endsWith("..."));
        }
        // Parsing a 1 000 000-digit number took 14 s, growing with the square of the length; refused unparsed now.
        assertThat(System.nanoTime() - started).isLessThan(Duration.ofSeconds(3).toNanos());
    }

    @Test
    void shouldBoundAQuotedValueThatHoldsSeparatorsAndNewLines() throws IOException {
        String quoted = "\"" + "a;b\n\"\"".repeat(20_000) + "\"";
        try (CustomerCsvReader reader =
                open((HEADER + "1;5;10;1,5;8;6;15;120;" + quoted + "\n").getBytes(StandardCharsets.UTF_8), null)) {
            assertThatThrownBy(() -> rows(reader))
                    .isInstanceOf(CustomerCsvReader.CsvFormatException.class)
                    .hasMessageContaining("longer than 65536 characters");
        }
        String noteWithQuotes = "\"Dupont \"\"le grand\"\"; rappeler\nlundi\"";
        try (CustomerCsvReader reader = open(
                (HEADER + "1;5;10;1,5;8;6;15;120;" + noteWithQuotes + "\n").getBytes(StandardCharsets.UTF_8), null)) {
            CustomerCsvReader.Row row = rows(reader).getFirst();
            assertThat(row.value(reader, "note")).isEqualTo("Dupont \"le grand\"; rappeler\nlundi");
            assertThat(row.customer()).isNotNull();
        }
    }

    @Test
    void shouldRefuseAHeaderOfMoreColumnsThanASpreadsheetHoldsBeforeReadingThem() {
        String header = HEADER.strip() + ";".repeat(CustomerCsvReader.MAX_COLUMNS) + "\n";
        assertThatThrownBy(() -> open(header.getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOfSatisfying(
                        CustomerCsvReader.CsvFormatException.class,
                        e -> assertThat(e.params()).containsEntry("max_columns", CustomerCsvReader.MAX_COLUMNS))
                .hasMessageContaining("more than 16384 columns");
        String widest = HEADER.strip() + ";".repeat(CustomerCsvReader.MAX_COLUMNS - 10) + "\n";
        assertThatCode(() -> open(widest.getBytes(StandardCharsets.UTF_8), null))
                .doesNotThrowAnyException();
    }

    @Test
    void shouldRepeatOnlyTheFirstNamesOfAHeaderThatLacksAColumn() {
        String header = "x".repeat(300) + ";y".repeat(150) + "\n";
        assertThatThrownBy(() -> open(header.getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOfSatisfying(
                        CustomerCsvReader.CsvFormatException.class,
                        e -> assertThat((List<?>) e.params().get("found"))
                                .hasSize(20)
                                .first()
                                .asString()
                                .hasSizeLessThanOrEqualTo(InputField.MAX_ECHOED_LENGTH + 3));
    }

    @Test
    void shouldRefuseAHeaderLineOfMoreThanAMillionCharactersSayingSo() {
        String header =
                HEADER.strip() + ";" + "x".repeat(CustomerCsvReader.MAX_HEADER_CHARS) + "\n1;5;10;1;8;6;15;120;;\n";
        assertThatThrownBy(() -> open(header.getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(CustomerCsvReader.CsvFormatException.class)
                .hasMessageContaining("the header line is longer than 1048576 characters");
    }

    @Test
    void shouldReadAHeaderOfAThousandColumnsBeyondTheCharsetSample() throws IOException {
        StringBuilder header = new StringBuilder(HEADER.strip());
        StringBuilder row = new StringBuilder("1;5;10;1,5;8;6;15;120;");
        for (int i = 0; i < 1000; i++) {
            header.append(";colonne supplémentaire numéro ").append(i).append(" avec un nom long");
            row.append(';').append(i);
        }
        try (CustomerCsvReader reader = open((header + "\n" + row + "\n").getBytes(StandardCharsets.UTF_8), null)) {
            assertThat(reader.header()).hasSize(1009);
            assertThat(rows(reader).getFirst().customer()).isNotNull();
        }
    }

    @Test
    void shouldRefuseIdsThatDoNotShowAsWhatTheyAre() throws IOException {
        String[] hostile = {"gnp\u202Eexe", "CUST\u200B1", "A\uFFFDB", "\u2028", "\uFEFFid", "\u0301abc", "x\u00ADy"};
        StringBuilder csv = new StringBuilder(HEADER);
        for (String id : hostile) {
            csv.append('"').append(id).append("\";5;10;1;8;6;15;120;\n");
        }
        csv.append("Hélène Dupont;5;10;1;8;6;15;120;\nHe\u0301le\u0300ne;5;10;1;8;6;15;120;\n");
        try (CustomerCsvReader reader = open(csv.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)) {
            List<CustomerCsvReader.Row> rows = rows(reader);
            assertThat(rows.subList(0, hostile.length))
                    .allSatisfy(row -> assertThat(row.problems())
                            .extracting(RecordProblem::field)
                            .containsExactly("customer_id"));
            assertThat(rows.subList(hostile.length, rows.size()))
                    .allSatisfy(row -> assertThat(row.problems()).isEmpty());
        }
    }

    @Test
    void shouldPassOverBlankRowsAndReadEuroSignsAndDotThousandsButNotGuessAnAmbiguousDot() throws IOException {
        String csv = HEADER + "1;5;10;1 500,50 €;8;6;15;120;\n;;;;;;;;;\n2;5;10;1.500,50;8;6;15;120;\n"
                + "3;5;10;€12,5;8;6;15;120;\n ; ;;;;;;;;\n4;5;10;1.500;8;6;15;120;\n;;;;;;;;;\n";
        try (CustomerCsvReader reader = open(csv.getBytes(StandardCharsets.UTF_8), null)) {
            List<CustomerCsvReader.Row> rows = rows(reader);
            assertThat(rows).extracting(CustomerCsvReader.Row::line).containsExactly(2L, 4L, 5L, 7L);
            assertThat(rows.subList(0, 3))
                    .extracting(row -> row.customer().totalSpent())
                    .containsExactly(1500.50, 1500.50, 12.5);
            assertThat(rows.get(3).problems()).singleElement().satisfies(problem -> {
                assertThat(problem.value()).isEqualTo("1.500");
                // Said as ambiguous, not as "not a number": the user must know why his number is refused.
                assertThat(problem.message()).startsWith("is ambiguous");
                assertThat(problem.params()).containsEntry("ambiguous", true);
            });
        }
        // With commas as separators, a dot is the decimal point, as ever.
        String comma = String.join(",", CustomerCsvReader.INPUT_COLUMNS) + "\n1,5,10,1.500,8,6,15,120\n,,,,,,,\n";
        try (CustomerCsvReader reader = open(comma.getBytes(StandardCharsets.UTF_8), null)) {
            assertThat(rows(reader))
                    .singleElement()
                    .satisfies(row -> assertThat(row.customer().totalSpent()).isEqualTo(1.5));
        }
    }
}
