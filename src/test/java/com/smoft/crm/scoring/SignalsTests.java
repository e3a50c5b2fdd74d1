package com.smoft.crm.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class SignalsTests {

    private final RfmCutPoints cutPoints = new RfmCutPoints(
            new double[] {7, 14, 30, 60}, new double[] {2, 4, 8, 16}, new double[] {100, 200, 400, 800});

    @Test
    void shouldGiveZeroOpenRateWhenNoEmailWasSent() {
        Signals signals = Signals.of(new Customer(1, 5, 3, 10, 0, 0, 2, 30), cutPoints);
        assertThat(signals.emailOpenRate()).isZero();
    }

    @Test
    void shouldDivideOpenedBySent() {
        assertThat(Signals.emailOpenRate(8, 6)).isEqualTo(0.75);
    }

    @Test
    void shouldLayOutTheSevenSignalsInFeatureOrder() {
        Signals signals = Signals.of(TestCustomers.SAMPLE, cutPoints);
        assertThat(signals.toArray()).containsExactly(5, 10, 1500.5, 0.75, 15, 120, 5 + 4 + 5);
        for (Feature feature : Feature.values()) {
            assertThat(signals.get(feature)).isEqualTo(signals.toArray()[feature.ordinal()]);
        }
    }

    @Test
    void shouldCapTheOpenRateAtOneWhenTrackingCountedRepeatedOpens() {
        assertThat(Signals.emailOpenRate(8, 9)).isEqualTo(1.0);
        assertThat(Signals.emailOpenRate(8, 80)).isEqualTo(1.0);
        assertThat(Signals.of(new Customer(1, 5, 10, 1500.5, 8, 19, 15, 120), cutPoints))
                .isEqualTo(Signals.of(new Customer(1, 5, 10, 1500.5, 8, 8, 15, 120), cutPoints));
    }

    @Test
    void shouldRefuseNegativeOrNonFiniteBehaviour() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Customer(1, -1, 10, 1, 8, 6, 15, 120))
                .withMessageContaining("days_since_last_contact");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Customer(1, 1, 10, Double.NaN, 8, 6, 15, 120))
                .withMessageContaining("total_spent");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Customer(1, 1, 10, Double.POSITIVE_INFINITY, 8, 6, 15, 120))
                .withMessageContaining("total_spent");
    }
}
