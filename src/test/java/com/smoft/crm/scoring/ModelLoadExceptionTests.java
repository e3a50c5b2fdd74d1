package com.smoft.crm.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ModelLoadExceptionTests {

    @ParameterizedTest
    @EnumSource(ModelLoadException.Reason.class)
    void shouldSayEveryReasonInFrenchAndInEnglishAsItsWords(ModelLoadException.Reason reason) {
        Texts texts = Texts.bundled();
        assertThat(texts.get(reason.messageKey(), null, Locale.ENGLISH)).isEqualTo(reason.words());
        assertThat(texts.get(reason.messageKey(), null, Locale.FRENCH))
                .isNotBlank()
                .isNotEqualTo(reason.words());
        assertThat(new ModelLoadException(reason, "Model file /tmp/x.bin: " + reason.words()).reason())
                .isEqualTo(reason.words());
    }
}
