package com.smoft.crm.api;

import static com.smoft.crm.scoring.TestCustomers.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.smoft.crm.scoring.CustomerId;
import com.smoft.crm.scoring.ProblemList;
import com.sun.management.ThreadMXBean;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

class BatchReaderTests {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private static BatchReader.Batch read(String json, int maxSize) throws IOException {
        return new BatchReader(MAPPER, maxSize, 10)
                .read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static String batchOf(int count, String customer) {
        return "{\"clients\": [" + String.join(",", Collections.nCopies(count, customer)) + "]}";
    }

    @Test
    void shouldKeepOnlyCompactCustomersInOrder() throws IOException {
        BatchReader.Batch batch = read(
                "{\"explain\": true, \"clients\": [" + CUSTOMER + ","
                        + CUSTOMER.replace("\"customer_id\": 1", "\"customer_id\": 2") + "]}",
                100);
        assertThat(batch.explain()).isTrue();
        assertThat(batch.customers())
                .extracting(c -> c.customerId())
                .containsExactly(CustomerId.of(1), CustomerId.of(2));
        assertThat(batch.customers().getFirst().totalSpent()).isEqualTo(1500.50);
    }

    @Test
    void shouldListTheFirstThousandProblemsAndCountThemAll() {
        String bad = CUSTOMER.replace("\"total_contacts\": 10", "\"total_contacts\": -1")
                .replace("\"website_visits\": 15", "\"website_visits\": -1");
        assertThatExceptionOfType(InvalidCustomerException.class)
                .isThrownBy(() -> read(batchOf(600, bad), 1000))
                .satisfies(e -> {
                    assertThat(e.getBody().getProperties()).containsEntry("total_errors", 1200);
                    List<?> errors = (List<?>) e.getBody().getProperties().get("errors");
                    assertThat(errors).hasSize(ProblemList.MAX_LISTED);
                    assertThat(errors.getFirst())
                            .isEqualTo(new WireProblems.FieldError(
                                    "clients[0].total_contacts",
                                    "must be greater than or equal to 0",
                                    "out_of_range",
                                    Map.of("min", 0)));
                });
    }

    @Test
    void shouldStopReadingAsSoonAsTheLimitIsPassed() {
        // Whatever follows the limit is never read: here, broken JSON.
        String overLimit = batchOf(4, CUSTOMER).replace("]}", ", {\"customer_id\": oops");
        assertThatExceptionOfType(BatchTooLargeException.class)
                .isThrownBy(() -> read(overLimit, 3))
                .satisfies(e -> {
                    assertThat(e.getDetailMessageCode()).isEqualTo("problemDetail.batch-too-large.more");
                    assertThat(e.getBody().getProperties())
                            .containsEntry("code", "batch_too_large")
                            .containsEntry("params", Map.of("limit", 3));
                });
    }

    @Test
    void shouldNameTheRowAndFieldOfAWrongType() {
        String wrong = CUSTOMER.replace("\"emails_sent\": 8", "\"emails_sent\": \"eight\"");
        assertThatExceptionOfType(JacksonException.class)
                .isThrownBy(() -> read("{\"clients\": [" + CUSTOMER + "," + wrong + "]}", 10))
                .satisfies(e -> assertThat(e.getPathReference())
                        .contains("clients")
                        .contains("[1]")
                        .contains("emails_sent"));
    }

    @Test
    void shouldKeepOnlyTheEightFieldsOfASkippedRowWhateverElseItHolds() throws IOException {
        // A skipped row was read whole as a tree: one row of 1 500 000 empty objects (4.5 MB) ran a 256 MB heap out.
        String junk = "{},".repeat(1_500_000) + "{}";
        String row = CUSTOMER.replace(
                "\"total_contacts\": 10", "\"total_contacts\": [" + junk + "], \"junk\": [" + junk + "]");
        byte[] body = ("{\"clients\": [" + CUSTOMER + ", " + row + "]}").getBytes(StandardCharsets.UTF_8);
        var threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        BatchReader.Batch batch = new BatchReader(MAPPER, 10, 10).read(new ByteArrayInputStream(body), true);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(batch.customers()).hasSize(1);
        assertThat(batch.rejectedCount()).isEqualTo(1);
        assertThat(((BatchReader.Rejected) batch.rejected().getFirst()).errors())
                .extracting(WireProblems.FieldError::field)
                .contains("total_contacts");
        // Skipped unread, the 3 000 000 values cost the parser's buffers, not a node each (well over 100 MB as trees).
        assertThat(allocated).as("bytes allocated reading a 9 MB body").isLessThan(40L * 1024 * 1024);
    }
}
