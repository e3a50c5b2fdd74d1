package com.smoft.crm.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import smile.validation.metric.AUC;

class OutcomeTallyTests {

    /** Probabilities on four decimals, as served, with many ties; outcomes drawn from them. */
    private static double[] probabilities(Random random, int n) {
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = Math.round(random.nextDouble() * 50) / 50.0;
        }
        return p;
    }

    private static int[] outcomes(Random random, double[] probability) {
        int[] converted = new int[probability.length];
        for (int i = 0; i < probability.length; i++) {
            converted[i] = random.nextDouble() < probability[i] ? 1 : 0;
        }
        return converted;
    }

    @Test
    void shouldComputeTheAucAsSmileDoesTiesCountingHalf() {
        Random random = new Random(7);
        double[] p = probabilities(random, 5000);
        int[] y = outcomes(random, p);

        assertThat(OutcomeTally.of(p, y).auc()).isCloseTo(AUC.of(y, p), within(1e-12));
    }

    @Test
    void shouldComputeBrierAccuracyAndCalibrationErrorAsTheRowByRowFormulas() {
        Random random = new Random(11);
        double[] p = probabilities(random, 3000);
        int[] y = outcomes(random, p);
        double squared = 0;
        int correct = 0;
        double[] pSum = new double[10];
        double[] ySum = new double[10];
        for (int i = 0; i < p.length; i++) {
            squared += (p[i] - y[i]) * (p[i] - y[i]);
            correct += (p[i] >= 0.5) == (y[i] == 1) ? 1 : 0;
            int bin = Math.min(9, (int) (p[i] * 10));
            pSum[bin] += p[i];
            ySum[bin] += y[i];
        }
        double ece = 0;
        for (int bin = 0; bin < 10; bin++) {
            ece += Math.abs(pSum[bin] - ySum[bin]) / p.length;
        }

        OutcomeTally tally = OutcomeTally.of(p, y);
        assertThat(tally.brierScore()).isCloseTo(squared / p.length, within(1e-12));
        assertThat(tally.accuracy()).isEqualTo((double) correct / p.length);
        assertThat(tally.calibrationError()).isCloseTo(ece, within(1e-12));
    }

    @Test
    void shouldGiveTheSameFiguresFromGroupedCountsAsFromRows() {
        double[] p = {0.8, 0.8, 0.8, 0.8, 0.2, 0.2, 0.5};
        int[] y = {1, 1, 1, 0, 0, 1, 0};
        OutcomeTally grouped = new OutcomeTally();
        grouped.add(80, 0.8, true, 3);
        grouped.add(80, 0.8, false, 1);
        grouped.add(20, 0.2, false, 1);
        grouped.add(20, 0.2, true, 1);
        grouped.add(50, 0.5, false, 1);

        SegmentThresholds thresholds = SegmentThresholds.DEFAULT;
        assertThat(grouped.metrics(thresholds)).isEqualTo(OutcomeTally.of(p, y).metrics(thresholds));
        assertThat(grouped.scores().reliability())
                .isEqualTo(OutcomeTally.of(p, y).scores().reliability());
    }

    @Test
    void shouldSayNothingItCannotComputeRatherThanAFigure() {
        OutcomeTally onlyConverted = new OutcomeTally();
        onlyConverted.add(90, 0.9, true, 5);

        assertThat(new OutcomeTally().brierScore()).isNaN();
        assertThat(new OutcomeTally().conversionRate()).isNaN();
        assertThat(onlyConverted.auc()).isNaN();
        assertThat(onlyConverted.conversionRate()).isEqualTo(1.0);
    }

    @Test
    void shouldAddAnotherTallysOutcomes() {
        OutcomeTally first = new OutcomeTally();
        first.add(80, 0.8, true, 2);
        OutcomeTally second = new OutcomeTally();
        second.add(80, 0.8, false, 1);
        second.add(10, 0.1, false, 3);

        first.addAll(second);

        assertThat(first.outcomes()).isEqualTo(6);
        assertThat(first.converted()).isEqualTo(2);
        assertThat(first.scores().customers()[80]).isEqualTo(3);
    }
}
