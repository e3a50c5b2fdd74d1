package com.smoft.crm.training;

import com.smoft.crm.scoring.CompiledForest;
import com.smoft.crm.scoring.Feature;
import com.smoft.crm.scoring.IsotonicCalibrator;
import com.smoft.crm.scoring.ModelCard;
import com.smoft.crm.scoring.RfmCutPoints;
import com.smoft.crm.scoring.Segment;
import com.smoft.crm.scoring.SegmentThresholds;
import com.smoft.crm.scoring.Signals;
import com.smoft.crm.scoring.TrainedModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Flow;
import smile.classification.RandomForest;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.ValueVector;
import smile.model.cart.SplitRule;
import smile.util.IntSet;
import smile.util.IterativeAlgorithmController;
import smile.validation.ClassificationMetrics;

/**
 * Trains a scoring model: stratified split, RFM cut points, the forest, its calibration curve,
 * and the holdout metrics of the card.
 *
 * <p>The customers are split 60 / 20 / 20, each part with the same conversion rate: the trees grow
 * on the first part, the calibration curve is fitted on the second (customers the trees never saw),
 * and the third only measures. The RFM cut points come from the first part alone.
 */
final class Trainer {

    /** Fewest converted, and fewest not converted, customers a history must hold to train on. */
    static final int MINIMUM_PER_OUTCOME = 50;
    /** Below this many customers, or {@link #TRUSTED_CONVERTED} conversions, the model is trained with a warning. */
    static final int TRUSTED_ROWS = 1_000;

    static final int TRUSTED_CONVERTED = 120;

    private Trainer() {}

    /**
     * A trained model and its card, still without a version (the hash of the written file).
     *
     * @param holdout the customers only used to measure it, on which a promotion compares it with the serving model
     */
    record Result(TrainedModel model, ModelCard card, List<LabeledCustomer> holdout) {}

    /**
     * Trains on a history.
     *
     * @param history       the labelled customers
     * @param dataSource    how the card names the data
     * @param memoryHistory which outcomes of the memory the history is, or {@code null} for a history from elsewhere
     * @param options       the forest options
     * @param treeBuilt     called once per tree built, from any thread
     */
    static Result train(
            List<LabeledCustomer> history,
            String dataSource,
            ModelCard.MemoryHistory memoryHistory,
            TrainingOptions options,
            Runnable treeBuilt) {
        long start = System.nanoTime();
        int converted = checkTrainable(history);
        List<List<LabeledCustomer>> parts = stratifiedSplit(history, options.seed(), 0.6, 0.2);
        List<LabeledCustomer> training = parts.get(0);
        List<LabeledCustomer> calibration = parts.get(1);
        List<LabeledCustomer> holdout = parts.get(2);

        RfmCutPoints cutPoints = RfmCutPoints.fit(
                training.stream()
                        .mapToDouble(c -> c.customer().daysSinceLastContact())
                        .toArray(),
                training.stream().mapToDouble(c -> c.customer().totalContacts()).toArray(),
                training.stream().mapToDouble(c -> c.customer().totalSpent()).toArray());

        RandomForest forest = withoutTimings(fitForest(training, cutPoints, options, treeBuilt));
        CompiledForest compiled = CompiledForest.compile(forest);
        IsotonicCalibrator calibrator =
                IsotonicCalibrator.fit(voteShares(compiled, calibration, cutPoints), labels(calibration));
        TrainedModel model = new TrainedModel(forest, cutPoints, calibrator);

        double[] holdoutProbability = Arrays.stream(voteShares(compiled, holdout, cutPoints))
                .map(calibrator::calibrate)
                .toArray();
        ModelCard.HoldoutMetrics metrics =
                HoldoutEvaluation.evaluate(holdoutProbability, labels(holdout), options.thresholds());
        ModelCard.HoldoutScores holdoutScores = HoldoutEvaluation.byScore(holdoutProbability, labels(holdout));

        double seconds = (System.nanoTime() - start) / 1e9;
        ModelCard card = new ModelCard(
                null,
                Instant.now().toString(),
                dataSource,
                history.size(),
                List.of(Feature.keys()),
                new ModelCard.Hyperparameters(
                        options.trees(), options.maxDepth(), options.nodeSize(), mtry(), options.seed()),
                new ModelCard.Split(training.size(), calibration.size(), holdout.size()),
                metrics,
                new ModelCard.OutOfBagMetrics(
                        forest.metrics().accuracy(), forest.metrics().error()),
                importance(forest),
                cutPoints,
                options.thresholds(),
                "isotonic regression (" + calibrator.knots() + " knots) fitted on " + calibration.size()
                        + " customers the trees did not train on",
                Math.round(seconds * 100) / 100.0,
                converted,
                warnings(history.size(), converted, metrics, holdoutScores, options.thresholds()),
                holdoutScores,
                memoryHistory);
        return new Result(model, card, holdout);
    }

