package com.smoft.crm.scoring;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.stream.IntStream;

/**
 * Scores customers with the model in service: the one place where a probability becomes a score,
 * a segment, a recommendation, a next action and, on request, the reasons. Usable without Spring:
 *
 * <pre>{@code
 * LeadScorer scorer = LeadScorer.load(Path.of("model"));   // a model store, or a single model file
 * LeadScore lead = scorer.score(new Customer(1, 5, 10, 1500.50, 8, 6, 15, 120));
 * }</pre>
 */
public final class LeadScorer {

    private static final int CHUNK = 4096;
    private static final int REASONS_PER_SIDE = 3;

    private final ModelRegistry registry;
    private final SegmentThresholds thresholds;
    private final Texts texts;
    private final LocalizedTexts.Languages localized;
    // Reasons cost milliseconds of CPU each: at most one explanation per core at a time, so a burst of
    // them queues here instead of crowding out the microsecond scores on the same cores.
    private final Semaphore explaining = new Semaphore(Runtime.getRuntime().availableProcessors(), true);
    /** The what-if search over the model last searched: built again, cheaply, when another model serves. */
    private volatile WhatIfSearch search;

    public LeadScorer(ModelRegistry registry, SegmentThresholds thresholds, Texts texts) {
        this.registry = registry;
        this.thresholds = thresholds;
        this.texts = texts;
        this.localized = new LocalizedTexts.Languages(texts);
    }

    /**
     * A scorer over the serving version of the model store at {@code modelPath}, or over the model file there,
     * with the default thresholds and texts from the bundles.
     */
    public static LeadScorer load(Path modelPath) {
        ModelRegistry registry = Files.isDirectory(modelPath)
                ? ModelRegistry.ofStore(new ModelStore(modelPath))
                : ModelRegistry.ofFile(modelPath);
        return new LeadScorer(registry, SegmentThresholds.DEFAULT, Texts.bundled());
    }

    /** A scorer over one verified model, with the default thresholds and texts from the bundles. */
    public static LeadScorer of(LoadedModel model) {
        return new LeadScorer(new ModelRegistry(model), SegmentThresholds.DEFAULT, Texts.bundled());
    }

    /** Scores one customer, texts in French. */
    public LeadScore score(Customer customer) {
        return score(customer, Texts.DEFAULT_LOCALE, false);
    }

    /**
     * Scores one customer.
     *
     * @param locale  language of the texts: English for {@link Locale#ENGLISH}, French for any other
     * @param explain whether to compute the reasons (TreeSHAP: costlier than the score itself)
     */
    public LeadScore score(Customer customer, Locale locale, boolean explain) {
        return score(customer, locale, explain, false);
    }

    /**
     * Scores one customer.
     *
     * @param locale  language of the texts: English for {@link Locale#ENGLISH}, French for any other
     * @param explain whether to compute the reasons (TreeSHAP: costlier than the score itself)
     * @param whatIf  whether to search what would move the customer up a segment, or how long a Hot one stays Hot
     *                ({@link WhatIf}: tens of microseconds)
     */
    public LeadScore score(Customer customer, Locale locale, boolean explain, boolean whatIf) {
        LoadedModel model = registry.current();
        double probability = model.trained().calibrator().calibrate(model.voteShare(model.signals(customer)));
        Found found = whatIf ? find(model, customer, thresholds.segmentOf(scoreOf(probability))) : null;
        return describe(model, customer, probability, localized.of(locale), Texts.supported(locale), explain, found);
    }

    /**
     * Scores one customer with a given model rather than the serving one, with its reasons: what an event about an
     * earlier score, made by a model that may no longer serve, explains.
     *
     * @param locale language of the texts: English for {@link Locale#ENGLISH}, French for any other
     */
    public LeadScore explainWith(LoadedModel model, Customer customer, Locale locale) {
        double probability = model.trained().calibrator().calibrate(model.voteShare(model.signals(customer)));
        return describe(model, customer, probability, localized.of(locale), Texts.supported(locale), true, null);
    }

    /** Scores customers in input order, in parallel chunks, all with the same model. */
    public List<LeadScore> scoreAll(List<Customer> customers, Locale locale, boolean explain) {
        ScoredBatch batch = scoreBatch(customers);
        LeadScore[] results = new LeadScore[customers.size()];
        IntStream.range(0, customers.size()).parallel().forEach(i -> results[i] = batch.lead(i, locale, explain));
        return Arrays.asList(results);
    }

    /** The scores of many customers ({@link #scoreBatch(List)}), without the what-if search. */
    public ScoredBatch scoreBatch(List<Customer> customers) {
        return scoreBatch(customers, false);
    }

