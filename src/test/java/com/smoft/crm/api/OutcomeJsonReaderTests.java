package com.smoft.crm.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smoft.crm.scoring.Outcome;
import com.smoft.crm.scoring.RecordProblem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class OutcomeJsonReaderTests {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    private static OutcomeJsonReader.Read read(String json, boolean skip, int maxSize) throws IOException {
        return new OutcomeJsonReader(JsonMapper.builder().build(), maxSize)
                .read(
                        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                        skip,
                        ZoneId.of("Europe/Paris"),
                        NOW,
                        NOW.plusSeconds(86_400));
    }

    @Test
    void shouldReadTextAndNumberIdsDefaultingTheTimeToNowAndIgnoringOtherFields() throws IOException {
        OutcomeJsonReader.Read read = read(
                "[{\"customer_id\": \"A-1\", \"outcome\": \"converted\", \"at\": \"2026-12-03T08:00:00Z\","
                        + " \"note\": {\"deep\": [1, 2]}}, {\"customer_id\": 1042, \"outcome\": \"LOST\"}]",
                false,
                10);

        assertThat(read.outcomes()).hasSize(2);
        assertThat(read.outcomes().get(0).at()).isEqualTo(Instant.parse("2026-12-03T08:00:00Z"));
        assertThat(read.outcomes().get(1).customerId()).isEqualTo("1042");
        assertThat(read.outcomes().get(1).outcome()).isEqualTo(Outcome.lost);
        assertThat(read.outcomes().get(1).at()).isEqualTo(NOW);
    }

    @Test
    void shouldRefuseTheListNamingEachBadFieldByIndex() {
        assertThatThrownBy(() -> read(
                        "[{\"customer_id\": \"A\", \"outcome\": \"won\"}, {\"outcome\": \"lost\", \"at\": 5},"
                                + " {\"customer_id\": \"B\", \"outcome\": \"lost\", \"at\": \"2027-01-01\"}]",
                        false,
                        10))
                .isInstanceOfSatisfying(InvalidCustomerException.class, e -> {
                    @SuppressWarnings("unchecked")
                    List<WireProblems.FieldError> errors = (List<WireProblems.FieldError>)
                            e.getBody().getProperties().get("errors");
                    assertThat(errors)
                            .extracting(WireProblems.FieldError::field, WireProblems.FieldError::code)
                            .containsExactly(
                                    org.assertj.core.groups.Tuple.tuple("[0].outcome", "not_one_of"),
                                    org.assertj.core.groups.Tuple.tuple("[1].at", "wrong_type"),
                                    org.assertj.core.groups.Tuple.tuple("[1].customer_id", "missing"),
                                    org.assertj.core.groups.Tuple.tuple("[2].at", "in_the_future"));
                });
    }

    @Test
    void shouldLeaveBadItemsOutWhenSkippingAndRefuseWhenNothingIsLeft() throws IOException {
        OutcomeJsonReader.Read read =
                read("[null, {\"customer_id\": \"A\", \"outcome\": \"converted\"}, \"x\"]", true, 10);

        assertThat(read.outcomes())
                .singleElement()
                .satisfies(outcome -> assertThat(outcome.position()).isEqualTo(1));
        assertThat(read.rejected().listed())
                .extracting(OutcomeJsonReader.Rejected::position)
                .containsExactly(0L, 2L);
        assertThat(read.rejected().listed().getFirst().problems())
                .extracting(RecordProblem::code)
                .containsExactly(RecordProblem.Code.WRONG_TYPE);
        assertThatThrownBy(() -> read("[null]", true, 10)).isInstanceOf(InvalidCustomerException.class);
    }

    @Test
    void shouldRefuseABodyThatIsNoListAnEmptyListAndMoreThanTheBatchSize() {
        assertThatThrownBy(() -> read("{\"outcomes\": []}", false, 10)).isInstanceOf(MalformedBodyException.class);
        assertThatThrownBy(() -> read("", false, 10)).isInstanceOf(MalformedBodyException.class);
        assertThatThrownBy(() -> read("[]", false, 10)).isInstanceOf(InvalidCustomerException.class);
        assertThatThrownBy(() -> read(
                        "[{\"customer_id\": 1, \"outcome\": \"lost\"}, {\"customer_id\": 2, \"outcome\": \"lost\"},"
                                + " {\"customer_id\": 3, \"outcome\": \"lost\"}]",
                        false,
                        2))
                .isInstanceOf(BatchTooLargeException.class);
    }
}
