package com.smoft.crm.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ScoredRowTests {

    private static List<String> keys(List<ScoredRow.Column> columns) {
        return columns.stream().map(ScoredRow.Column::key).toList();
    }

    @Test
    void shouldNameTheTableColumnsInTheWiresSnakeCaseAndOrder() {
        assertThat(keys(ScoredRow.TABLE))
                .containsExactly(
                        "customer_id", "score", "segment", "probability", "priority", "next_action", "recommendation");
    }

    @Test
    void shouldKeepTheOriginalProductsFourFieldsFirstInJson() {
        assertThat(keys(ScoredRow.JSON))
                .containsExactly(
                        "customer_id", "score", "segment", "recommendation", "priority", "probability", "next_action");
        assertThat(ScoredRow.JSON).containsExactlyInAnyOrderElementsOf(ScoredRow.TABLE);
    }

    @Test
    void shouldAddTheWhatIfColumnsAfterTheTablesOnRequestOnly() {
        assertThat(keys(ScoredRow.WHAT_IF)).containsExactly("next_step", "next_step_score", "at_risk_after");
        assertThat(ScoredRow.TABLE).doesNotContainAnyElementsOf(ScoredRow.WHAT_IF);
    }

    @Test
    void shouldGiveTheWhatIfColumnsTheSearchsAnswerAndNothingWithoutIt() {
        LeadScorer scorer = LeadScorer.load(ShippedModel.PATH);
        Customer warm = new Customer(4, 10, 8, 800, 10, 4, 8, 300);
        Customer hot = TestCustomers.SAMPLE;
        LeadScorer.ScoredBatch batch = scorer.scoreBatch(List.of(warm, hot), true);
        WhatIf.NextStep step =
                scorer.score(warm, Locale.FRENCH, false, true).whatIf().nextStep();
        WhatIf.AtRisk risk =
                scorer.score(hot, Locale.FRENCH, false, true).whatIf().atRisk();

        assertThat(ScoredRow.value(ScoredRow.Column.NEXT_STEP, batch, 0, Locale.FRENCH))
                .isEqualTo(step.text());
        assertThat(ScoredRow.value(ScoredRow.Column.NEXT_STEP_SCORE, batch, 0, Locale.FRENCH))
                .isEqualTo(step.score());
        assertThat(ScoredRow.value(ScoredRow.Column.AT_RISK_AFTER, batch, 0, Locale.FRENCH))
                .isNull();
        assertThat(ScoredRow.value(ScoredRow.Column.NEXT_STEP, batch, 1, Locale.FRENCH))
                .isEqualTo(risk.text());
        assertThat(ScoredRow.value(ScoredRow.Column.NEXT_STEP_SCORE, batch, 1, Locale.FRENCH))
                .isNull();
        assertThat(ScoredRow.value(ScoredRow.Column.AT_RISK_AFTER, batch, 1, Locale.FRENCH))
                .isEqualTo(risk.days());
        LeadScorer.ScoredBatch plain = scorer.scoreBatch(List.of(warm));
        for (ScoredRow.Column column : ScoredRow.WHAT_IF) {
            assertThat(ScoredRow.value(column, plain, 0, Locale.FRENCH)).isNull();
        }
    }

    @Test
    void shouldGiveTheCompactViewWhatACallListNeeds() {
        assertThat(keys(ScoredRow.COMPACT)).containsExactly("customer_id", "score", "segment", "probability");
    }

    @Test
    void shouldAddNeitherTheIdNorTextInALanguageToATableKeepingItsOwnColumns() {
        assertThat(keys(ScoredRow.CODED)).containsExactly("score", "segment", "probability", "priority", "next_action");
    }

    @Test
    void shouldRoundTheProbabilityToFourDecimals() {
        assertThat(ScoredRow.PROBABILITY_DECIMALS).isEqualTo(4);
        assertThat(ScoredRow.probability(0.851249)).isEqualTo(0.8512);
        assertThat(ScoredRow.probability(0.85126)).isEqualTo(0.8513);
        assertThat(ScoredRow.probability(0.00004)).isEqualTo(0.0);
        assertThat(ScoredRow.probability(1.0)).isEqualTo(1.0);
    }

    @Test
    void shouldGiveEachColumnsValueAsTheSingleAnswerHasIt() {
        LeadScorer scorer = LeadScorer.load(ShippedModel.PATH);
        Customer customer = new Customer(7, 5, 10, 1500.50, 8, 6, 15, 120);
        LeadScorer.ScoredBatch batch = scorer.scoreBatch(List.of(customer));
        LeadScore lead = scorer.score(customer, Locale.ENGLISH, false);

        assertThat(ScoredRow.value(ScoredRow.Column.CUSTOMER_ID, batch, 0, Locale.ENGLISH))
                .isEqualTo(7L);
        assertThat(ScoredRow.value(ScoredRow.Column.SCORE, batch, 0, Locale.ENGLISH))
                .isEqualTo(lead.score());
        assertThat(ScoredRow.value(ScoredRow.Column.SEGMENT, batch, 0, Locale.ENGLISH))
                .isEqualTo(lead.segment().label());
        assertThat(ScoredRow.value(ScoredRow.Column.PROBABILITY, batch, 0, Locale.ENGLISH))
                .isEqualTo(ScoredRow.probability(lead.probability()));
        assertThat(ScoredRow.value(ScoredRow.Column.PRIORITY, batch, 0, Locale.ENGLISH))
                .isEqualTo(lead.segment().priority());
        assertThat(ScoredRow.value(ScoredRow.Column.NEXT_ACTION, batch, 0, Locale.ENGLISH))
                .isEqualTo(lead.nextAction().action());
        assertThat(ScoredRow.value(ScoredRow.Column.RECOMMENDATION, batch, 0, Locale.ENGLISH))
                .isEqualTo(lead.recommendation());
        assertThat(ScoredRow.value(ScoredRow.Column.RECOMMENDATION, batch, 0, Locale.FRENCH))
                .isEqualTo(scorer.score(customer).recommendation())
                .isNotEqualTo(lead.recommendation());
    }
}
