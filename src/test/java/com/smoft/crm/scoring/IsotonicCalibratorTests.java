package com.smoft.crm.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsotonicCalibratorTests {

    @Test
    void shouldBeMonotoneAndWithinZeroAndOne() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 5000;
        double[] raw = new double[n];
        int[] converted = new int[n];
        for (int i = 0; i < n; i++) {
            raw[i] = random.nextDouble();
            converted[i] = random.nextDouble() < raw[i] * raw[i] ? 1 : 0;
        }
        IsotonicCalibrator calibrator = IsotonicCalibrator.fit(raw, converted);
        double previous = -1;
        for (double x = -0.5; x <= 1.5; x += 0.001) {
            double p = calibrator.calibrate(x);
            assertThat(p).isBetween(0.0, 1.0).isGreaterThanOrEqualTo(previous);
            previous = p;
        }
        // The true curve is x^2: calibration must recover it, not the raw vote share.
        assertThat(calibrator.calibrate(0.5)).isCloseTo(0.25, within(0.06));
        assertThat(calibrator.calibrate(0.9)).isCloseTo(0.81, within(0.06));
    }

    @Test
    void shouldGiveEachStepItsConversionRate() {
        double[] raw = {0.1, 0.1, 0.1, 0.1, 0.9, 0.9, 0.9, 0.9};
        int[] converted = {0, 0, 0, 1, 1, 1, 1, 0};
        IsotonicCalibrator calibrator = IsotonicCalibrator.fit(raw, converted);
        assertThat(calibrator.calibrate(0.1)).isEqualTo(0.25);
        assertThat(calibrator.calibrate(0.9)).isEqualTo(0.75);
        assertThat(calibrator.calibrate(0.5)).isEqualTo(0.5);
        assertThat(calibrator.knots()).isEqualTo(2);
    }

    @Test
    void shouldPoolScoresThatViolateTheOrder() {
        double[] raw = {0.1, 0.2, 0.3};
        int[] converted = {1, 0, 0};
        IsotonicCalibrator calibrator = IsotonicCalibrator.fit(raw, converted);
        assertThat(calibrator.knots()).isEqualTo(1);
        assertThat(calibrator.calibrate(0.0)).isEqualTo(1.0 / 3);
        assertThat(calibrator.calibrate(1.0)).isEqualTo(1.0 / 3);
    }
}
