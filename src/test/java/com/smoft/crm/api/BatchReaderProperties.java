package com.smoft.crm.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON batch reader against arbitrary and adversarial bytes, with the service's limits: it reads a batch or
 * refuses it with one of the refusals the API answers as 4xx, never another exception, in either mode.
 */
class BatchReaderProperties {

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(32)
                            .maxStringLength(10_000)
                            .maxNumberLength(100)
                            .build())
                    .build())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private static final BatchReader READER = new BatchReader(MAPPER, 1000, 10);

    private static void readBothWays(byte[] bytes) {
        for (boolean skip : new boolean[] {false, true}) {
            try {
                BatchReader.Batch batch = READER.read(new ByteArrayInputStream(bytes), skip);
                assertThat(batch.customers()).isNotEmpty();
                batch.customers()
                        .forEach(customer -> assertThat(customer.totalSpent()).isBetween(0.0, 1e12));
            } catch (JacksonException
                    | MalformedBodyException
                    | InvalidCustomerException
                    | BatchTooLargeException refused) {
                // 400, 422 or 413, each naming what is wrong.
            } catch (IOException e) {
                throw new AssertionError("in-memory bytes cannot fail to read", e);
            }
        }
    }

    @Property(tries = 300)
    void arbitraryBytesAreReadOrRefusedNeverFailed(@ForAll @Size(max = 2048) byte[] bytes) {
        readBothWays(bytes);
    }

    @Property(tries = 300)
    void batchesOfHostileValuesAreReadOrRefused(@ForAll("hostileBatches") String body) {
        readBothWays(body.getBytes(StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<String> hostileBatches() {
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.of(
                        "null",
                        "true",
                        "[]",
                        "{}",
                        "\"\"",
                        "\"\\u202Eexe.png\"",
                        "\"\\uD800\"",
                        "\"\\u200B\"",
                        "1e999999999",
                        "-0.0",
                        "1.5",
                        "\"10\"",
                        "\"=HYPERLINK(1)\"",
                        "9".repeat(101),
                        "[[[[[[[[[[1]]]]]]]]]]",
                        "\"" + "x".repeat(10_001) + "\""),
                Arbitraries.strings().ofMaxLength(30).map(text -> MAPPER.writeValueAsString(text)));
        Arbitrary<String> field = Arbitraries.of(
                "customer_id",
                "days_since_last_contact",
                "total_contacts",
                "total_spent",
                "emails_sent",
                "emails_opened",
                "website_visits",
                "customer_age_days",
                "explain",
                "unknown",
                "clients");
        Arbitrary<String> customer = Arbitraries.maps(field, value)
                .ofMaxSize(10)
                .map(fields -> {
                    StringBuilder object = new StringBuilder("{");
                    fields.forEach((name, text) -> object.append(object.length() > 1 ? "," : "")
                            .append('"')
                            .append(name)
                            .append("\":")
                            .append(text));
                    return object.append('}').toString();
                });
        return Arbitraries.oneOf(customer, value)
                .list()
                .ofMaxSize(6)
                .map(rows -> "{\"clients\": [" + String.join(",", rows) + "]}");
    }
}
