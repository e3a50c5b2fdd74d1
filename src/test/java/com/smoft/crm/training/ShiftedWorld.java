package com.smoft.crm.training;

import com.smoft.crm.scoring.Customer;
import com.smoft.crm.scoring.Signals;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A world whose behaviour has shifted since the shipped model was trained: the customers of
 * {@link SampleDataGenerator}, but who converts follows another rule. Spend still helps; heavy website browsing and
 * email opening now mark comparison shoppers who sign elsewhere, and recency no longer matters. A model trained on
 * the old world ranks these customers worse than chance would; one trained on this world's outcomes ranks them well.
 */
public final class ShiftedWorld {

    private ShiftedWorld() {}

    /**
     * A customer of this world and what he did.
     *
     * @param customer  his behaviour
     * @param converted whether he signed
     */
    public record Lead(Customer customer, boolean converted) {}

    /** {@code size} customers of this world and what each did, for tests outside the training package. */
    public static List<Lead> leads(long seed, int size) {
        return generate(seed, size).stream()
                .map(c -> new Lead(c.customer(), c.converted()))
                .toList();
    }

    /** {@code size} customers of this world, their outcomes drawn from its rule. */
    static List<LabeledCustomer> generate(long seed, int size) {
        SplittableRandom coin = new SplittableRandom(seed);
        return new SampleDataGenerator(seed)
                .generate(size).stream()
                        .map(c -> new LabeledCustomer(
                                c.customer(), coin.nextDouble() < conversionProbability(c.customer())))
                        .toList();
    }

    /** The shifted world's true conversion probability. */
    static double conversionProbability(Customer customer) {
        double openRate = Signals.emailOpenRate(customer.emailsSent(), customer.emailsOpened());
        double logit = -1.2
                + 1.3 * (Math.log1p(customer.totalSpent() / 100.0) - 1.5)
                - 1.1 * (Math.log1p(customer.websiteVisits()) - 1.5)
                - 2.5 * (openRate - 0.3);
        return 1.0 / (1.0 + Math.exp(-logit));
    }
}
