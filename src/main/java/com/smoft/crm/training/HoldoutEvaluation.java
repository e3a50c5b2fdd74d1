package com.smoft.crm.training;

import com.smoft.crm.scoring.LeadScorer;
import com.smoft.crm.scoring.ModelCard;
import com.smoft.crm.scoring.SegmentThresholds;
import smile.validation.metric.AUC;

/** Measures calibrated probabilities against outcomes: discrimination, accuracy and calibration. */
final class HoldoutEvaluation {

    static final int CALIBRATION_BINS = 10;

    private HoldoutEvaluation() {}

    /** The metrics of a card; the Hot ones at {@code thresholds}. */
    static ModelCard.HoldoutMetrics evaluate(double[] probability, int[] converted, SegmentThresholds thresholds) {
        int n = probability.length;
        int correct = 0;
        int positives = 0;
        double squaredError = 0;
        for (int i = 0; i < n; i++) {
            boolean predicted = probability[i] >= 0.5;
            if (predicted == (converted[i] == 1)) {
                correct++;
            }
            positives += converted[i];
            double error = probability[i] - converted[i];
            squaredError += error * error;
        }
        ModelCard.HoldoutScores scores = byScore(probability, converted);
        return new ModelCard.HoldoutMetrics(
                auc(converted, probability),
                (double) correct / n,
                squaredError / n,
                expectedCalibrationError(probability, converted),
                scores.hotPrecision(thresholds),
                scores.hotRecall(thresholds),
                (double) positives / n);
    }

    /** The holdout customers, and those who converted, per score from 0 to 100. */
    static ModelCard.HoldoutScores byScore(double[] probability, int[] converted) {
        int[] customers = new int[101];
        int[] convertedByScore = new int[101];
        for (int i = 0; i < probability.length; i++) {
            int score = LeadScorer.scoreOf(probability[i]);
            customers[score]++;
            convertedByScore[score] += converted[i];
        }
        return new ModelCard.HoldoutScores(customers, convertedByScore);
    }

    static double auc(int[] converted, double[] probability) {
        return AUC.of(converted, probability);
    }

    /** Weighted mean gap between mean probability and conversion rate over 10 equal-width probability bins. */
    static double expectedCalibrationError(double[] probability, int[] converted) {
        double[] probabilitySum = new double[CALIBRATION_BINS];
        double[] convertedSum = new double[CALIBRATION_BINS];
        int[] count = new int[CALIBRATION_BINS];
        for (int i = 0; i < probability.length; i++) {
            int bin = Math.min(CALIBRATION_BINS - 1, (int) (probability[i] * CALIBRATION_BINS));
            probabilitySum[bin] += probability[i];
            convertedSum[bin] += converted[i];
            count[bin]++;
        }
        double error = 0;
        for (int bin = 0; bin < CALIBRATION_BINS; bin++) {
            if (count[bin] > 0) {
                error += Math.abs(probabilitySum[bin] - convertedSum[bin]) / probability.length;
            }
        }
        return error;
    }
}