    /** Refuses a history too small to learn from; returns its number of converted customers. */
    private static int checkTrainable(List<LabeledCustomer> history) {
        int converted =
                (int) history.stream().filter(LabeledCustomer::converted).count();
        int notConverted = history.size() - converted;
        if (converted < MINIMUM_PER_OUTCOME || notConverted < MINIMUM_PER_OUTCOME) {
            throw new TrainingDataException(String.format(
                    Locale.ROOT,
                    "the history has %d converted and %d not converted customers; training needs at least %d of each, "
                            + "so that the model sees both outcomes often enough and some can be held out to measure it",
                    converted,
                    notConverted,
                    MINIMUM_PER_OUTCOME));
        }
        return converted;
    }

    /** What is weak about the data or the model, in words; empty when nothing is. */
    static List<String> warnings(
            int rows,
            int converted,
            ModelCard.HoldoutMetrics metrics,
            ModelCard.HoldoutScores scores,
            SegmentThresholds thresholds) {
        List<String> warnings = new ArrayList<>();
        if (rows < TRUSTED_ROWS || converted < TRUSTED_CONVERTED) {
            warnings.add(String.format(
                    Locale.ROOT,
                    "small history: %d customers, %d converted (at least %d customers "
                            + "and %d converted are recommended): its holdout figures are uncertain",
                    rows,
                    converted,
                    TRUSTED_ROWS,
                    TRUSTED_CONVERTED));
        }
        if (metrics.auc() < Promotion.MIN_AUC) {
            // Below the AUC the promotion rule asks for: trained with a warning, never promoted automatically.
            warnings.add(String.format(
                    Locale.ROOT,
                    "weak model: holdout AUC %.3f is under %.2f, it ranks customers " + "little better than chance",
                    metrics.auc(),
                    Promotion.MIN_AUC));
        }
        if (scores.segments(thresholds).of(Segment.HOT) == 0) {
            warnings.add("no holdout customer reaches Hot (score " + thresholds.hot()
                    + " or more): this model would never " + "tell a rep to call now");
        }
        return warnings;
    }

    /**
     * The same forest with Smile's fit and score times set to zero: they are the only part of a forest that changes
     * from one run to the next, and a model's version is the hash of its bytes.
     */
    private static RandomForest withoutTimings(RandomForest forest) {
        RandomForest.Model[] models = Arrays.stream(forest.models())
                .map(model -> new RandomForest.Model(model.tree(), withoutTimings(model.metrics()), model.weight()))
                .toArray(RandomForest.Model[]::new);
        return new RandomForest(
                forest.formula(),
                forest.numClasses(),
                models,
                withoutTimings(forest.metrics()),
                forest.importance(),
                new IntSet(forest.classes()));
    }

    private static ClassificationMetrics withoutTimings(ClassificationMetrics metrics) {
        return new ClassificationMetrics(
                0,
                0,
                metrics.size(),
                metrics.error(),
                metrics.accuracy(),
                metrics.sensitivity(),
                metrics.specificity(),
                metrics.precision(),
                metrics.f1(),
                metrics.mcc(),
                metrics.auc(),
                metrics.logloss(),
                metrics.crossEntropy());
    }

