package com.smoft.crm.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.smoft.crm.scoring.ModelRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@ControllerSlice
class HealthControllerTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    ModelRegistry registry;

    @Test
    void shouldBeHealthyAsTheOriginalSaidWithTheModelVersionWhileAModelServes() {
        MvcTestResult result = mvc.get().uri("/health").exchange();
        assertThat(result).hasStatusOk();
        assertThat(result).bodyJson().extractingPath("$.status").isEqualTo("healthy");
        assertThat(result).bodyJson().extractingPath("$.model_loaded").isEqualTo(true);
        assertThat(result)
                .bodyJson()
                .extractingPath("$.model_version")
                .isEqualTo(registry.current().version());
    }
}
