package com.smoft.crm.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RfmCutPointsTests {

    private static final double[] ONE_TO_HUNDRED =
            IntStream.rangeClosed(1, 100).asDoubleStream().toArray();

    @Test
    void shouldLearnQuintileCutPoints() {
        RfmCutPoints cuts = RfmCutPoints.fit(ONE_TO_HUNDRED, ONE_TO_HUNDRED, ONE_TO_HUNDRED);
        assertThat(cuts.frequency()).containsExactly(20, 40, 60, 80);
        assertThat(cuts.recency()).containsExactly(20, 40, 60, 80);
    }

    @Test
    void shouldKeepAValueEqualToACutPointInTheLowerQuintile() {
        RfmCutPoints cuts = RfmCutPoints.fit(ONE_TO_HUNDRED, ONE_TO_HUNDRED, ONE_TO_HUNDRED);
        assertThat(cuts.frequencyScore(0)).isEqualTo(1);
        assertThat(cuts.frequencyScore(20)).isEqualTo(1);
        assertThat(cuts.frequencyScore(20.01)).isEqualTo(2);
        assertThat(cuts.frequencyScore(40)).isEqualTo(2);
        assertThat(cuts.frequencyScore(80)).isEqualTo(4);
        assertThat(cuts.frequencyScore(80.5)).isEqualTo(5);
        assertThat(cuts.monetaryScore(1_000_000)).isEqualTo(5);
    }

    @Test
    void shouldScoreFewerDaysSinceContactHigher() {
        RfmCutPoints cuts = RfmCutPoints.fit(ONE_TO_HUNDRED, ONE_TO_HUNDRED, ONE_TO_HUNDRED);
        assertThat(cuts.recencyScore(0)).isEqualTo(5);
        assertThat(cuts.recencyScore(20)).isEqualTo(5);
        assertThat(cuts.recencyScore(21)).isEqualTo(4);
        assertThat(cuts.recencyScore(80)).isEqualTo(2);
        assertThat(cuts.recencyScore(81)).isEqualTo(1);
    }

    @Test
    void shouldSumToBetweenThreeAndFifteen() {
        RfmCutPoints cuts = RfmCutPoints.fit(ONE_TO_HUNDRED, ONE_TO_HUNDRED, ONE_TO_HUNDRED);
        assertThat(cuts.rfmScore(1000, 0, 0)).isEqualTo(3);
        assertThat(cuts.rfmScore(0, 1000, 1000)).isEqualTo(15);
    }

    @Test
    void shouldHandleHeavilyTiedColumns() {
        double[] mostlyZero = new double[100];
        mostlyZero[99] = 50;
        RfmCutPoints cuts = RfmCutPoints.fit(mostlyZero, mostlyZero, mostlyZero);
        assertThat(cuts.monetary()).containsExactly(0, 0, 0, 0);
        assertThat(cuts.monetaryScore(0)).isEqualTo(1);
        assertThat(cuts.monetaryScore(50)).isEqualTo(5);
    }

    @Test
    void shouldRefuseCutPointsOutOfOrder() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RfmCutPoints(
                        new double[] {1, 3, 2, 4}, new double[] {1, 2, 3, 4}, new double[] {1, 2, 3, 4}));
    }
}
