package com.smoft.crm.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DriftTests {

    /** The shipped model's holdout scores, the reference a fresh service is compared with. */
    private final long[] holdout =
            ModelFiles.readCard(ShippedModel.PATH).holdoutScores().bands();

    @Test
    void shouldCallAPopulationLikeTheHoldoutStable() {
        long[] served = sampleLike(holdout, 5_000, 1);
        Drift drift = Drift.of(served, holdout);
        assertThat(drift.status()).isEqualTo("stable");
        assertThat(drift.psi()).isLessThan(Drift.WATCH_FROM);
        assertThat(drift.customers()).isEqualTo(5_000);
    }

    @Test
    void shouldCallAPopulationMovedUpTheScaleAShift() {
        long[] moved = new long[10];
        long[] like = sampleLike(holdout, 5_000, 2);
        for (int band = 0; band < 10; band++) {
            moved[Math.min(9, band + 3)] += like[band];
        }
        Drift drift = Drift.of(moved, holdout);
        assertThat(drift.status()).isEqualTo("shift");
        assertThat(drift.psi()).isGreaterThanOrEqualTo(Drift.SHIFT_FROM);
    }

    @Test
    void shouldSayWatchBetweenTheThresholds() {
        long[] expected = {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000};
        long[] served = {1800, 1500, 1300, 1100, 1000, 900, 800, 700, 500, 400};
        Drift drift = Drift.of(served, expected);
        assertThat(drift.psi()).isBetween(Drift.WATCH_FROM, Drift.SHIFT_FROM);
        assertThat(drift.status()).isEqualTo("watch");
    }

    @Test
    void shouldNotJudgeOnFewerThanFiveHundredCustomersOrWithoutAReference() {
        long[] few = sampleLike(holdout, 499, 3);
        assertThat(Drift.of(few, holdout)).isEqualTo(new Drift(null, "insufficient", 499));
        assertThat(Drift.of(sampleLike(holdout, 500, 3), holdout).status()).isEqualTo("stable");
        assertThat(Drift.of(few, null).status()).isEqualTo("unavailable");
    }

    /** {@code count} customers drawn from the bands' distribution. */
    private static long[] sampleLike(long[] bands, int count, long seed) {
        long total = Arrays.stream(bands).sum();
        SplittableRandom random = new SplittableRandom(seed);
        long[] drawn = new long[bands.length];
        for (int i = 0; i < count; i++) {
            long pick = random.nextLong(total);
            int band = 0;
            while (pick >= bands[band]) {
                pick -= bands[band++];
            }
            drawn[band]++;
        }
        return drawn;
    }
}
