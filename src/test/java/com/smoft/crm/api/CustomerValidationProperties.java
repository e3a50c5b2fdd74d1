package com.smoft.crm.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.smoft.crm.scoring.LeadScorer;
import com.smoft.crm.scoring.RecordProblem;
import com.smoft.crm.scoring.ShippedModel;
import java.math.BigDecimal;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The validation invariants, checked on generated customers rather than on a few chosen ones. */
class CustomerValidationProperties {

    private static Set<String> badFields(CustomerRequest customer) {
        return customer.problems().stream().map(RecordProblem::field).collect(Collectors.toSet());
    }

    @Property(tries = 2000)
    void aFieldIsRefusedExactlyWhenItIsNegative(
            @ForAll @LongRange(min = -5, max = 5) long customerId,
            @ForAll @IntRange(min = -3, max = 400) int days,
            @ForAll @IntRange(min = -3, max = 60) int contacts,
            @ForAll @IntRange(min = -300, max = 5000) int cents,
            @ForAll @IntRange(min = -3, max = 30) int sent,
            @ForAll @IntRange(min = -3, max = 30) int opened,
            @ForAll @IntRange(min = -3, max = 90) int visits,
            @ForAll @IntRange(min = -3, max = 3000) int age) {
        CustomerRequest customer = new CustomerRequest(
                customerId, days, contacts, BigDecimal.valueOf(cents, 2), sent, opened, visits, age);
        Set<String> bad = badFields(customer);
        assertThat(bad.contains("customer_id")).isEqualTo(customerId < 0);
        assertThat(bad.contains("days_since_last_contact")).isEqualTo(days < 0);
        assertThat(bad.contains("total_contacts")).isEqualTo(contacts < 0);
        assertThat(bad.contains("total_spent")).isEqualTo(cents < 0);
        assertThat(bad.contains("emails_sent")).isEqualTo(sent < 0);
        assertThat(bad.contains("website_visits")).isEqualTo(visits < 0);
        assertThat(bad.contains("customer_age_days")).isEqualTo(age < 0);
        assertThat(bad.contains("emails_opened")).isEqualTo(opened < 0);
    }

    @Property(tries = 2000)
    void aValidRequestAlwaysMakesAValidCustomerThatScoresWithinZeroAndHundred(
            @ForAll @LongRange(min = 0) long customerId,
            @ForAll @IntRange(min = 0) int days,
            @ForAll @IntRange(min = 0) int contacts,
            @ForAll @LongRange(min = 0, max = 100_000_000_000_000L) long cents,
            @ForAll @IntRange(min = 0) int sent,
            @ForAll @IntRange(min = 0) int visits,
            @ForAll @IntRange(min = 0) int age,
            @ForAll @IntRange(min = 0, max = 300) int openedPercent) {
        int opened = (int) Math.min(Integer.MAX_VALUE, (long) sent * openedPercent / 100);
        CustomerRequest customer = new CustomerRequest(
                customerId, days, contacts, BigDecimal.valueOf(cents, 2), sent, opened, visits, age);
        assertThat(badFields(customer)).isEmpty();
        var lead = SCORER.score(customer.toCustomer());
        assertThat(lead.score()).isBetween(0, 100);
        assertThat(lead.probability()).isBetween(0.0, 1.0);
    }

    private static final LeadScorer SCORER = LeadScorer.load(ShippedModel.PATH);
}
