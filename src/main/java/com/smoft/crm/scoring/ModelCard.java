package com.smoft.crm.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The human-readable description saved beside a model file ({@code crm-scoring-model.json}):
 * where the model came from, how it was trained and how well it did on customers it never saw.
 *
 * @param version           sha256 of the model file; a loader refuses a file that does not match it
 * @param trainedAt         ISO-8601 instant of the end of training
 * @param dataSource        "sample" data with its seed, or the path of the user's CSV history
 * @param rowCount          customers in the training data, before the split
 * @param features          the seven signal keys, in model input order
 * @param hyperparameters   the forest's options
 * @param split             how many customers went to the trees, the calibration curve and the holdout
 * @param holdout           metrics on the held-out customers
 * @param outOfBag          Smile's out-of-bag metrics of the forest
 * @param featureImportance Gini importance of each signal, normalised to sum to 1
 * @param rfmCutPoints      the RFM quintile cut points
 * @param thresholds        segment thresholds the Hot metrics were computed with
 * @param calibration       how vote shares were turned into probabilities
 * @param trainingSeconds   wall time of training
 * @param convertedCount    customers of the training data who converted
 * @param warnings          what the training found weak about the data or the model, in words; empty when nothing
 * @param holdoutScores     the holdout's scores and outcomes: what the reliability chart, the drift and the Hot
 *                          figures at any threshold are computed from
 * @param memoryHistory     of a model trained on the memory's outcomes ({@code train --from-memory}), which outcomes:
 *                          {@link #dataSource} says it in words; {@code null} for a model trained otherwise
 */
public record ModelCard(
        String version,
        String trainedAt,
        String dataSource,
        int rowCount,
        List<String> features,
        Hyperparameters hyperparameters,
        Split split,
        HoldoutMetrics holdout,
        OutOfBagMetrics outOfBag,
        Map<String, Double> featureImportance,
        RfmCutPoints rfmCutPoints,
        SegmentThresholds thresholds,
        String calibration,
        double trainingSeconds,
        int convertedCount,
        List<String> warnings,
        HoldoutScores holdoutScores,
        MemoryHistory memoryHistory) {

    /** The same card with its version set to the hash of the file it describes. */
    public ModelCard withVersion(String modelSha256) {
        return new ModelCard(
                modelSha256,
                trainedAt,
                dataSource,
                rowCount,
                features,
                hyperparameters,
                split,
                holdout,
                outOfBag,
                featureImportance,
                rfmCutPoints,
                thresholds,
                calibration,
                trainingSeconds,
                convertedCount,
                warnings,
                holdoutScores,
                memoryHistory);
    }

    /**
     * The history of a model trained on what happened to the customers the service scored: the outcomes recorded in
     * its memory, each with the customer's inputs as they were at the score it was matched with. Its
     * {@link #describe() words} are the card's data source.
     *
     * @param firstOccurredAt ISO-8601 instant of the earliest outcome used
     * @param lastOccurredAt  ISO-8601 instant of the latest outcome used
     * @param outcomes        matched outcomes used, one training customer each
     * @param converted       of which {@code converted}
     * @param lost            of which {@code lost}
     */
    public record MemoryHistory(String firstOccurredAt, String lastOccurredAt, int outcomes, int converted, int lost) {

        /**
         * The one wording of this history, as cards, {@code models list}, the API and the web page (which translates
         * it) show it: {@code memory (1200 matched outcomes from 2026-03-02 to 2026-11-30: 300 converted, 900 lost)},
         * the days in UTC.
         */
        public String describe() {
            return "memory (" + outcomes + " matched outcomes from " + day(firstOccurredAt) + " to "
                    + day(lastOccurredAt) + ": " + converted + " converted, " + lost + " lost)";
        }

        private static String day(String instant) {
            return instant.substring(0, Math.min(10, instant.length()));
        }
    }

    /**
     * The holdout customers by score: {@code customers[s]} scored {@code s} (0 to 100), {@code converted[s]} of them
     * converted.
     *
     * @param customers holdout customers per score
     * @param converted converted holdout customers per score
     */
    public record HoldoutScores(int[] customers, int[] converted) {

        /** The holdout customers per segment at {@code thresholds}. */
        public SegmentCounts segments(SegmentThresholds thresholds) {
            return SegmentCounts.ofScores(customers, thresholds);
        }

        /** Share of the holdout customers Hot at {@code thresholds} who converted; 0 when none is Hot. */
        public double hotPrecision(SegmentThresholds thresholds) {
            long hot = segments(thresholds).of(Segment.HOT);
            return hot == 0
                    ? 0
                    : (double) SegmentCounts.ofScores(converted, thresholds).of(Segment.HOT) / hot;
        }

        /** Share of the holdout's converted customers who were Hot at {@code thresholds}. */
        public double hotRecall(SegmentThresholds thresholds) {
            SegmentCounts convertedCounts = SegmentCounts.ofScores(converted, thresholds);
            long all = convertedCounts.total();
            return all == 0 ? 0 : (double) convertedCounts.of(Segment.HOT) / all;
        }

        /**
         * The reliability of the scores: per band of ten points (0-9, ..., 90-100) holding holdout customers, their
         * mean score and the share of them who converted. A calibrated model has the two close.
         */
        public List<ReliabilityBand> reliability() {
            List<ReliabilityBand> bands = new ArrayList<>();
            for (int band = 0; band < ScoreStatistics.BINS; band++) {
                int from = band * 10;
                int to = band == ScoreStatistics.BINS - 1 ? customers.length - 1 : from + 9;
                long count = 0;
                long scoreSum = 0;
                long convertedSum = 0;
                for (int score = from; score <= to; score++) {
                    count += customers[score];
                    scoreSum += (long) score * customers[score];
                    convertedSum += converted[score];
                }
                if (count > 0) {
                    bands.add(new ReliabilityBand(
                            from,
                            to,
                            count,
                            Math.round(10.0 * scoreSum / count) / 10.0,
                            Math.round(1000.0 * convertedSum / count) / 10.0));
                }
            }
            return bands;
        }

        /** Holdout customers per band of ten points (0-9, ..., 90-100), as the service counts the scores it serves. */
        public long[] bands() {
            long[] bands = new long[ScoreStatistics.BINS];
            for (int score = 0; score < customers.length; score++) {
                bands[Math.min(ScoreStatistics.BINS - 1, score / 10)] += customers[score];
            }
            return bands;
        }
    }

    /**
     * One band of the reliability chart.
     *
     * @param from         lowest score of the band
     * @param to           highest score of the band
     * @param customers    holdout customers in it
     * @param meanScore    their mean score: the conversion the model predicted, in percent
     * @param observedRate the share of them who converted, in percent
     */
    public record ReliabilityBand(int from, int to, long customers, double meanScore, double observedRate) {}

    /**
     * Random forest options.
     *
     * @param trees    number of trees
     * @param maxDepth maximum depth of a tree
     * @param nodeSize minimum number of customers in a leaf
     * @param mtry     signals tried at each split
     * @param seed     seed of the split and of every tree
     */
    public record Hyperparameters(int trees, int maxDepth, int nodeSize, int mtry, long seed) {}

    /**
     * Rows per part of the stratified split.
     *
     * @param training    rows the trees were grown on
     * @param calibration rows the calibration curve was fitted on
     * @param holdout     rows only used to measure the model
     */
    public record Split(int training, int calibration, int holdout) {}

    /**
     * Quality on the holdout, with calibrated probabilities.
     *
     * @param auc                area under the ROC curve
     * @param accuracy           share of customers on the right side of probability 0.5
     * @param brierScore         mean squared error of the probability
     * @param calibrationError   expected calibration error over 10 equal-width bins
     * @param hotPrecision       share of Hot customers who converted
     * @param hotRecall          share of converters who were Hot
     * @param baseRate           share of holdout customers who converted
     */
    public record HoldoutMetrics(
            double auc,
            double accuracy,
            double brierScore,
            double calibrationError,
            double hotPrecision,
            double hotRecall,
            double baseRate) {}

    /**
     * Smile's out-of-bag estimate: each training customer voted on by the trees that did not see it.
     *
     * @param accuracy out-of-bag accuracy of the majority vote
     * @param error    out-of-bag misclassified customers
     */
    public record OutOfBagMetrics(double accuracy, int error) {}
}
