package com.smoft.crm.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.smoft.crm.scoring.ModelStore;
import org.junit.jupiter.api.Test;

class PromotionTests {

    private static final ModelStore.Figures SERVING = new ModelStore.Figures("serving", 0.80, 0.02, 0.75, 0.17);

    @Test
    void shouldPromoteACandidateThatRanksAtLeastAsWellAndIsCalibrated() {
        ModelStore.Decision decision = Promotion.decide(Promotion.Rule.auto, figures(0.84, 0.03), SERVING, 2_000);

        assertThat(decision.promoted()).isTrue();
        assertThat(decision.reason()).startsWith("promoted: ").contains("at most 0.99");
    }

    @Test
    void shouldKeepACandidateTooGoodToBeTrueForAPersonToPromote() {
        ModelStore.Decision auto = Promotion.decide(Promotion.Rule.auto, figures(1.0, 0.01), SERVING, 2_000);
        ModelStore.Decision always = Promotion.decide(Promotion.Rule.always, figures(1.0, 0.01), SERVING, 2_000);

        assertThat(auto.promoted()).isFalse();
        assertThat(auto.reason()).contains("over 0.99", "too good to be true", "the serving model stays");
        assertThat(always.promoted()).isTrue();
    }

    @Test
    void shouldKeepAWeakOrBadlyCalibratedCandidate() {
        assertThat(Promotion.decide(Promotion.Rule.auto, figures(0.60, 0.01), null, 2_000)
                        .promoted())
                .isFalse();
        assertThat(Promotion.decide(Promotion.Rule.auto, figures(0.85, 0.08), SERVING, 2_000)
                        .promoted())
                .isFalse();
        assertThat(Promotion.decide(Promotion.Rule.auto, figures(0.78, 0.02), SERVING, 2_000)
                        .promoted())
                .isFalse();
    }

    private static ModelStore.Figures figures(double auc, double calibrationError) {
        return new ModelStore.Figures("candidate", auc, calibrationError, 0.8, 0.15);
    }
}
