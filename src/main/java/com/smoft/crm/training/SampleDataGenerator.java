package com.smoft.crm.training;

import com.smoft.crm.scoring.Customer;
import com.smoft.crm.scoring.Signals;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * A realistic, reproducible CRM customer base for training and testing when no history is given.
 *
 * <p>Each customer has a hidden interest level drawn from a standard normal. It drives, with noise,
 * how recently and how often the sales team was in touch, how many emails they open, how often they
 * visit the website and how much they spend; tenure drives how many emails were sent and how many
 * contacts piled up. Conversion depends only on the observed behaviour, through
 * {@link #conversionProbability(Customer)}: a logistic rule with saturating effects, a bonus for
 * customers both recent and engaged by email, and a penalty for brand-new customers. The outcome
 * is a coin flip with that probability, so even a perfect model has an AUC well below 1.
 */
final class SampleDataGenerator {

    private final RandomGenerator random;

    SampleDataGenerator(long seed) {
        random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    /** A customer base of the given size. */
    List<LabeledCustomer> generate(int size) {
        List<LabeledCustomer> customers = new ArrayList<>(size);
        for (int id = 1; id <= size; id++) {
            Customer customer = nextCustomer(id);
            customers.add(new LabeledCustomer(customer, random.nextDouble() < conversionProbability(customer)));
        }
        return customers;
    }

    /** The true conversion probability of the behavioural model: the best any scorer can know. */
    static double conversionProbability(Customer customer) {
        double openRate = Signals.emailOpenRate(customer.emailsSent(), customer.emailsOpened());
        int days = customer.daysSinceLastContact();
        double logit = -1.6
                + 2.4 * (openRate - 0.3)
                + 0.55 * (Math.log1p(customer.websiteVisits()) - 1.5)
                - 0.028 * Math.min(days, 90)
                + 0.9
                + 0.30 * (Math.log1p(customer.totalSpent() / 100.0) - 1.5)
                + 0.15 * Math.min(customer.totalContacts(), 20) / 5.0
                + (openRate > 0.5 && days <= 14 ? 0.9 : 0.0)
                - (customer.customerAgeDays() < 30 ? 0.7 : 0.0);
        return 1.0 / (1.0 + Math.exp(-logit));
    }

    private Customer nextCustomer(long id) {
        double interest = random.nextGaussian();
        int tenure = 1 + (int) Math.min(3650, -450 * Math.log(1 - random.nextDouble()));
        int contacts = poisson(1 + 5 * Math.exp(0.45 * interest) * Math.sqrt(tenure / 365.0));
        double meanSilence = 55 * Math.exp(-0.6 * interest + 0.4 * random.nextGaussian());
        int daysSinceLastContact = (int) Math.min(tenure, -meanSilence * Math.log(1 - random.nextDouble()));
        int emailsSent = poisson(Math.min(80, 2 + tenure / 25.0));
        double openPropensity = 1 / (1 + Math.exp(-(-0.9 + 0.9 * interest + 0.7 * random.nextGaussian())));
        int emailsOpened = binomial(emailsSent, openPropensity);
        int websiteVisits = poisson(Math.exp(1.3 + 0.7 * interest + 0.5 * random.nextGaussian()));
        double spent = random.nextDouble() < 0.15
                ? 0
                : Math.exp(5.2 + 0.25 * Math.log1p(contacts) + 0.45 * interest + 0.9 * random.nextGaussian());
        return new Customer(
                id,
                daysSinceLastContact,
                contacts,
                Math.round(spent * 100) / 100.0,
                emailsSent,
                emailsOpened,
                websiteVisits,
                tenure);
    }

    private int poisson(double mean) {
        if (mean > 50) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }

    private int binomial(int trials, double probability) {
        int successes = 0;
        for (int i = 0; i < trials; i++) {
            if (random.nextDouble() < probability) {
                successes++;
            }
        }
        return successes;
    }
}
