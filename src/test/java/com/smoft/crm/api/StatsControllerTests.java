package com.smoft.crm.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.smoft.crm.scoring.Customer;
import com.smoft.crm.scoring.CustomerId;
import com.smoft.crm.scoring.LeadScorer;
import com.smoft.crm.scoring.ScoreStatistics;
import com.smoft.crm.scoring.TestCustomers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@WebMvcTest(controllers = StatsController.class)
@Import(ShippedModelConfiguration.class)
class StatsControllerTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    LeadScorer scorer;

    @Autowired
    ScoreStatistics statistics;

    @Test
    void shouldDescribeTheModelWithTheOriginalKeys() {
        MvcTestResult result = mvc.get().uri("/api/stats").exchange();
        assertThat(result).hasStatusOk();
        assertThat(result).bodyJson().extractingPath("$.model_type").isEqualTo("RandomForestClassifier");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.n_estimators")
                .isEqualTo(scorer.model().compiled().trees());
        assertThat(result)
                .bodyJson()
                .extractingPath("$.feature_importance")
                .asMap()
                .containsOnlyKeys(
                        "recency_days",
                        "contact_frequency",
                        "total_purchase_amount",
                        "email_open_rate",
                        "website_visits",
                        "customer_age_days",
                        "rfm_score");
        assertThat(result).bodyJson().extractingPath("$.segments.Hot").isEqualTo("Score >= 70");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.model.version")
                .isEqualTo(scorer.model().version());
        assertThat(result)
                .bodyJson()
                .extractingPath("$.model.features")
                .asArray()
                .hasSize(7);
        assertThat(result)
                .bodyJson()
                .extractingPath("$.model.holdout.auc")
                .asNumber()
                .satisfies(auc -> assertThat(auc.doubleValue()).isGreaterThan(0.7));
    }

    @Test
    void shouldCountWhatTheServiceScored() {
        var lead = scorer.score(TestCustomers.SAMPLE);
        statistics.record(lead);
        statistics.record(lead);
        MvcTestResult result = mvc.get().uri("/api/stats").exchange();
        assertThat(result)
                .bodyJson()
                .extractingPath("$.service.customers_scored")
                .isEqualTo(2);
        assertThat(result)
                .bodyJson()
                .extractingPath("$.service.per_segment." + lead.segment().label())
                .isEqualTo(2);
        assertThat(result)
                .bodyJson()
                .extractingPath("$.service.score_distribution")
                .asArray()
                .hasSize(10);
        int bin = Math.min(9, lead.score() / 10);
        assertThat(result)
                .bodyJson()
                .extractingPath("$.service.score_distribution[" + bin + "].count")
                .isEqualTo(2);
    }

    @Test
    @DirtiesContext
    void shouldReportAShiftWhenEveryDistinctCustomerScoredFallsInOneBand() {
        for (int id = 0; id < 600; id++) {
            statistics.record(scorer.score(new Customer(id, 5, 10, 1500.50, 8, 6, 15, 120)));
        }
        MvcTestResult result = mvc.get().uri("/api/stats").exchange();
        assertThat(result).bodyJson().extractingPath("$.drift.status").isEqualTo("shift");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.drift.psi")
                .asNumber()
                .satisfies(psi -> assertThat(psi.doubleValue()).isGreaterThan(0.25));
        assertThat(result).bodyJson().extractingPath("$.drift.customers").isEqualTo(600);
    }

    @Test
    @DirtiesContext
    void shouldNotLetOneCallerScoringTheSameCustomerOverAndOverMoveTheDrift() {
        var lead = scorer.score(TestCustomers.SAMPLE);
        var textId = scorer.score(new Customer(CustomerId.of("CUST-1"), 5, 10, 1500.50, 8, 6, 15, 120));
        for (int i = 0; i < 600; i++) {
            statistics.record(lead);
            statistics.record(textId);
        }
        MvcTestResult result = mvc.get().uri("/api/stats").exchange();
        assertThat(result).bodyJson().extractingPath("$.drift.status").isEqualTo("insufficient");
        assertThat(result).bodyJson().extractingPath("$.drift.customers").isEqualTo(2);
        assertThat(result)
                .bodyJson()
                .extractingPath("$.service.customers_scored")
                .isEqualTo(1200);
    }
}
