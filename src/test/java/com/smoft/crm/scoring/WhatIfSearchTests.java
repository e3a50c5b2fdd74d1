package com.smoft.crm.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WhatIfSearchTests {

    private static final LeadScorer SCORER = LeadScorer.load(ShippedModel.PATH);

    /** A lowest score of 70, as for Hot. */
    private static final int HOT = SegmentThresholds.DEFAULT_HOT;

    @Test
    void shouldPreferFewerActionsThatReachOverAHigherScoreWithMore() {
        int best = WhatIfSearch.choose(HOT, new int[] {0, 3, 1}, new double[] {0.5, 0.99, 0.71});
        assertThat(best).isEqualTo(2);
    }

    @Test
    void shouldBreakATieOnActionsByTheHigherScoreThenTheHigherProbability() {
        assertThat(WhatIfSearch.choose(HOT, new int[] {1, 1, 1}, new double[] {0.72, 0.80, 0.75}))
                .isEqualTo(1);
        assertThat(WhatIfSearch.choose(HOT, new int[] {2, 2}, new double[] {0.801, 0.804}))
                .isEqualTo(1);
    }

    @Test
    void shouldKeepTheFirstCombinationOfAPerfectTie() {
        assertThat(WhatIfSearch.choose(HOT, new int[] {1, 1}, new double[] {0.8, 0.8}))
                .isZero();
    }

    @Test
    void shouldTakeTheBestScoreThenTheFewestActionsWhenNoneReaches() {
        assertThat(WhatIfSearch.choose(HOT, new int[] {0, 4, 2, 3}, new double[] {0.3, 0.6, 0.6, 0.55}))
                .isEqualTo(2);
    }

    @Test
    void shouldTakeNoActionWhenNoneRaisesTheScore() {
        assertThat(WhatIfSearch.choose(HOT, new int[] {0, 1, 2}, new double[] {0.3, 0.3, 0.29}))
                .isZero();
    }

    @Test
    void shouldSayWhichActionsMakeAWarmCustomerHot() {
        LeadScore lead = SCORER.score(new Customer(4, 10, 8, 800, 10, 4, 8, 300), Locale.FRENCH, false, true);
        WhatIf.NextStep step = lead.whatIf().nextStep();
        assertThat(lead.segment()).isEqualTo(Segment.WARM);
        assertThat(step.reached()).isTrue();
        assertThat(step.actions()).isEqualTo(Map.of(RepAction.EMAIL_OPENED, 3));
        assertThat(step.customer()).isEqualTo(new Customer(4, 10, 8, 800, 13, 7, 8, 300));
        assertThat(step.text())
                .isEqualTo("Envoyez-lui 3 emails qu'il ouvre : il passerait de " + lead.score() + " à " + step.score()
                        + " (Chaud)");
    }

    @Test
    void shouldJoinSeveralActionsInOneSentenceInEnglish() {
        LeadScore lead = SCORER.score(new Customer(3, 20, 5, 500, 10, 2, 3, 400), Locale.ENGLISH, false, true);
        WhatIf.NextStep step = lead.whatIf().nextStep();
        assertThat(step.target()).isEqualTo(Segment.WARM);
        assertThat(step.actions())
                .containsExactly(
                        Map.entry(RepAction.CONTACT_TODAY, 1),
                        Map.entry(RepAction.EMAIL_OPENED, 1),
                        Map.entry(RepAction.SITE_VISIT, 1));
        assertThat(step.text())
                .isEqualTo("Call them today, send them an email they open and bring them to your website: they would "
                        + "go from " + lead.score() + " to " + step.score() + " (Warm)");
    }

    @Test
    void shouldSayNoneReachesWithTheBestScoreWithin() {
        Customer silent = new Customer(7, 120, 2, 50, 20, 0, 0, 800);
        LeadScore lead = SCORER.score(silent, Locale.FRENCH, false, true);
        WhatIf.NextStep step = lead.whatIf().nextStep();
        assertThat(step.reached()).isFalse();
        assertThat(step.segment()).isEqualTo(Segment.COLD);
        assertThat(step.score()).isGreaterThan(lead.score());
        for (int[] times : WhatIfSearchProperties.combinations(silent)) {
            assertThat(SCORER.score(WhatIfSearchProperties.apply(silent, times)).score())
                    .isLessThanOrEqualTo(step.score());
        }
        assertThat(step.text())
                .startsWith("Aucune combinaison de ces actions ne le fait passer Tiède ; au mieux, appelez-le "
                        + "aujourd'hui, ")
                .endsWith(" : il passerait de " + lead.score() + " à " + step.score() + " (Froid)");
    }

    @Test
    void shouldSayInHowManyDaysAHotCustomerFallsWithoutContact() {
        LeadScore lead = SCORER.score(TestCustomers.SAMPLE, Locale.FRENCH, false, true);
        WhatIf.AtRisk risk = lead.whatIf().atRisk();
        assertThat(lead.segment()).isEqualTo(Segment.HOT);
        assertThat(lead.whatIf().nextStep()).isNull();
        assertThat(risk.segment()).isEqualTo(Segment.WARM);
        assertThat(risk.text()).isEqualTo("Sans contact, il repasse Tiède dans " + risk.days() + " jours");
        assertThat(SCORER.score(TestCustomers.SAMPLE, Locale.ENGLISH, false, true)
                        .whatIf()
                        .atRisk()
                        .text())
                .isEqualTo("Without contact, they fall back to Warm in " + risk.days() + " days");
    }

    @Test
    void shouldTryEachActionUpToItsCap() {
        assertThat(RepAction.CONTACT_TODAY.mostTimes(TestCustomers.SAMPLE)).isEqualTo(1);
        assertThat(RepAction.EMAIL_OPENED.mostTimes(TestCustomers.SAMPLE)).isEqualTo(3);
        assertThat(RepAction.SITE_VISIT.mostTimes(TestCustomers.SAMPLE)).isEqualTo(5);
        assertThat(RepAction.CONTACT_TODAY.applyTo(TestCustomers.SAMPLE, 1))
                .isEqualTo(new Customer(1, 0, 11, 1500.50, 8, 6, 15, 120));
        assertThatThrownBy(() -> RepAction.SITE_VISIT.applyTo(TestCustomers.SAMPLE, 6))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldNotTakeACountBeyondTheLargestTheContractAccepts() {
        int max = InputField.MAX_COUNT;
        Customer full = new Customer(9, 200, max, 0, max - 1, 0, max - 2, 900);
        assertThat(RepAction.CONTACT_TODAY.mostTimes(full)).isZero();
        assertThat(RepAction.EMAIL_OPENED.mostTimes(full)).isEqualTo(1);
        assertThat(RepAction.SITE_VISIT.mostTimes(full)).isEqualTo(2);
        WhatIf.NextStep step =
                SCORER.score(full, Locale.FRENCH, false, true).whatIf().nextStep();
        assertThat(step.actions()).doesNotContainKey(RepAction.CONTACT_TODAY);
        assertThat(step.customer().totalContacts()).isEqualTo(max);
        assertThat(step.customer().websiteVisits()).isBetween(max - 2, max);
    }

    @Test
    void shouldLookNoFurtherThanTheDaysSinceLastContactCanGrow() {
        WhatIfSearch search = new WhatIfSearch(SCORER.model(), SegmentThresholds.DEFAULT);
        Customer old = new Customer(1, InputField.MAX_COUNT - 3, 10, 1500.50, 8, 6, 15, 120);
        assertThat(search.atRisk(old).horizon()).isEqualTo(3);
        assertThat(search.atRisk(TestCustomers.SAMPLE).horizon()).isEqualTo(WhatIfSearch.HORIZON_DAYS);
    }
}
