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
        assertThat(NestedExceptionUtils.getMostSpecificCause(failure))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(missing.toAbsolutePath().toString());
        assertThat(new ModelLoadFailureAnalyzer().analyze(failure).getAction()).contains("train --output " + missing);
    }

    @Test
    void shouldRefuseToStartOnACorruptModel() throws Exception {
        Path corrupt = folder.resolve("crm-scoring-model.bin");
        byte[] bytes = Files.readAllBytes(ShippedModel.PATH);
        bytes[bytes.length - 1000] ^= 1;
        Files.write(corrupt, bytes);
        Throwable failure = startWith(corrupt);
        assertThat(NestedExceptionUtils.getMostSpecificCause(failure))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("does not match its card");
    }

    @Test
    void shouldExplainAModelFailureInTwoLines() {
        ModelLoadException cause =
                new ModelLoadException(ModelLoadException.Reason.MISSING, "Model file /x.bin does not exist.");
        FailureAnalysis analysis = new ModelLoadFailureAnalyzer().analyze(new IllegalStateException(cause));
        assertThat(analysis.getDescription()).isEqualTo(cause.getMessage());
        assertThat(analysis.getAction()).contains("crm.model.path", "CRM_MODEL_PATH");
    }

    @Test
    void shouldAddTheServicesOwnCommandToTheEnginesRemedy() {
        ModelLoadException cause = new ModelLoadException(
                ModelLoadException.Reason.MISSING,
                "Model file /x.bin does not exist.",
                ModelLoadException.Remedy.TRAIN,
                Path.of("/x.bin"),
                null);
        FailureAnalysis analysis = new ModelLoadFailureAnalyzer().analyze(new IllegalStateException(cause));
        assertThat(analysis.getDescription()).isEqualTo("Model file /x.bin does not exist.");
        assertThat(analysis.getAction())
                .startsWith("Train one with: java -jar target/smoft-crm-intelligent.jar train --output /x.bin")
                .contains("crm.model.path");
    }

    private static Throwable startWith(Path model) {
        return catchThrowable(() -> new SpringApplicationBuilder(CrmApplication.class)
                .run("--crm.model.path=" + model, "--server.port=0")
                .close());
    }
}
