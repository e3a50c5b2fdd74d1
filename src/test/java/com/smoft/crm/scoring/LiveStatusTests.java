package com.smoft.crm.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LiveStatusTests {

    /** {@code converted} of {@code n} customers given 0.8 converted, the same share of those given 0.2 lost. */
    private static OutcomeTally tally(int n, double shareRight, double high, double low) {
        OutcomeTally tally = new OutcomeTally();
        long right = Math.round(n / 2.0 * shareRight);
        tally.add(LeadScorer.scoreOf(high), high, true, right);
        tally.add(LeadScorer.scoreOf(high), high, false, n / 2 - right);
        tally.add(LeadScorer.scoreOf(low), low, false, right);
        tally.add(LeadScorer.scoreOf(low), low, true, n / 2 - right);
        return tally;
    }

    @Test
    void shouldBeInsufficientBelow200OutcomesOr30OfEachKind() {
        assertThat(LiveStatus.of(tally(198, 0.8, 0.8, 0.2), 0.6)).isEqualTo(LiveStatus.insufficient);
        OutcomeTally fewConverted = new OutcomeTally();
        fewConverted.add(10, 0.1, false, 300);
        fewConverted.add(90, 0.9, true, 29);
        assertThat(LiveStatus.of(fewConverted, 0.6)).isEqualTo(LiveStatus.insufficient);
    }

    @Test
    void shouldBeOkWhenTheLiveFiguresKeepTheHoldoutsPromise() {
        // 80 % right at 0.8 and 0.2: perfectly calibrated, AUC 0.8.
        OutcomeTally live = tally(400, 0.8, 0.8, 0.2);
        assertThat(live.calibrationError()).isLessThan(0.01);
        assertThat(LiveStatus.of(live, 0.84)).isEqualTo(LiveStatus.ok);
    }

    @Test
    void shouldBeDegradedWhenTheAucFallsMoreThan005BelowTheHoldouts() {
        OutcomeTally live = tally(400, 0.8, 0.8, 0.2);
        assertThat(LiveStatus.of(live, 0.86)).isEqualTo(LiveStatus.degraded);
    }

    @Test
    void shouldBeDegradedWhenTheCalibrationErrorExceeds010() {
        // Right 80 % of the time but promised 95 %: ranks as well, calibrated 0.15 off.
        OutcomeTally live = tally(400, 0.8, 0.95, 0.05);
        assertThat(live.calibrationError()).isGreaterThan(0.10);
        assertThat(LiveStatus.of(live, 0.8)).isEqualTo(LiveStatus.degraded);
    }
}
