package com.smoft.crm.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smoft.crm.scoring.ModelLoadException;
import com.smoft.crm.scoring.ModelRegistry;
import com.smoft.crm.scoring.ModelStore;
import com.smoft.crm.system.ServerDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsCommandTests {

    @TempDir
    Path folder;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
    private Path store;
    private ModelStore models;

    /** A store of two versions: the first serving, the second a candidate. */
    @BeforeEach
    void trainTwoVersions() {
        store = folder.resolve("store");
        TrainCommand train = new TrainCommand(out, ServerDatabase::open);
        train.execute(new String[] {
            "--store", store.toString(), "--rows", "1500", "--trees", "5", "--seed", "1", "--promote", "always"
        });
        train.execute(new String[] {
            "--store", store.toString(), "--rows", "1500", "--trees", "5", "--seed", "2", "--promote", "never"
        });
        models = new ModelStore(store);
    }

    @Test
    void shouldFailWithExitCode1ForAStoreThatDoesNotExist() {
        ModelsCommand command = new ModelsCommand(out);
        output.reset();
        assertThat(command.execute(
                        new String[] {"list", "--store", folder.resolve("nope").toString()}))
                .isEqualTo(1);
        assertThat(printed()).startsWith("No model store at ").contains("nope");
    }

    @Test
    void shouldShowNoDefaultForTheAction() {
        ModelsCommand command = new ModelsCommand(out);
        output.reset();
        assertThat(command.execute(new String[] {"--help"})).isZero();
        assertThat(printed()).contains("ACTION").doesNotContain("Default: []");
    }

    @Test
    void shouldListPromoteByPrefixAndRollBack() throws Exception {
        String first = models.serving().orElseThrow();
        String second = models.versions().stream()
                .map(v -> v.card().version())
                .filter(v -> !v.equals(first))
                .findFirst()
                .orElseThrow();
        ModelsCommand command = new ModelsCommand(out);

        output.reset();
        assertThat(command.execute(new String[] {"list", "--store", store.toString()}))
                .isZero();
        assertThat(printed())
                .contains(
                        "* " + first.substring(0, 12) + "  serving",
                        "  " + second.substring(0, 12) + "  candidate",
                        "kept as a candidate (--promote never)");

        assertThat(command.execute(new String[] {"promote", second.substring(0, 8), "--store", store.toString()}))
                .isZero();
        output.reset();
        assertThat(command.execute(new String[] {"list", "--store", store.toString()}))
                .isZero();
        assertThat(printed()).contains("served since: promoted by hand");
        assertThat(models.serving()).hasValue(second);
        assertThat(models.versions())
                .filteredOn(v -> v.card().version().equals(first))
                .first()
                .extracting(ModelStore.Version::status)
                .isEqualTo(ModelStore.Status.retired);

        assertThat(command.execute(new String[] {"rollback", "--store", store.toString()}))
                .isZero();
        assertThat(models.serving()).hasValue(first);
        assertThat(command.execute(new String[] {"rollback", "--store", store.toString()}))
                .isEqualTo(1);
        assertThat(printed()).contains("no version served before the current one");
    }

    @Test
    void shouldRefuseAnUnknownVersionAndATamperedOneWithoutChangingWhatServes() throws Exception {
        String serving = models.serving().orElseThrow();
        String candidate = models.versions().stream()
                .map(v -> v.card().version())
                .filter(v -> !v.equals(serving))
                .findFirst()
                .orElseThrow();
        ModelsCommand command = new ModelsCommand(out);

        assertThat(command.execute(new String[] {"promote", "deadbeefdeadbeef", "--store", store.toString()}))
                .isEqualTo(1);
        assertThat(printed()).contains("no version of the store starts so");

        byte[] bytes = Files.readAllBytes(models.file(candidate));
        bytes[bytes.length - 100] ^= 1;
        Files.write(models.file(candidate), bytes);
        assertThat(command.execute(new String[] {"promote", candidate, "--store", store.toString()}))
                .isEqualTo(1);
        assertThat(printed()).contains("Refused, nothing changed", "does not match its card");
        assertThat(models.serving()).hasValue(serving);
    }

    @Test
    void shouldListAFileThatIsNoModelAsUnreadableBesideTheVersions() throws Exception {
        Files.writeString(models.file("1".repeat(64)), "not a model");
        assertThat(new ModelsCommand(out).execute(new String[] {"list", "--store", store.toString()}))
                .isZero();
        assertThat(printed())
                .contains(
                        "* " + models.serving().orElseThrow().substring(0, 12) + "  serving",
                        "  111111111111  unreadable  the file is not a SMOFT model file");
    }

    private String printed() {
        return output.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldPrintItsUsageForHelpAndRefuseAnUnknownActionOrOption() {
        ModelsCommand command = new ModelsCommand(out);
        assertThat(command.execute(new String[] {"--help"})).isZero();
        assertThat(printed())
                .contains("Usage: java -jar target/smoft-crm-intelligent.jar models", "promote VERSION", "--store");
        assertThat(command.execute(new String[] {"delete", "--store", store.toString()}))
                .isEqualTo(2);
        assertThat(printed()).contains("unknown action delete");
        assertThat(command.execute(new String[] {"list", "--stroe", store.toString()}))
                .isEqualTo(2);
        assertThat(printed()).contains("Unknown option");
        assertThat(command.execute(new String[] {"promote", "--store", store.toString()}))
                .isEqualTo(2);
        assertThat(printed()).contains("promote takes one version");
    }

    @Test
    void shouldTellAServerOfAStoreWithOnlyACandidateHowToPromoteIt() {
        Path candidatesOnly = folder.resolve("candidates-only");
        new TrainCommand(out, ServerDatabase::open).execute(new String[] {
            "--store", candidatesOnly.toString(), "--rows", "1500", "--trees", "5", "--promote", "never"
        });
        String version =
                new ModelStore(candidatesOnly).versions().getFirst().card().version();
        assertThatThrownBy(() -> ModelRegistry.ofStore(new ModelStore(candidatesOnly)))
                .isInstanceOf(ModelLoadException.class)
                .satisfies(
                        e -> assertThat(e.getMessage()).contains("1 candidate").doesNotContain("java -jar"))
                .satisfies(e -> assertThat(ModelHints.withHint((ModelLoadException) e))
                        .contains(
                                "1 candidate",
                                "models promote " + version.substring(0, 8) + " --store " + candidatesOnly));
    }
}
