package com.smoft.crm.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * The outcome reader against arbitrary and adversarial bytes: it reads them or refuses them with one of the CSV
 * reader's own two refusals, never another exception; every value it reports is short, and every outcome it reads is
 * dated within the day ahead.
 */
class OutcomeCsvReaderProperties {

    private static final String HEADER = "client;résultat;date;note\n";
    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    private static final Instant LATEST = NOW.plusSeconds(86_400);

    private static void readAll(byte[] bytes) {
        try (OutcomeCsvReader reader = OutcomeCsvReader.open(
                new ByteArrayInputStream(bytes), null, "body", ZoneId.of("Europe/Paris"), NOW, LATEST)) {
            for (OutcomeCsvReader.Row row : reader) {
                assertThat(row.problems()).allSatisfy(problem -> {
                    assertThat(problem.value().length()).isLessThanOrEqualTo(203);
                    assertThat(problem.field().length()).isLessThanOrEqualTo(203);
                });
                if (row.outcome() != null) {
                    assertThat(row.outcome().at()).isBeforeOrEqualTo(LATEST);
                    assertThat(row.outcome().customerId()).isNotBlank();
                    assertThat(row.outcome().customerId().length()).isLessThanOrEqualTo(128);
                }
            }
        } catch (CustomerCsvReader.CsvFormatException | UncheckedIOException refused) {
            // Not an outcome CSV, or one the parser cannot read on: 422 or 400.
        } catch (IOException e) {
            throw new AssertionError("in-memory bytes cannot fail to read", e);
        }
    }

    @Property(tries = 200)
    void arbitraryBytesAreReadOrRefusedNeverFailed(@ForAll @Size(max = 4096) byte[] bytes) {
        readAll(bytes);
    }

    @Property(tries = 200)
    void rowsOfHostileCellsAfterAValidHeaderAreReadOrRefused(@ForAll("hostileRows") String rows) {
        readAll((HEADER + rows).getBytes(StandardCharsets.UTF_8));
        readAll((HEADER + rows).getBytes(Charset.forName("windows-1252")));
        readAll((HEADER + rows).getBytes(StandardCharsets.UTF_16));
    }

    @Provide
    Arbitrary<String> hostileRows() {
        Arbitrary<String> cell = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withChars("0123456789/-:TZ+ ").ofMaxLength(60),
                Arbitraries.of(
                        "\"",
                        "\"a;b\"",
                        "=HYPERLINK(\"x\")",
                        "@SUM(1)",
                        "+999999999-12-31",
                        "-999999999-01-01T00:00Z",
                        "31/12/999999",
                        "2026-12-05T10:00:00+18:00",
                        "\u202E",
                        "\uD800",
                        "signé",
                        "SIGNE\u0301",
                        "oui",
                        "\r",
                        "\n",
                        ";;;;",
                        "\uFEFF"),
                Arbitraries.strings().withChars("x").ofMinLength(100).ofMaxLength(3000));
        return cell.list()
                .ofMaxSize(6)
                .map(cells -> String.join(";", cells))
                .list()
                .ofMaxSize(5)
                .map(lines -> String.join("\n", lines));
    }
}