    /**
     * The scores of many customers, computed in parallel chunks with one model: the heavy part of a batch.
     * The answer for each customer, texts and reasons included, is then built one at a time with
     * {@link ScoredBatch#lead}, so a caller can write a million answers without holding them all.
     *
     * @param whatIf whether to run the what-if search for every customer too, in the same parallel chunks
     */
    public ScoredBatch scoreBatch(List<Customer> customers, boolean whatIf) {
        LoadedModel model = registry.current();
        double[] probabilities = new double[customers.size()];
        Found[] found = whatIf ? new Found[customers.size()] : null;
        int chunks = (customers.size() + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks).parallel().forEach(chunk -> {
            int start = chunk * CHUNK;
            int end = Math.min(customers.size(), start + CHUNK);
            double[] signals = new double[(end - start) * Signals.COUNT];
            for (int i = start; i < end; i++) {
                System.arraycopy(
                        model.signals(customers.get(i)).toArray(),
                        0,
                        signals,
                        (i - start) * Signals.COUNT,
                        Signals.COUNT);
            }
            double[] voteShares = new double[end - start];
            model.compiled().voteShares(signals, 0, end - start, voteShares);
            for (int i = start; i < end; i++) {
                probabilities[i] = model.trained().calibrator().calibrate(voteShares[i - start]);
            }
            if (found != null) {
                for (int i = start; i < end; i++) {
                    found[i] = find(model, customers.get(i), thresholds.segmentOf(scoreOf(probabilities[i])));
                }
            }
        });
        return new ScoredBatch(model, customers, probabilities, found);
    }

    /** Probabilities of a batch, scored by one model; answers are built on demand. */
    public final class ScoredBatch {
        private final LoadedModel model;
        private final List<Customer> customers;
        private final double[] probabilities;
        /** The what-if search's findings, when the batch was scored with it; otherwise {@code null}. */
        private final Found[] found;

        private ScoredBatch(LoadedModel model, List<Customer> customers, double[] probabilities, Found[] found) {
            this.model = model;
            this.customers = customers;
            this.probabilities = probabilities;
            this.found = found;
        }

        /** Number of customers. */
        public int size() {
            return probabilities.length;
        }

        /** The score of customer {@code index}, 0 to 100. */
        public int score(int index) {
            return scoreOf(probabilities[index]);
        }

        /** The segment of customer {@code index}. */
        public Segment segment(int index) {
            return thresholds.segmentOf(score(index));
        }

        /** The batch's customers per segment. */
        public SegmentCounts segmentCounts() {
            SegmentCounts counts = new SegmentCounts();
            for (int i = 0; i < size(); i++) {
                counts.add(segment(i));
            }
            return counts;
        }

        /** The calibrated conversion probability of customer {@code index}. */
        public double probability(int index) {
            return probabilities[index];
        }

        /** Customer {@code index} as scored. */
        public Customer customer(int index) {
            return customers.get(index);
        }

        /** The identifier of customer {@code index}, as the caller gave it. */
        public CustomerId customerId(int index) {
            return customers.get(index).customerId();
        }

        /** The model that scored the batch. */
        public String modelVersion() {
            return model.version();
        }

        /** The code of customer {@code index}'s next action ({@code CALL}, {@code EMAIL}, {@code NURTURE}), without its text. */
        public String nextActionCode(int index) {
            return NextActions.ruleFor(segment(index), customers.get(index)).action();
        }

        /** The recommendation for customer {@code index}'s segment, in French or English. */
        public String recommendation(int index, Locale locale) {
            return localized.of(locale).recommendation(segment(index));
        }

        /** The full answer for customer {@code index}, with the what-if search's when the batch was scored with it. */
        public LeadScore lead(int index, Locale locale, boolean explain) {
            Customer customer = customers.get(index);
            return describe(
                    model,
                    customer,
                    probabilities[index],
                    localized.of(locale),
                    Texts.supported(locale),
                    explain,
                    found == null ? null : found[index]);
        }

        /**
         * The what-if step or risk of customer {@code index} in words, in French or English; {@code null} when the
         * batch was scored without the search.
         */
        public String whatIfText(int index, Locale locale) {
            return found == null ? null : found[index].text(score(index), localized.of(locale));
        }

        /** The score the next step would reach, for a customer below Hot of a batch scored with the search; else null. */
        public Integer nextStepScore(int index) {
            return found == null || found[index].step() == null ? null : found[index].scoreAfter();
        }

        /**
         * The days without contact after which a Hot customer of a batch scored with the search stops being Hot;
         * {@code null} for the others, or when he is still Hot after {@value WhatIfSearch#HORIZON_DAYS} days.
         */
        public Integer atRiskAfter(int index) {
            return found == null
                            || found[index].risk() == null
                            || found[index].risk().days() == 0
                    ? null
                    : found[index].risk().days();
        }
    }

    /**
     * What the what-if search found for one customer: a step below Hot, a risk for a Hot one.
     *
     * @param step         the next step, or {@code null}
     * @param scoreAfter   the score after the step
     * @param segmentAfter the segment after the step, or {@code null}
     * @param risk         the risk, or {@code null}
     */
    private record Found(WhatIfSearch.Step step, int scoreAfter, Segment segmentAfter, WhatIfSearch.Risk risk) {

        String text(int score, LocalizedTexts language) {
            return risk != null
                    ? language.atRisk(risk.days(), risk.segment(), risk.horizon())
                    : language.nextStep(step, score, scoreAfter, segmentAfter);
        }

