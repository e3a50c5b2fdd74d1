package com.smoft.crm.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.smoft.crm.CrmApplication;
import com.smoft.crm.scoring.ModelLoadException;
import com.smoft.crm.scoring.ShippedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.NestedExceptionUtils;

class ScoringConfigurationTests {

    @TempDir
    Path folder;

    @Test
    void shouldRefuseToStartOnAMissingModelNamingTheFileAndTheFix() {
        Path missing = folder.resolve("missing.bin");
        Throwable failure = startWith(missing);
        assertThat(NestedExceptionUtils.getMostSpecificCause(failure)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(missing.toAbsolutePath().toString()).hasMessageContaining("train");
    }

    @Test
    void shouldRefuseToStartOnACorruptModel() throws Exception {
        Path corrupt = folder.resolve("crm-scoring-model.bin");
        byte[] bytes = Files.readAllBytes(ShippedModel.PATH);
        bytes[bytes.length - 1000] ^= 1;
        Files.write(corrupt, bytes);
        Throwable failure = startWith(corrupt);
        assertThat(NestedExceptionUtils.getMostSpecificCause(failure)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("does not match its card");
    }

    @Test
    void shouldExplainAModelFailureInTwoLines() {
        ModelLoadException cause = new ModelLoadException(ModelLoadException.Reason.MISSING, "Model file /x.bin does not exist. Train one with: ...");
        FailureAnalysis analysis = new ModelLoadFailureAnalyzer().analyze(new IllegalStateException(cause));
        assertThat(analysis.getDescription()).isEqualTo(cause.getMessage());
        assertThat(analysis.getAction()).contains("crm.model.path", "CRM_MODEL_PATH");
    }

    private static Throwable startWith(Path model) {
        return catchThrowable(() -> new SpringApplicationBuilder(CrmApplication.class)
                .run("--crm.model.path=" + model, "--server.port=0").close());
    }
}
