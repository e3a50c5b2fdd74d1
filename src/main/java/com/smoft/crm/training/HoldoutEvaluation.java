package com.smoft.crm.training;

import com.smoft.crm.scoring.ModelCard;
import com.smoft.crm.scoring.OutcomeTally;
import com.smoft.crm.scoring.SegmentThresholds;

/**
 * Measures calibrated probabilities against outcomes: discrimination, accuracy and calibration, by the engine's
 * {@link OutcomeTally}, which measures the live outcomes the same way.
 */
final class HoldoutEvaluation {

    private HoldoutEvaluation() {}

    /** The metrics of a card; the Hot ones at {@code thresholds}. */
    static ModelCard.HoldoutMetrics evaluate(double[] probability, int[] converted, SegmentThresholds thresholds) {
        return OutcomeTally.of(probability, converted).metrics(thresholds);
    }

    /** The holdout customers, and those who converted, per score from 0 to 100. */
    static ModelCard.HoldoutScores byScore(double[] probability, int[] converted) {
        return OutcomeTally.of(probability, converted).scores();
    }

    static double auc(int[] converted, double[] probability) {
        return OutcomeTally.of(probability, converted).auc();
    }

    /** Weighted mean gap between mean probability and conversion rate over 10 equal-width probability bins. */
    static double expectedCalibrationError(double[] probability, int[] converted) {
        return OutcomeTally.of(probability, converted).calibrationError();
    }
}
