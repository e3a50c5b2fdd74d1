package com.smoft.crm.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NextActionsTests {

    private final LocalizedTexts.Languages texts = new LocalizedTexts.Languages(Texts.bundled());

    private LocalizedTexts french() {
        return texts.of(Locale.FRENCH);
    }

    private LocalizedTexts english() {
        return texts.of(Locale.UK);
    }

    /** Days since contact, emails sent, opened, website visits; the other fields do not matter to the rules. */
    private static Customer customer(int days, int sent, int opened, int visits) {
        return new Customer(1, days, 5, 100, sent, opened, visits, 365);
    }

    @ParameterizedTest(name = "{0}: {1} days, {2} sent, {3} opened, {4} visits -> {5}")
    @CsvSource({
        "HOT,   3,  10, 6, 2,  hot-engaged, CALL,    phone, 24",
        "HOT,   3,  10, 0, 9,  hot-engaged, CALL,    phone, 24",
        "HOT,   3,  10, 1, 1,  hot,         CALL,    phone, 48",
        "WARM,  45, 10, 6, 2,  warm-silent, CALL,    phone, 48",
        "WARM,  30, 0,  0, 0,  warm-silent, CALL,    phone, 48",
        "WARM,  29, 10, 6, 2,  warm,        EMAIL,   email, 48",
        "COLD,  60, 10, 5, 0,  cold-reader, EMAIL,   email, 72",
        "COLD,  60, 10, 5, 1,  cold,        NURTURE, email, 168",
        "COLD,  200, 10, 0, 0, cold,        NURTURE, email, 168"
    })
    void shouldPickTheFirstMatchingRule(
            Segment segment,
            int days,
            int sent,
            int opened,
            int visits,
            String rule,
            String action,
            String channel,
            int hours) {
        Customer customer = customer(days, sent, opened, visits);
        assertThat(NextActions.ruleFor(segment, customer).name()).isEqualTo(rule);
        NextAction next = NextActions.of(segment, customer, french());
        assertThat(next)
                .extracting(NextAction::action, NextAction::channel, NextAction::withinHours)
                .containsExactly(action, channel, hours);
        assertThat(next.text()).isNotBlank();
    }

    @Test
    void shouldHaveAFallbackRowForEverySegment() {
        for (Segment segment : Segment.values()) {
            assertThat(NextActions.RULES.stream()
                            .filter(rule -> rule.segment() == segment)
                            .anyMatch(rule -> rule.when().test(customer(0, 0, 0, 0))
                                    && rule.when().test(customer(999, 50, 0, 0))))
                    .as("a rule for any %s customer", segment)
                    .isTrue();
        }
    }

    @Test
    void shouldSayTheActionInBothLanguages() {
        Customer silent = customer(45, 10, 6, 2);
        assertThat(NextActions.of(Segment.WARM, silent, french()).text())
                .isEqualTo("Appeler sous 48 h : aucun contact depuis 45 jours.");
        assertThat(NextActions.of(Segment.WARM, silent, english()).text())
                .isEqualTo("Call within 48 h: no contact for 45 days.");
        assertThat(NextActions.of(Segment.COLD, customer(60, 10, 5, 0), english())
                        .text())
                .contains("opens 50 % of your emails");
    }
}
