package com.smoft.crm.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

@Execution(ExecutionMode.CONCURRENT)
class CompiledForestTests {

    @Test
    void shouldGiveTheSameVoteShareAsSmileOnOneHundredThousandRandomCustomersOneByOneAndInBlocks() {
        LoadedModel model = ModelFiles.load(ShippedModel.PATH);
        SplittableRandom random = new SplittableRandom(11);
        int customers = 100_000;
        double[] flat = new double[customers * Signals.COUNT];
        double[] smileShares = new double[customers];
        double[] oneByOneShares = new double[customers];
        double maxDifference = 0;
        for (int i = 0; i < customers; i++) {
            int sent = random.nextInt(0, 100);
            Customer customer = new Customer(
                    i,
                    random.nextInt(0, 400),
                    random.nextInt(0, 60),
                    Math.round(random.nextDouble(0, 5000) * 100) / 100.0,
                    sent,
                    sent == 0 ? 0 : random.nextInt(0, sent + 1),
                    random.nextInt(0, 200),
                    random.nextInt(0, 4000));
            Signals signals = model.signals(customer);
            double compiled = model.voteShare(signals);
            double smile = model.trained().smileVoteShare(signals);
            maxDifference = Math.max(maxDifference, Math.abs(compiled - smile));
            System.arraycopy(signals.toArray(), 0, flat, i * Signals.COUNT, Signals.COUNT);
            smileShares[i] = smile;
            oneByOneShares[i] = compiled;
        }
        assertThat(maxDifference).isCloseTo(0, within(1e-12));

        double[] blockShares = new double[customers];
        model.compiled().voteShares(flat, 0, customers, blockShares);
        for (int i = 0; i < customers; i++) {
            assertThat(blockShares[i]).isCloseTo(smileShares[i], within(1e-12));
        }
        // A customer scored alone and the same customer in a batch must get the very same score.
        assertThat(blockShares).containsExactly(oneByOneShares);
    }

    @Test
    void shouldGiveVariantsOfACustomerTheVeryBitsEachGetsAlone() {
        LoadedModel model = ModelFiles.load(ShippedModel.PATH);
        SplittableRandom random = new SplittableRandom(12);
        for (int trial = 0; trial < 300; trial++) {
            int count = random.nextInt(1, CompiledForest.MAX_VARIANTS + 1);
            Customer base = new Customer(
                    trial,
                    random.nextInt(0, 400),
                    random.nextInt(0, 60),
                    random.nextDouble(0, 5000),
                    random.nextInt(0, 100),
                    random.nextInt(0, 100),
                    random.nextInt(0, 200),
                    random.nextInt(0, 4000));
            double[] signals = new double[count * Signals.COUNT];
            double[] alone = new double[count];
            for (int row = 0; row < count; row++) {
                // Variants that differ in one or two inputs, some of them equal to others.
                Customer variant = new Customer(
                        row,
                        random.nextBoolean() ? base.daysSinceLastContact() : random.nextInt(0, 400),
                        base.totalContacts() + random.nextInt(0, 2),
                        base.totalSpent(),
                        base.emailsSent() + random.nextInt(0, 4),
                        base.emailsOpened() + random.nextInt(0, 4),
                        base.websiteVisits() + random.nextInt(0, 6),
                        base.customerAgeDays());
                System.arraycopy(model.signals(variant).toArray(), 0, signals, row * Signals.COUNT, Signals.COUNT);
                alone[row] = model.voteShare(model.signals(variant));
            }
            double[] together = new double[count];
            model.compiled().variantVoteShares(signals, count, together);
            assertThat(together).containsExactly(alone);
        }
    }

    @Test
    void shouldListTheThresholdsOfASignalsSplitsOnceInOrder() {
        double[] thresholds = ModelFiles.load(ShippedModel.PATH).compiled().thresholdsOf(Feature.RECENCY.ordinal());
        assertThat(thresholds).isNotEmpty().isSorted().doesNotHaveDuplicates();
    }
}
