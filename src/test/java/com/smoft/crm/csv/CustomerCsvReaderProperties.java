package com.smoft.crm.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * The CSV reader against arbitrary and adversarial bytes: it reads them or refuses them with one of its own two
 * refusals, never another exception, and every value it reports is short.
 */
class CustomerCsvReaderProperties {

    private static final String HEADER = String.join(";", CustomerCsvReader.INPUT_COLUMNS) + ";note\n";

    /** Reads every row; the outcome is the rows' count, or a refusal the API answers as 4xx. */
    private static void readAll(byte[] bytes) {
        try (CustomerCsvReader reader =
                CustomerCsvReader.open(new ByteArrayInputStream(bytes), null, "body", List.of())) {
            for (CustomerCsvReader.Row row : reader) {
                assertThat(row.problems()).allSatisfy(problem -> {
                    assertThat(problem.value().length()).isLessThanOrEqualTo(203);
                    assertThat(problem.field().length()).isLessThanOrEqualTo(203);
                });
                if (row.customer() != null) {
                    assertThat(row.customer().totalSpent()).isBetween(0.0, 1e12);
                }
            }
        } catch (CustomerCsvReader.CsvFormatException | UncheckedIOException refused) {
            // A file that is not a customer CSV, or one the parser cannot read on: 422 or 400.
        } catch (IOException e) {
            throw new AssertionError("in-memory bytes cannot fail to read", e);
        }
    }

    @Property(tries = 300)
    void arbitraryBytesAreReadOrRefusedNeverFailed(@ForAll @Size(max = 4096) byte[] bytes) {
        readAll(bytes);
    }

    @Property(tries = 300)
    void rowsOfHostileCellsAfterAValidHeaderAreReadOrRefused(@ForAll("hostileRows") String rows) {
        readAll((HEADER + rows).getBytes(StandardCharsets.UTF_8));
        readAll((HEADER + rows).getBytes(Charset.forName("windows-1252")));
    }

    @Provide
    Arbitrary<String> hostileRows() {
        Arbitrary<String> cell = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withChars("0123456789,. -+eE").ofMaxLength(300),
                Arbitraries.of(
                        "\"",
                        "\"\"",
                        "\"a;b\"",
                        "=HYPERLINK(\"x\")",
                        "@SUM(1)",
                        "\u202E",
                        "\uD800",
                        "1e999999999",
                        "-0",
                        "1 500,50",
                        "NaN",
                        "Infinity",
                        "\r",
                        "\n",
                        ";;;;",
                        "\uFEFF"),
                Arbitraries.strings().withChars("9").ofMinLength(100).ofMaxLength(2000));
        return cell.list()
                .ofMaxSize(12)
                .map(cells -> String.join(";", cells))
                .list()
                .ofMaxSize(5)
                .map(lines -> String.join("\n", lines));
    }
}