        WhatIf whatIf(Customer customer, int score, LocalizedTexts language) {
            String text = text(score, language);
            if (risk != null) {
                return new WhatIf(null, new WhatIf.AtRisk(risk.days() == 0 ? null : risk.days(), risk.segment(), text));
            }
            Map<RepAction, Integer> actions = new EnumMap<>(RepAction.class);
            RepAction[] all = RepAction.values();
            for (int a = 0; a < all.length; a++) {
                if (step.times()[a] > 0) {
                    actions.put(all[a], step.times()[a]);
                }
            }
            return new WhatIf(
                    new WhatIf.NextStep(
                            step.target(),
                            step.reached(),
                            Collections.unmodifiableMap(actions),
                            scoreAfter,
                            segmentAfter,
                            step.probability(),
                            step.applyTo(customer),
                            text),
                    null);
        }
    }

    /** The what-if search over a model, kept while that model serves. */
    private WhatIfSearch searchOf(LoadedModel model) {
        WhatIfSearch search = this.search;
        if (search == null || search.model() != model) {
            search = new WhatIfSearch(model, thresholds);
            this.search = search;
        }
        return search;
    }

    /** Runs the what-if search for a customer in {@code segment}. */
    private Found find(LoadedModel model, Customer customer, Segment segment) {
        WhatIfSearch search = searchOf(model);
        if (segment == Segment.HOT) {
            return new Found(null, 0, null, search.atRisk(customer));
        }
        WhatIfSearch.Step step = search.nextStep(customer, segment);
        int after = scoreOf(step.probability());
        return new Found(step, after, thresholds.segmentOf(after), null);
    }

    /** Scores customers in input order, texts in French, no reasons. */
    public List<LeadScore> scoreAll(List<Customer> customers) {
        return scoreAll(customers, Texts.DEFAULT_LOCALE, false);
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

    private LeadScore describe(
            LoadedModel model,
            Customer customer,
            double probability,
            LocalizedTexts language,
            Locale locale,
            boolean explain,
            Found found) {
        int score = scoreOf(probability);
        Segment segment = thresholds.segmentOf(score);
        Explanation explanation = null;
        if (explain) {
            Signals signals = model.signals(customer);
            explaining.acquireUninterruptibly();
            try {
                explanation = explain(model, customer, signals, model.voteShare(signals), probability, locale);
            } finally {
                explaining.release();
            }
        }
        return new LeadScore(
                customer.customerId(),
                score,
                segment,
                probability,
                language.recommendation(segment),
                NextActions.of(segment, customer, language),
                explanation,
                found == null ? null : found.whatIf(customer, score, language),
                model.version());
    }

    private Explanation explain(
            LoadedModel model,
            Customer customer,
            Signals signals,
            double voteShare,
            double probability,
            Locale locale) {
        ForestExplainer explainer = model.explainer();
        double[] contributions = explainer.contributions(signals.toArray());
        double base = explainer.baseValue();
        double baseScore = 100 * model.trained().calibrator().calibrate(base);
        double pointsPerVote = pointsPerVote(model, base, voteShare, baseScore, probability);
        Feature[] features = Feature.values();
        List<Reason> reasons = IntStream.range(0, features.length)
                .mapToObj(i -> reason(
                        features[i], customer, signals.get(features[i]), contributions[i] * pointsPerVote, locale))
                .filter(reason -> reason.impact() != 0)
                .toList();
        List<Reason> raised = reasons.stream()
                .filter(r -> r.impact() > 0)
                .sorted(Comparator.comparingDouble(Reason::impact).reversed())
                .limit(REASONS_PER_SIDE)
                .toList();
        List<Reason> lowered = reasons.stream()
                .filter(r -> r.impact() < 0)
                .sorted(Comparator.comparingDouble(Reason::impact))
                .limit(REASONS_PER_SIDE)
                .toList();
        return new Explanation(round2(baseScore), raised, lowered);
    }

    /**
     * Score points per unit of vote share: the calibrated distance from the base score to this customer's
     * score, shared in proportion to the TreeSHAP contributions. Near the base, the local slope of the curve.
     */
    private static double pointsPerVote(
            LoadedModel model, double base, double voteShare, double baseScore, double probability) {
        double distance = voteShare - base;
        if (Math.abs(distance) > 1e-6) {
            return (100 * probability - baseScore) / distance;
        }
        IsotonicCalibrator curve = model.trained().calibrator();
        return 100 * (curve.calibrate(base + 0.01) - curve.calibrate(base - 0.01)) / 0.02;
    }

    private Reason reason(Feature feature, Customer customer, double value, double impact, Locale locale) {
        String direction = impact > 0 ? "up" : "down";
        Object shown = feature == Feature.EMAIL_OPEN_RATE ? Math.round(100 * value) : value;
        String key = feature == Feature.EMAIL_OPEN_RATE && customer.emailsSent() == 0
                ? "reason.email_open_rate.none"
                : "reason." + feature.key() + "." + direction;
        return new Reason(feature, value, round2(impact), texts.get(key, new Object[] {shown}, locale));
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
