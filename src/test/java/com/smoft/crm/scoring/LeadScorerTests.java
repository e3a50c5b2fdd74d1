package com.smoft.crm.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LeadScorerTests {

    private final LeadScorer scorer = LeadScorer.load(ShippedModel.PATH);

    @Test
    void shouldScoreHotWhenCustomerIsEngagedAndRecent() {
        LeadScore lead = scorer.score(new Customer(1, 2, 25, 4000, 30, 27, 60, 700));
        assertThat(lead.segment()).isEqualTo(Segment.HOT);
    }

    @Test
    void shouldScoreColdWhenCustomerIsSilentAndUnengaged() {
        LeadScore lead = scorer.score(new Customer(2, 300, 1, 0, 40, 0, 0, 900));
        assertThat(lead.segment()).isEqualTo(Segment.COLD);
    }

    @Test
    void shouldMakeTheScoreTheRoundedCalibratedProbability() {
        LeadScore lead = scorer.score(TestCustomers.SAMPLE);
        assertThat(lead.score()).isEqualTo((int) Math.round(100 * lead.probability()));
        assertThat(lead.modelVersion()).isEqualTo(scorer.model().version());
    }

    @Test
    void shouldScoreABatchInInputOrderExactlyAsOneByOne() {
        SplittableRandom random = new SplittableRandom(5);
        List<Customer> customers = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            int sent = random.nextInt(0, 50);
            customers.add(new Customer(
                    i,
                    random.nextInt(0, 200),
                    random.nextInt(0, 40),
                    random.nextDouble(0, 3000),
                    sent,
                    sent == 0 ? 0 : random.nextInt(0, sent + 1),
                    random.nextInt(0, 80),
                    random.nextInt(0, 3000)));
        }
        List<LeadScore> batch = scorer.scoreAll(customers, Locale.ENGLISH, false);
        assertThat(batch).hasSize(customers.size());
        for (int i = 0; i < customers.size(); i++) {
            assertThat(batch.get(i)).isEqualTo(scorer.score(customers.get(i), Locale.ENGLISH, false));
        }
    }

    @Test
    void shouldGiveABatchScoredWithTheWhatIfSearchTheAnswersOfOneByOne() {
        SplittableRandom random = new SplittableRandom(6);
        List<Customer> customers = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            customers.add(new Customer(
                    i,
                    random.nextInt(0, 120),
                    random.nextInt(0, 40),
                    random.nextDouble(0, 3000),
                    random.nextInt(0, 30),
                    random.nextInt(0, 30),
                    random.nextInt(0, 80),
                    random.nextInt(0, 3000)));
        }
        LeadScorer.ScoredBatch batch = scorer.scoreBatch(customers, true);
        for (int i = 0; i < customers.size(); i++) {
            LeadScore alone = scorer.score(customers.get(i), Locale.ENGLISH, false, true);
            assertThat(batch.lead(i, Locale.ENGLISH, false)).isEqualTo(alone);
            assertThat(batch.whatIfText(i, Locale.ENGLISH))
                    .isEqualTo(
                            alone.segment() == Segment.HOT
                                    ? alone.whatIf().atRisk().text()
                                    : alone.whatIf().nextStep().text());
            assertThat(batch.nextStepScore(i))
                    .isEqualTo(
                            alone.segment() == Segment.HOT
                                    ? null
                                    : alone.whatIf().nextStep().score());
            assertThat(batch.atRiskAfter(i))
                    .isEqualTo(
                            alone.segment() == Segment.HOT
                                    ? alone.whatIf().atRisk().days()
                                    : null);
        }
        assertThat(scorer.scoreBatch(customers).whatIfText(0, Locale.ENGLISH)).isNull();
    }
}
