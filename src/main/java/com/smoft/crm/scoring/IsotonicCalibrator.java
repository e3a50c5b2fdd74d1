package com.smoft.crm.scoring;

import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Maps the forest's vote share to a calibrated conversion probability.
 *
 * <p>Fitted by isotonic regression (pool adjacent violators) on customers the trees did not train on,
 * then read as a piecewise-linear curve through the centre of each pooled block. Linear
 * interpolation keeps the order of customers that a step function would tie, and the curve is
 * non-decreasing by construction. Smile's {@code IsotonicRegressionScaling} is a step function and
 * pools in repeated passes, which is why this small class exists.
 */
public final class IsotonicCalibrator implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final double[] rawKnots;
    private final double[] probabilityKnots;

    private IsotonicCalibrator(double[] rawKnots, double[] probabilityKnots) {
        this.rawKnots = rawKnots;
        this.probabilityKnots = probabilityKnots;
    }

    /**
     * Fits the calibration curve.
     *
     * @param raw       the uncalibrated scores, any real numbers
     * @param converted the outcomes, 1 for a conversion and 0 otherwise
     */
    public static IsotonicCalibrator fit(double[] raw, int[] converted) {
        if (raw.length != converted.length || raw.length == 0) {
            throw new IllegalArgumentException("calibration needs as many outcomes as scores, and at least one");
        }
        Integer[] order = new Integer[raw.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(raw[a], raw[b]));

        // Pool adjacent violators with a stack of blocks: sum of raw scores, sum of outcomes, size.
        double[] rawSum = new double[raw.length];
        double[] outcomeSum = new double[raw.length];
        int[] size = new int[raw.length];
        int blocks = 0;
        double previousRaw = Double.NaN;
        for (int row : order) {
            if (raw[row] == previousRaw) {
                // Equal raw scores must share one probability: they join the current block.
                rawSum[blocks - 1] += raw[row];
                outcomeSum[blocks - 1] += converted[row];
                size[blocks - 1]++;
            } else {
                rawSum[blocks] = raw[row];
                outcomeSum[blocks] = converted[row];
                size[blocks] = 1;
                blocks++;
            }
            previousRaw = raw[row];
            while (blocks > 1
                    && outcomeSum[blocks - 2] * size[blocks - 1] >= outcomeSum[blocks - 1] * size[blocks - 2]) {
                rawSum[blocks - 2] += rawSum[blocks - 1];
                outcomeSum[blocks - 2] += outcomeSum[blocks - 1];
                size[blocks - 2] += size[blocks - 1];
                blocks--;
            }
        }
        double[] rawKnots = new double[blocks];
        double[] probabilityKnots = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            rawKnots[b] = rawSum[b] / size[b];
            probabilityKnots[b] = outcomeSum[b] / size[b];
        }
        return new IsotonicCalibrator(rawKnots, probabilityKnots);
    }

    /** The calibrated probability of a raw score, in [0, 1]. */
    public double calibrate(double raw) {
        int n = rawKnots.length;
        if (raw <= rawKnots[0]) {
            return probabilityKnots[0];
        }
        if (raw >= rawKnots[n - 1]) {
            return probabilityKnots[n - 1];
        }
        int index = Arrays.binarySearch(rawKnots, raw);
        if (index >= 0) {
            return probabilityKnots[index];
        }
        int upper = -index - 1;
        int lower = upper - 1;
        double weight = (raw - rawKnots[lower]) / (rawKnots[upper] - rawKnots[lower]);
        return probabilityKnots[lower] + weight * (probabilityKnots[upper] - probabilityKnots[lower]);
    }

    /** Number of knots of the curve, for the model card. */
    public int knots() {
        return rawKnots.length;
    }
}
