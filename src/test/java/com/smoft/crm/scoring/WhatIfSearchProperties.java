package com.smoft.crm.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The what-if search held to the model on thousands of random customers, each answer checked by scoring customers
 * one at a time as any client would: the suggested customer gets exactly the score and segment claimed, no smaller set
 * of actions reaches the next segment up (none at all when it says none does, and none scores better then), and a Hot
 * customer is Hot until the day it names and not on that day.
 */
class WhatIfSearchProperties {

    private static final LeadScorer SCORER = LeadScorer.load(ShippedModel.PATH);

    @Provide
    Arbitrary<Customer> customers() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 400),
                        Arbitraries.integers().between(0, 45),
                        Arbitraries.doubles().between(0, 5000).ofScale(2),
                        Arbitraries.integers().between(0, 60),
                        Arbitraries.integers().between(0, 70),
                        Arbitraries.integers().between(0, 90),
                        Arbitraries.integers().between(0, 3000))
                .as((days, contacts, spent, sent, opened, visits, age) ->
                        new Customer(7, days, contacts, spent, sent, opened, visits, age));
    }

    /** Customers drawn where Hot ones are common: recent, often contacted, engaged. */
    @Provide
    Arbitrary<Customer> engagedCustomers() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 40),
                        Arbitraries.integers().between(5, 45),
                        Arbitraries.doubles().between(0, 5000).ofScale(2),
                        Arbitraries.integers().between(0, 40),
                        Arbitraries.integers().between(0, 40),
                        Arbitraries.integers().between(10, 90),
                        Arbitraries.integers().between(0, 3000))
                .as((days, contacts, spent, sent, opened, visits, age) ->
                        new Customer(8, days, contacts, spent, sent, opened, visits, age));
    }

    @Property(tries = 2000)
    void shouldAnswerWhatScoringTheChangedCustomerGives(@ForAll("customers") Customer customer) {
        check(customer);
    }

    @Property(tries = 1000)
    void shouldAnswerWhatScoringTheChangedCustomerGivesNearHot(@ForAll("engagedCustomers") Customer customer) {
        check(customer);
    }

    private static void check(Customer customer) {
        LeadScore lead = SCORER.score(customer, Locale.FRENCH, false, true);
        Statistics.collect(
                lead.segment(),
                lead.whatIf().nextStep() != null
                        ? lead.whatIf().nextStep().reached() ? "reached" : "not reached"
                        : lead.whatIf().atRisk().days() == null
                                ? "Hot all year"
                                : lead.whatIf().atRisk().segment());
        if (lead.segment() == Segment.HOT) {
            checkAtRisk(customer, lead.whatIf().atRisk());
            assertThat(lead.whatIf().nextStep()).isNull();
        } else {
            checkNextStep(customer, lead, lead.whatIf().nextStep());
            assertThat(lead.whatIf().atRisk()).isNull();
        }
    }

    private static void checkNextStep(Customer customer, LeadScore lead, WhatIf.NextStep step) {
        Segment target = lead.segment() == Segment.COLD ? Segment.WARM : Segment.HOT;
        assertThat(step.target()).isEqualTo(target);
        Customer after = customer;
        for (Map.Entry<RepAction, Integer> action : step.actions().entrySet()) {
            assertThat(action.getValue()).isBetween(1, action.getKey().mostTimes());
            after = action.getKey().applyTo(after, action.getValue());
        }
        assertThat(step.customer()).isEqualTo(after);
        LeadScore rescored = SCORER.score(step.customer());
        assertThat(rescored.score()).isEqualTo(step.score());
        assertThat(rescored.segment()).isEqualTo(step.segment());
        assertThat(rescored.probability()).isEqualTo(step.probability());
        assertThat(step.reached()).isEqualTo(reaches(step.segment(), target));
        int taken = step.actions().values().stream().mapToInt(Integer::intValue).sum();
        for (int[] times : combinations(customer)) {
            int total = times[0] + times[1] + times[2];
            LeadScore other = SCORER.score(apply(customer, times));
            if (step.reached()) {
                // No fewer actions reach it, and as many reach it with no higher score.
                if (total < taken) {
                    assertThat(reaches(other.segment(), target))
                            .as("fewer actions reach it")
                            .isFalse();
                } else if (total == taken && reaches(other.segment(), target)) {
                    assertThat(other.score()).isLessThanOrEqualTo(step.score());
                }
            } else {
                assertThat(reaches(other.segment(), target))
                        .as("a combination reaches it")
                        .isFalse();
                assertThat(other.score()).isLessThanOrEqualTo(step.score());
                if (other.score() == step.score()) {
                    assertThat(total).isGreaterThanOrEqualTo(taken);
                }
            }
        }
        if (!step.reached() && taken == 0) {
            assertThat(step.score()).isEqualTo(lead.score());
        }
    }

    private static void checkAtRisk(Customer customer, WhatIf.AtRisk risk) {
        if (risk.days() == null) {
            for (int day = 1; day <= WhatIfSearch.HORIZON_DAYS; day++) {
                assertThat(SCORER.score(WhatIfSearch.later(customer, day)).segment())
                        .as("day " + day)
                        .isEqualTo(Segment.HOT);
            }
            assertThat(risk.segment()).isNull();
            return;
        }
        int day = risk.days();
        assertThat(day).isBetween(1, WhatIfSearch.HORIZON_DAYS);
        LeadScore fallen = SCORER.score(WhatIfSearch.later(customer, day));
        assertThat(fallen.segment()).isNotEqualTo(Segment.HOT).isEqualTo(risk.segment());
        assertThat(SCORER.score(WhatIfSearch.later(customer, day - 1)).segment())
                .isEqualTo(Segment.HOT);
    }

    private static boolean reaches(Segment segment, Segment target) {
        return target == Segment.WARM ? segment != Segment.COLD : segment == Segment.HOT;
    }

    /** Every combination of the actions within their caps and the customer's limits, the empty one too. */
    static List<int[]> combinations(Customer customer) {
        List<int[]> all = new ArrayList<>();
        for (int call = 0; call <= RepAction.CONTACT_TODAY.mostTimes(customer); call++) {
            for (int emails = 0; emails <= RepAction.EMAIL_OPENED.mostTimes(customer); emails++) {
                for (int visits = 0; visits <= RepAction.SITE_VISIT.mostTimes(customer); visits++) {
                    all.add(new int[] {call, emails, visits});
                }
            }
        }
        return all;
    }

    static Customer apply(Customer customer, int[] times) {
        return RepAction.SITE_VISIT.applyTo(
                RepAction.EMAIL_OPENED.applyTo(RepAction.CONTACT_TODAY.applyTo(customer, times[0]), times[1]),
                times[2]);
    }
}
