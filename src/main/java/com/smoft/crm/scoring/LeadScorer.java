package com.smoft.crm.scoring;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Scores customers with the model in service: the one place where a probability becomes a score,
 * a segment and a recommendation. Usable without Spring:
 *
 * <pre>{@code
 * LeadScorer scorer = LeadScorer.load(Path.of("model/crm-scoring-model.bin"));
 * LeadScore lead = scorer.score(new Customer(1, 5, 10, 1500.50, 8, 6, 15, 120));
 * }</pre>
 */
public final class LeadScorer {

    private static final int CHUNK = 4096;

    private final ModelRegistry registry;
    private final SegmentThresholds thresholds;

    public LeadScorer(ModelRegistry registry, SegmentThresholds thresholds) {
        this.registry = registry;
        this.thresholds = thresholds;
    }

    /** A scorer over the model file at {@code modelPath} with the default segment thresholds. */
    public static LeadScorer load(java.nio.file.Path modelPath) {
        return new LeadScorer(new ModelRegistry(ModelFiles.load(modelPath)), SegmentThresholds.DEFAULT);
    }

    /** Scores one customer, recommendation in French. */
    public LeadScore score(Customer customer) {
        return score(customer, Recommendations.DEFAULT_LOCALE);
    }

    /** Scores one customer, recommendation in the given language. */
    public LeadScore score(Customer customer, Locale locale) {
        return score(registry.current(), customer, locale);
    }

    /** Scores customers in input order, in parallel chunks, all with the same model. */
    public List<LeadScore> scoreAll(List<Customer> customers, Locale locale) {
        LoadedModel model = registry.current();
        LeadScore[] results = new LeadScore[customers.size()];
        int chunks = (customers.size() + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks).parallel().forEach(chunk -> {
            int end = Math.min(customers.size(), (chunk + 1) * CHUNK);
            for (int i = chunk * CHUNK; i < end; i++) {
                results[i] = score(model, customers.get(i), locale);
            }
        });
        return Arrays.asList(results);
    }

    /** Scores customers in input order, recommendations in French. */
    public List<LeadScore> scoreAll(List<Customer> customers) {
        return scoreAll(customers, Recommendations.DEFAULT_LOCALE);
    }

    /** The score of a calibrated probability: round(100 x p). */
    public static int scoreOf(double probability) {
        return (int) Math.round(100 * probability);
    }

    /** The thresholds this scorer segments with. */
    public SegmentThresholds thresholds() {
        return thresholds;
    }

    /** The model in service. */
    public LoadedModel model() {
        return registry.current();
    }

    private LeadScore score(LoadedModel model, Customer customer, Locale locale) {
        double probability = model.probability(model.signals(customer));
        int score = scoreOf(probability);
        Segment segment = thresholds.segmentOf(score);
        return new LeadScore(customer.customerId(), score, segment, probability,
                Recommendations.of(segment, locale), model.version());
    }
}
