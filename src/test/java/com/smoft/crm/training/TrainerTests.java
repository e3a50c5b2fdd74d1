package com.smoft.crm.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

import com.smoft.crm.scoring.Customer;
import com.smoft.crm.scoring.Signals;
import com.smoft.crm.scoring.TrainedModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerTests {

    private static final TrainingOptions SMALL = TrainingOptions.DEFAULT.withTrees(30);

    @Test
    void shouldRefuseFewerThanTwoHundredCustomers() {
        List<LabeledCustomer> history = new SampleDataGenerator(1).generate(199);
        assertThatExceptionOfType(TrainingDataException.class)
                .isThrownBy(() -> Trainer.train(history, "test", SMALL, () -> { }))
                .withMessageContaining("199 customers").withMessageContaining("at least 200");
    }

    @Test
    void shouldRefuseAHistoryWithOneClass() {
        List<LabeledCustomer> history = new SampleDataGenerator(1).generate(500).stream()
                .map(c -> new LabeledCustomer(c.customer(), false)).toList();
        assertThatExceptionOfType(TrainingDataException.class)
                .isThrownBy(() -> Trainer.train(history, "test", SMALL, () -> { }))
                .withMessageContaining("converted = false");
    }

    @Test
    void shouldKeepTheBaseRateInEveryPartOfTheSplit() {
        List<LabeledCustomer> history = new SampleDataGenerator(2).generate(10_000);
        List<List<LabeledCustomer>> parts = Trainer.stratifiedSplit(history, 9, 0.6, 0.2);
        assertThat(parts.stream().mapToInt(List::size).sum()).isEqualTo(history.size());
        assertThat(parts.get(0)).hasSize(6000);
        double baseRate = rate(history);
        for (List<LabeledCustomer> part : parts) {
            assertThat(rate(part)).isCloseTo(baseRate, within(0.001));
        }
    }

    @Test
    void shouldTrainTheSameModelTwiceForOneSeed() {
        List<LabeledCustomer> history = new SampleDataGenerator(3).generate(3000);
        TrainedModel first = Trainer.train(history, "test", SMALL, () -> { }).model();
        TrainedModel second = Trainer.train(history, "test", SMALL, () -> { }).model();
        for (LabeledCustomer labeled : history.subList(0, 500)) {
            Signals signals = Signals.of(labeled.customer(), first.cutPoints());
            assertThat(second.smileVoteShare(signals)).isEqualTo(first.smileVoteShare(signals));
        }
    }

    @Test
    void shouldCountEveryTreeItBuilds() {
        var built = new java.util.concurrent.atomic.AtomicInteger();
        Trainer.train(new SampleDataGenerator(4).generate(1000), "test", SMALL, built::incrementAndGet);
        // Smile publishes tree statuses asynchronously; they are all delivered by the time the publisher closes.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> built.get() == 30);
    }

    @Test
    void shouldGenerateTheSameCustomersForOneSeedAndAPlausibleBaseRate() {
        List<LabeledCustomer> first = new SampleDataGenerator(8).generate(20_000);
        assertThat(new SampleDataGenerator(8).generate(20_000)).isEqualTo(first);
        assertThat(rate(first)).isBetween(0.15, 0.40);
        assertThat(first.stream().map(LabeledCustomer::customer).distinct()).hasSize(first.size());
        // The hidden interest drives both engagement and conversion: converters open more of their emails.
        assertThat(meanOpenRate(first, true)).isGreaterThan(meanOpenRate(first, false) + 0.1);
    }

    private static double meanOpenRate(List<LabeledCustomer> customers, boolean converted) {
        return customers.stream().filter(labeled -> labeled.converted() == converted).map(LabeledCustomer::customer)
                .filter(customer -> customer.emailsSent() > 0)
                .mapToDouble(customer -> customer.emailsOpened() / (double) customer.emailsSent()).average().orElseThrow();
    }

    private static double rate(List<LabeledCustomer> customers) {
        return customers.stream().filter(LabeledCustomer::converted).count() / (double) customers.size();
    }
}
