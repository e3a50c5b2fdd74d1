package com.smoft.crm.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class TextsTests {

    private final Texts texts = Texts.bundled();

    @Test
    void shouldRecommendWithTheOriginalFrenchTextsByDefault() {
        assertThat(texts.get("recommendation.hot", null, null))
                .isEqualTo("🔥 Priorité HAUTE - Contacter immédiatement\u202f! Fort potentiel de conversion.");
        assertThat(texts.get("recommendation.warm", null, Locale.FRENCH))
                .isEqualTo("⚡ Priorité MOYENNE - Planifier un suivi sous 48h. Prospect intéressé.");
        assertThat(texts.get("recommendation.cold", null, Locale.FRENCH))
                .isEqualTo("❄️ Priorité BASSE - Relance automatique par email. Nourrir le lead.");
    }

    @Test
    void shouldAnswerInEnglishOnRequestAndInFrenchForOtherLanguages() {
        assertThat(texts.get("recommendation.hot", null, Locale.UK)).startsWith("🔥 HIGH priority");
        assertThat(texts.get("recommendation.hot", null, Locale.GERMAN)).contains("Priorité HAUTE");
    }

    @Test
    void shouldFillArgumentsAndKeepApostrophes() {
        assertThat(texts.get("reason.email_open_rate.up", new Object[] {75}, Locale.FRENCH))
                .isEqualTo("Ouvre 75 % de vos emails");
        assertThat(texts.get("reason.recency_days.down", new Object[] {120.0}, Locale.FRENCH))
                .isEqualTo("Aucun contact depuis 120 jours");
        assertThat(texts.get("reason.email_open_rate.down", new Object[] {5}, Locale.FRENCH))
                .isEqualTo("N'ouvre que 5 % de vos emails");
        assertThat(texts.get("action.hot-engaged", new Object[] {1, 2}, Locale.FRENCH))
                .startsWith("Appeler aujourd'hui");
    }

    @Test
    void shouldWriteOneDayInTheSingularInBothLanguages() {
        assertThat(texts.get("reason.recency_days.up", new Object[] {1.0}, Locale.FRENCH))
                .isEqualTo("Contacté il y a 1 jour");
        assertThat(texts.get("reason.recency_days.up", new Object[] {0.0}, Locale.FRENCH))
                .isEqualTo("Contacté il y a 0 jour");
        assertThat(texts.get("reason.customer_age_days.up", new Object[] {2.0}, Locale.FRENCH))
                .isEqualTo("Client depuis 2 jours");
        assertThat(texts.get("reason.recency_days.up", new Object[] {1.0}, Locale.ENGLISH))
                .isEqualTo("Contacted 1 day ago");
        assertThat(texts.get("reason.customer_age_days.down", new Object[] {0.0}, Locale.ENGLISH))
                .isEqualTo("Customer for 0 days");
        assertThat(texts.get("reason.recency_days.down", new Object[] {30.0}, Locale.ENGLISH))
                .isEqualTo("No contact for 30 days");
    }
}
