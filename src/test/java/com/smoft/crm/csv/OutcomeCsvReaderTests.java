package com.smoft.crm.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smoft.crm.scoring.Outcome;
import com.smoft.crm.scoring.RecordProblem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutcomeCsvReaderTests {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    private static List<OutcomeCsvReader.Row> read(byte[] bytes) throws IOException {
        List<OutcomeCsvReader.Row> rows = new ArrayList<>();
        try (OutcomeCsvReader reader = OutcomeCsvReader.open(
                new ByteArrayInputStream(bytes), null, "body", PARIS, NOW, NOW.plusSeconds(86_400))) {
            reader.forEach(rows::add);
        }
        return rows;
    }

    private static List<OutcomeCsvReader.Row> read(String text) throws IOException {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldReadAFrenchExportInWindows1252WithItsOwnColumnNamesAndSpellings() throws IOException {
        String csv = "Région;N° client;Résultat;Date de clôture\r\n"
                + "Nord;CLI-é;Signé;03/12/2026\r\n"
                + "Sud;1042;PERDU;2026-12-04T15:30:00Z\r\n"
                + "Est;0099;gagne;04/12/2026 09:15\r\n"
                + ";;;\r\n";

        List<OutcomeCsvReader.Row> rows = read(csv.getBytes(Charset.forName("windows-1252")));

        assertThat(rows).hasSize(3).allSatisfy(row -> assertThat(row.problems()).isEmpty());
        assertThat(rows.get(0).outcome().customerId()).isEqualTo("CLI-é");
        assertThat(rows.get(0).outcome().outcome()).isEqualTo(Outcome.converted);
        assertThat(rows.get(0).outcome().at())
                .as("a date alone is its whole day: the scores made up to its end are matched")
                .isEqualTo(ZonedDateTime.of(2026, 12, 3, 23, 59, 59, 999_999_000, PARIS)
                        .toInstant());
        assertThat(rows.get(1).outcome().outcome()).isEqualTo(Outcome.lost);
        assertThat(rows.get(1).outcome().at()).isEqualTo(Instant.parse("2026-12-04T15:30:00Z"));
        assertThat(rows.get(2).outcome().customerId()).isEqualTo("0099");
        assertThat(rows.get(2).outcome().at())
                .isEqualTo(ZonedDateTime.of(2026, 12, 4, 9, 15, 0, 0, PARIS).toInstant());
        assertThat(rows.get(2).line()).isEqualTo(4);
    }

    @Test
    void shouldReadEveryListedSpellingWhateverItsCaseAndAccents() throws IOException {
        StringBuilder csv = new StringBuilder("customer_id,outcome\n");
        List<String> spellings =
                List.of("converted", "LOST", "1", "0", "True", "false", "oui", "NON", "signe", "Perdu", "GAGNÉ", "won");
        spellings.forEach(spelling -> csv.append("C,").append(spelling).append('\n'));

        List<Outcome> read = read(csv.toString()).stream()
                .map(row -> row.outcome().outcome())
                .toList();

        assertThat(read)
                .containsExactly(
                        Outcome.converted,
                        Outcome.lost,
                        Outcome.converted,
                        Outcome.lost,
                        Outcome.converted,
                        Outcome.lost,
                        Outcome.converted,
                        Outcome.lost,
                        Outcome.converted,
                        Outcome.lost,
                        Outcome.converted,
                        Outcome.converted);
        assertThat(read("client;résultat\nC;oui\n").getFirst().outcome().at()).isEqualTo(NOW);
    }

    @Test
    void shouldNameEachBadValueByLineAndColumn() throws IOException {
        List<OutcomeCsvReader.Row> rows = read("client;statut;date\n" + ";peut-être;hier\n" + "C-2;perdu;07/12/2026\n"
                + "C-3;perdu;31/02/2026\n" + "C-4;perdu;06/12/2026\n");

        assertThat(rows.get(0).problems())
                .extracting(RecordProblem::position, RecordProblem::field, RecordProblem::code)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2L, "client", RecordProblem.Code.MISSING),
                        org.assertj.core.groups.Tuple.tuple(2L, "statut", RecordProblem.Code.NOT_ONE_OF),
                        org.assertj.core.groups.Tuple.tuple(2L, "date", RecordProblem.Code.NOT_A_TIME));
        assertThat(rows.get(1).problems())
                .singleElement()
                .satisfies(problem -> assertThat(problem.code()).isEqualTo(RecordProblem.Code.IN_THE_FUTURE));
        assertThat(rows.get(2).problems())
                .singleElement()
                .satisfies(problem -> assertThat(problem.code()).isEqualTo(RecordProblem.Code.NOT_A_TIME));
        assertThat(rows.get(3).problems())
                .as("tomorrow begins less than a day ahead, though it ends later")
                .isEmpty();
    }

    @Test
    void shouldRefuseAHeaderWithoutTheCustomerOrTheOutcome() {
        assertThatThrownBy(() -> read("client;date\nC;2026-12-01\n"))
                .isInstanceOfSatisfying(CustomerCsvReader.CsvFormatException.class, e -> {
                    assertThat(e.reason()).isEqualTo(CustomerCsvReader.CsvFormatException.Reason.MISSING_COLUMN);
                    assertThat(e.params().get("columns")).isEqualTo(List.of("outcome"));
                });
        assertThatThrownBy(() -> read(""))
                .isInstanceOfSatisfying(
                        CustomerCsvReader.CsvFormatException.class,
                        e -> assertThat(e.reason()).isEqualTo(CustomerCsvReader.CsvFormatException.Reason.EMPTY_FILE));
    }

    @Test
    void shouldRefuseTwoColumnsThatCouldHoldOneFieldRatherThanChooseOne() {
        assertThatThrownBy(() -> read("client;date;date de clôture;résultat\nCV4;01/12/2026;05/12/2026;1\n"))
                .isInstanceOfSatisfying(CustomerCsvReader.CsvFormatException.class, e -> {
                    assertThat(e.reason()).isEqualTo(CustomerCsvReader.CsvFormatException.Reason.AMBIGUOUS_COLUMN);
                    assertThat(e.params().get("field")).isEqualTo("at");
                    assertThat(e.params().get("columns")).isEqualTo(List.of("date", "date de clôture"));
                });
        assertThatThrownBy(() -> read("client;résultat;statut\nCV3;1;perdu\n"))
                .isInstanceOfSatisfying(
                        CustomerCsvReader.CsvFormatException.class,
                        e -> assertThat(e.params().get("field")).isEqualTo("outcome"));
        assertThatThrownBy(() -> read("customer_id;N° client;outcome\nA;B;1\n"))
                .isInstanceOfSatisfying(
                        CustomerCsvReader.CsvFormatException.class,
                        e -> assertThat(e.params().get("field")).isEqualTo("customer_id"));
    }

    @Test
    void shouldRefuseAValueLongerThanAnyExportHolds() {
        String huge = "x".repeat(CustomerCsvReader.MAX_VALUE_CHARS + 1);
        assertThatThrownBy(() -> read("client;résultat\n" + huge + ";oui\n"))
                .isInstanceOfSatisfying(
                        CustomerCsvReader.CsvFormatException.class,
                        e -> assertThat(e.reason())
                                .isEqualTo(CustomerCsvReader.CsvFormatException.Reason.VALUE_TOO_LONG));
    }

    @Test
    void shouldKeepAFormulaCellAsTheTextIdItIs() throws IOException {
        OutcomeCsvReader.Row row =
                read("client;résultat\n\"=HYPERLINK(\"\"x\"\")\";oui\n").getFirst();

        assertThat(row.outcome().customerId()).isEqualTo("=HYPERLINK(\"x\")");
    }
}
