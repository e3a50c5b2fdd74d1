package com.smoft.crm.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.smoft.crm.CrmApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.NestedExceptionUtils;

/** A key setting that is given but holds no real key would run the service open: it must not start. */
@ExtendWith(OutputCaptureExtension.class)
class KeySettingsTests {

    @Test
    void shouldRefuseToStartOnBlankScoringKeysSayingWhichSetting(CapturedOutput output) {
        for (String blank : new String[] {" , ", "", " ", ",", "real-key, "}) {
            Throwable failure = startWith("--crm.security.api-keys=" + blank);
            assertThat(NestedExceptionUtils.getMostSpecificCause(failure))
                    .as("'%s'", blank)
                    .isInstanceOf(InvalidSettingException.class)
                    .hasMessageContaining("crm.security.api-keys");
        }
        assertThat(output.getAll()).contains("crm.security.api-keys is set but holds a blank key");
    }

    @Test
    void shouldRefuseToStartOnBlankAdminKeys() {
        Throwable failure = startWith("--crm.security.admin-api-keys= , ");
        assertThat(NestedExceptionUtils.getMostSpecificCause(failure))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("crm.security.admin-api-keys");
    }

    @Test
    void shouldExplainTheRefusalInTwoLines() {
        var analysis = new InvalidSettingFailureAnalyzer()
                .analyze(new IllegalStateException(
                        new InvalidSettingException("crm.security.api-keys is set but holds a blank key.")));
        assertThat(analysis.getDescription()).isEqualTo("crm.security.api-keys is set but holds a blank key.");
        assertThat(analysis.getAction()).contains("start again");
    }

    private static Throwable startWith(String setting) {
        return catchThrowable(() -> new SpringApplicationBuilder(CrmApplication.class)
                .run(setting, "--server.port=0")
                .close());
    }
}
