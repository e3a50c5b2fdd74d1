package com.smoft.crm.scoring;

import java.util.Map;
import java.util.TreeMap;

/**
 * Calibrated probabilities against what happened, and every figure of a model's quality computed from them: AUC,
 * accuracy, Brier score, expected calibration error, the conversion rate, and the customers per score behind the
 * reliability bands and the Hot figures ({@link ModelCard.HoldoutScores}). The one owner of these numbers: training
 * measures its holdout with it, the service its outcomes since (live accuracy), so that the two are computed exactly
 * alike and can be set side by side.
 *
 * <p>Outcomes are counted per distinct probability and per score, never kept one by one: a tally of a million
 * outcomes costs the probabilities a model gives (a few thousand at most, as probabilities are served to four
 * decimals), and a database can hand it over already grouped. Not thread-safe.
 */
public final class OutcomeTally {

    /** Equal-width probability bins of the expected calibration error. */
    public static final int CALIBRATION_BINS = 10;

    /** Per distinct probability, in increasing order: customers lost, then converted. */
    private final TreeMap<Double, long[]> byProbability = new TreeMap<>();

    private final long[] customersByScore = new long[101];
    private final long[] convertedByScore = new long[101];
    private long outcomes;
    private long converted;

    /** The outcomes of customers given {@code probability}, one each: a holdout. */
    public static OutcomeTally of(double[] probability, int[] converted) {
        OutcomeTally tally = new OutcomeTally();
        for (int i = 0; i < probability.length; i++) {
            tally.add(LeadScorer.scoreOf(probability[i]), probability[i], converted[i] == 1, 1);
        }
        return tally;
    }

    /**
     * Counts {@code count} customers scored {@code score} with {@code probability} whose outcome was {@code converted}
     * (or not).
     */
    public void add(int score, double probability, boolean converted, long count) {
        if (count <= 0) {
            return;
        }
        int at = Math.clamp(score, 0, 100);
        byProbability.computeIfAbsent(probability, p -> new long[2])[converted ? 1 : 0] += count;
        customersByScore[at] += count;
        outcomes += count;
        if (converted) {
            convertedByScore[at] += count;
            this.converted += count;
        }
    }

    /** Adds another tally's outcomes to this one. */
    public void addAll(OutcomeTally other) {
        for (Map.Entry<Double, long[]> entry : other.byProbability.entrySet()) {
            long[] mine = byProbability.computeIfAbsent(entry.getKey(), p -> new long[2]);
            mine[0] += entry.getValue()[0];
            mine[1] += entry.getValue()[1];
        }
        for (int score = 0; score <= 100; score++) {
            customersByScore[score] += other.customersByScore[score];
            convertedByScore[score] += other.convertedByScore[score];
        }
        outcomes += other.outcomes;
        converted += other.converted;
    }

    /** Outcomes counted. */
    public long outcomes() {
        return outcomes;
    }

    /** Of which converted. */
    public long converted() {
        return converted;
    }

    /** Of which lost. */
    public long lost() {
        return outcomes - converted;
    }

    /** Share of the outcomes that converted; NaN without any. */
    public double conversionRate() {
        return outcomes == 0 ? Double.NaN : (double) converted / outcomes;
    }

    /**
     * The area under the ROC curve: the chance that a converted customer has a higher probability than a lost one,
     * ties counting half (the Mann-Whitney statistic, as Smile's {@code AUC} computes it with mid-ranks). NaN unless
     * both outcomes are present.
     */
    public double auc() {
        long lost = lost();
        if (converted == 0 || lost == 0) {
            return Double.NaN;
        }
        double pairs = 0;
        long lostBelow = 0;
        for (long[] counts : byProbability.values()) {
            pairs += counts[1] * (lostBelow + counts[0] / 2.0);
            lostBelow += counts[0];
        }
        return pairs / ((double) converted * lost);
    }

    /** Share of the outcomes on the right side of probability 0.5; NaN without any. */
    public double accuracy() {
        if (outcomes == 0) {
            return Double.NaN;
        }
        long correct = 0;
        for (Map.Entry<Double, long[]> entry : byProbability.entrySet()) {
            correct += entry.getKey() >= 0.5 ? entry.getValue()[1] : entry.getValue()[0];
        }
        return (double) correct / outcomes;
    }

    /** The mean squared error of the probability against the outcome (0 or 1); NaN without any outcome. */
    public double brierScore() {
        if (outcomes == 0) {
            return Double.NaN;
        }
        double squaredError = 0;
        for (Map.Entry<Double, long[]> entry : byProbability.entrySet()) {
            double p = entry.getKey();
            squaredError += entry.getValue()[0] * p * p + entry.getValue()[1] * (p - 1) * (p - 1);
        }
        return squaredError / outcomes;
    }

    /**
     * The expected calibration error: over {@value #CALIBRATION_BINS} equal-width probability bins, the gap between
     * the probabilities' sum and the conversions', summed and divided by the outcomes (each bin's gap between mean
     * probability and conversion rate, weighted by its share). NaN without any outcome.
     */
    public double calibrationError() {
        if (outcomes == 0) {
            return Double.NaN;
        }
        double[] probabilitySum = new double[CALIBRATION_BINS];
        double[] convertedSum = new double[CALIBRATION_BINS];
        for (Map.Entry<Double, long[]> entry : byProbability.entrySet()) {
            double p = entry.getKey();
            int bin = Math.min(CALIBRATION_BINS - 1, (int) (p * CALIBRATION_BINS));
            probabilitySum[bin] += p * (entry.getValue()[0] + entry.getValue()[1]);
            convertedSum[bin] += entry.getValue()[1];
        }
        double error = 0;
        for (int bin = 0; bin < CALIBRATION_BINS; bin++) {
            error += Math.abs(probabilitySum[bin] - convertedSum[bin]) / outcomes;
        }
        return error;
    }

    /** The customers and the converted per score, from which the reliability bands and the Hot figures come. */
    public ModelCard.HoldoutScores scores() {
        int[] customers = new int[101];
        int[] convertedCounts = new int[101];
        for (int score = 0; score <= 100; score++) {
            customers[score] = Math.toIntExact(customersByScore[score]);
            convertedCounts[score] = Math.toIntExact(convertedByScore[score]);
        }
        return new ModelCard.HoldoutScores(customers, convertedCounts);
    }

    /** Every figure of a model card, the Hot ones at {@code thresholds}. */
    public ModelCard.HoldoutMetrics metrics(SegmentThresholds thresholds) {
        ModelCard.HoldoutScores scores = scores();
        return new ModelCard.HoldoutMetrics(
                auc(),
                accuracy(),
                brierScore(),
                calibrationError(),
                scores.hotPrecision(thresholds),
                scores.hotRecall(thresholds),
                conversionRate());
    }
}
