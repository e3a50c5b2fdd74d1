package com.smoft.crm.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

import com.smoft.crm.scoring.ModelCard;
import com.smoft.crm.scoring.ModelFiles;
import com.smoft.crm.scoring.Signals;
import com.smoft.crm.scoring.TrainedModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

@Execution(ExecutionMode.CONCURRENT)
class TrainerTests {

    private static final TrainingOptions SMALL = TrainingOptions.DEFAULT.withTrees(30);

    @Test
    void shouldRefuseAHistoryWithThirtyConversionsSayingHowManyOfEachItHasAndNeeds() {
        List<LabeledCustomer> sample = new SampleDataGenerator(1).generate(3000);
        List<LabeledCustomer> history =
                new ArrayList<>(sample.stream().filter(c -> !c.converted()).toList());
        history.addAll(
                sample.stream().filter(LabeledCustomer::converted).limit(30).toList());
        assertThatExceptionOfType(TrainingDataException.class)
                .isThrownBy(() -> Trainer.train(history, "test", null, SMALL, () -> {}))
                .withMessageContaining("30 converted and " + (history.size() - 30) + " not converted")
                .withMessageContaining("at least 50 of each");
    }

    @Test
    void shouldRefuseAHistoryWithOneOutcome() {
        List<LabeledCustomer> history = new SampleDataGenerator(1)
                .generate(500).stream()
                        .map(c -> new LabeledCustomer(c.customer(), false))
                        .toList();
        assertThatExceptionOfType(TrainingDataException.class)
                .isThrownBy(() -> Trainer.train(history, "test", null, SMALL, () -> {}))
                .withMessageContaining("0 converted and 500 not converted");
    }

    @Test
    void shouldWarnAndRecordInTheCardWhenTheHistoryIsSmallOrTheModelWeak() {
        List<LabeledCustomer> small = new SampleDataGenerator(6).generate(600);
        ModelCard smallCard =
                Trainer.train(small, "test", null, SMALL, () -> {}).card();
        assertThat(smallCard.warnings()).anyMatch(w -> w.startsWith("small history: 600 customers"));
        assertThat(smallCard.convertedCount()).isEqualTo((int)
                small.stream().filter(LabeledCustomer::converted).count());

        // Labels shuffled: nothing to learn, and the scores stay near the base rate, far from Hot.
        List<LabeledCustomer> noise = shuffledLabels(new SampleDataGenerator(7).generate(3000), 7);
        ModelCard noiseCard =
                Trainer.train(noise, "test", null, SMALL, () -> {}).card();
        assertThat(noiseCard.holdout().auc()).isLessThan(Promotion.MIN_AUC);
        assertThat(noiseCard.warnings())
                .anyMatch(w -> w.startsWith("weak model: holdout AUC"))
                .anyMatch(w -> w.startsWith("no holdout customer reaches Hot"));

        ModelCard good = Trainer.train(new SampleDataGenerator(8).generate(3000), "test", null, SMALL, () -> {})
                .card();
        assertThat(good.warnings()).isEmpty();
        assertThat(Arrays.stream(good.holdoutScores().customers()).sum())
                .isEqualTo(good.split().holdout());
    }

    @Test
    void shouldWriteTheSameBytesAndSoTheSameVersionForTheSameHistoryAndOptions(@TempDir Path folder) throws Exception {
        List<LabeledCustomer> history = new SampleDataGenerator(3).generate(3000);
        Trainer.Result first = Trainer.train(history, "test", null, SMALL, () -> {});
        Trainer.Result second = Trainer.train(history, "test", null, SMALL, () -> {});
        ModelCard firstCard = ModelFiles.save(first.model(), first.card(), folder.resolve("first.bin"));
        ModelCard secondCard = ModelFiles.save(second.model(), second.card(), folder.resolve("second.bin"));
        assertThat(secondCard.version()).isEqualTo(firstCard.version());
        ModelCard otherSeed = ModelFiles.save(
                Trainer.train(history, "test", null, SMALL.withSeed(4), () -> {})
                        .model(),
                first.card(),
                folder.resolve("third.bin"));
        assertThat(otherSeed.version()).isNotEqualTo(firstCard.version());
    }

    static List<LabeledCustomer> shuffledLabels(List<LabeledCustomer> history, long seed) {
        List<Boolean> labels =
                new ArrayList<>(history.stream().map(LabeledCustomer::converted).toList());
        Collections.shuffle(labels, new Random(seed));
        return IntStream.range(0, history.size())
                .mapToObj(i -> new LabeledCustomer(history.get(i).customer(), labels.get(i)))
                .toList();
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
        TrainedModel first =
                Trainer.train(history, "test", null, SMALL, () -> {}).model();
        TrainedModel second =
                Trainer.train(history, "test", null, SMALL, () -> {}).model();
        for (LabeledCustomer labeled : history.subList(0, 500)) {
            Signals signals = Signals.of(labeled.customer(), first.cutPoints());
            assertThat(second.smileVoteShare(signals)).isEqualTo(first.smileVoteShare(signals));
        }
    }

    @Test
    void shouldCountEveryTreeItBuilds() {
        var built = new AtomicInteger();
        Trainer.train(new SampleDataGenerator(4).generate(1000), "test", null, SMALL, built::incrementAndGet);
        // Smile publishes tree statuses asynchronously; they are all delivered by the time the publisher closes.
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> built.get() == 30);
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
        return customers.stream()
                .filter(labeled -> labeled.converted() == converted)
                .map(LabeledCustomer::customer)
                .filter(customer -> customer.emailsSent() > 0)
                .mapToDouble(customer -> customer.emailsOpened() / (double) customer.emailsSent())
                .average()
                .orElseThrow();
    }

    private static double rate(List<LabeledCustomer> customers) {
        return customers.stream().filter(LabeledCustomer::converted).count() / (double) customers.size();
    }
}
