package com.smoft.crm.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoreStatisticsTests {

    private static final LeadScorer SCORER = LeadScorer.load(ShippedModel.PATH);

    private static Customer customer(CustomerId id, int daysSinceLastContact) {
        return new Customer(id, daysSinceLastContact, 10, 1500.50, 8, 6, 15, 120);
    }

    @Test
    void shouldCountEveryAnswerButEachCustomerOnceByHisLatestScore() {
        ScoreStatistics statistics = new ScoreStatistics();
        LeadScore warm = SCORER.score(customer(CustomerId.of("CUST-1"), 5));
        LeadScore cold = SCORER.score(customer(CustomerId.of("CUST-1"), 400));
        assertThat(warm.score() / 10).isNotEqualTo(cold.score() / 10);

        statistics.record(warm);
        statistics.record(warm);
        statistics.record(cold);

        assertThat(statistics.scored()).isEqualTo(3);
        assertThat(Arrays.stream(statistics.distribution()).sum()).isEqualTo(3);
        long[] customers = statistics.customersPerBin();
        assertThat(Arrays.stream(customers).sum()).isEqualTo(1);
        assertThat(customers[Math.min(9, cold.score() / 10)]).isEqualTo(1);
    }

    @Test
    void shouldKeepTheMostRecentCustomersWithinItsBound() {
        ScoreStatistics statistics = new ScoreStatistics();
        List<Customer> customers = new ArrayList<>();
        for (int id = 0; id < ScoreStatistics.TRACKED_CUSTOMERS + 10; id++) {
            customers.add(customer(CustomerId.of(id), 5));
        }
        statistics.record(SCORER.scoreBatch(customers));
        statistics.record(
                SCORER.scoreBatch(List.of(customer(CustomerId.of("A-1"), 5), customer(CustomerId.of(7L), 5))));

        assertThat(Arrays.stream(statistics.customersPerBin()).sum()).isEqualTo(ScoreStatistics.TRACKED_CUSTOMERS);
        assertThat(statistics.scored()).isEqualTo(ScoreStatistics.TRACKED_CUSTOMERS + 12L);
    }
}