    /** Splits each class separately in the given proportions, so every part keeps the base rate. */
    static List<List<LabeledCustomer>> stratifiedSplit(
            List<LabeledCustomer> history, long seed, double firstShare, double secondShare) {
        List<List<LabeledCustomer>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        SplittableRandom random = new SplittableRandom(seed);
        for (boolean label : new boolean[] {false, true}) {
            List<LabeledCustomer> group = new ArrayList<>(
                    history.stream().filter(c -> c.converted() == label).toList());
            for (int i = group.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                group.set(i, group.set(j, group.get(i)));
            }
            int firstEnd = (int) Math.round(group.size() * firstShare);
            int secondEnd = firstEnd + (int) Math.round(group.size() * secondShare);
            parts.get(0).addAll(group.subList(0, firstEnd));
            parts.get(1).addAll(group.subList(firstEnd, secondEnd));
            parts.get(2).addAll(group.subList(secondEnd, group.size()));
        }
        return parts;
    }

    private static RandomForest fitForest(
            List<LabeledCustomer> training, RfmCutPoints cutPoints, TrainingOptions options, Runnable treeBuilt) {
        double[][] signals = training.stream()
                .map(c -> Signals.of(c.customer(), cutPoints).toArray())
                .toArray(double[][]::new);
        DataFrame data =
                DataFrame.of(signals, Feature.keys()).add(ValueVector.of(HistoryCsvReader.CONVERTED, labels(training)));

        SplittableRandom seeds = new SplittableRandom(options.seed());
        long[] treeSeeds = new long[options.trees()];
        Arrays.setAll(treeSeeds, t -> seeds.nextLong());
        // Statuses are delivered on the thread that built the tree, so that every tree is counted before fit
        // returns; Smile's default executor delivers them later, and the last ones could come after the card.
        try (IterativeAlgorithmController<RandomForest.TrainingStatus> controller =
                new IterativeAlgorithmController<>(Runnable::run, Flow.defaultBufferSize())) {
            controller.subscribe(new TreeCounter(treeBuilt));
            var forestOptions = new RandomForest.Options(
                    options.trees(),
                    mtry(),
                    SplitRule.GINI,
                    options.maxDepth(),
                    0,
                    options.nodeSize(),
                    1.0,
                    null,
                    treeSeeds,
                    controller);
            return RandomForest.fit(Formula.lhs(HistoryCsvReader.CONVERTED), data, forestOptions);
        }
    }

    /** Signals tried at each split: 3 of 7, Smile's usual sqrt(p) rounded up for a small p. */
    private static int mtry() {
        return 3;
    }

    private static double[] voteShares(CompiledForest forest, List<LabeledCustomer> customers, RfmCutPoints cutPoints) {
        return customers.stream()
                .mapToDouble(c ->
                        forest.voteShare(Signals.of(c.customer(), cutPoints).toArray()))
                .toArray();
    }

    private static int[] labels(List<LabeledCustomer> customers) {
        return customers.stream().mapToInt(c -> c.converted() ? 1 : 0).toArray();
    }

    private static Map<String, Double> importance(RandomForest forest) {
        double[] importance = forest.importance();
        double total = Arrays.stream(importance).sum();
        Map<String, Double> byFeature = new LinkedHashMap<>();
        Feature[] features = Feature.values();
        for (int i = 0; i < features.length; i++) {
            byFeature.put(features[i].key(), Math.round(10_000 * importance[i] / total) / 10_000.0);
        }
        return byFeature;
    }

    /** Forwards Smile's per-tree training status as a running count. */
    private record TreeCounter(Runnable treeBuilt) implements Flow.Subscriber<RandomForest.TrainingStatus> {
        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(RandomForest.TrainingStatus status) {
            treeBuilt.run();
        }

        @Override
        public void onError(Throwable error) {}

        @Override
        public void onComplete() {}
    }
}
