package com.smoft.crm.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcceptLanguageResolverTests {

    @ParameterizedTest(name = "\"{0}\" gives {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "NULL | fr", "'' | fr", "en | en", "en-GB | en", "EN-us | en", "fr-FR, en;q=0.8 | fr", "en;q=0.9, fr;q=0.5 | en",
            "de-DE, en;q=0.7, fr;q=0.5 | en", "de, es | fr", "en;q=0 | fr", "en;q=0, fr;q=0 | fr", "*, en;q=0.5 | fr",
            "zz-Latn-x-private | fr", "en-x-made-up-1234 | en", "!!!; garbage | fr", "en;q=2 | fr", "fr;q=0.5, en;q=0.5 | fr",
            "x-klingon, en-US;q=0.3 | en"})
    void shouldSpeakEnglishOnlyWhenEnglishIsPreferredToFrench(String header, String language) {
        assertThat(AcceptLanguageResolver.resolve(header)).isEqualTo(Locale.of(language));
    }

    @Test
    void shouldNeverReturnAnythingButFrenchOrEnglish() {
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            String header = "x" + Long.toString(random.nextLong(), 36) + "-" + Integer.toString(random.nextInt(1000), 36) + ";q=0." + random.nextInt(10);
            assertThat(AcceptLanguageResolver.resolve(header)).isIn(Locale.FRENCH, Locale.ENGLISH);
        }
    }
}
