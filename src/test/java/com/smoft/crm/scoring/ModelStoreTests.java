package com.smoft.crm.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTests {

    private static LoadedModel shipped;

    @TempDir
    Path folder;

    private ModelStore store;

    @BeforeAll
    static void loadShipped() {
        shipped = ModelFiles.load(ShippedModel.PATH);
    }

    @BeforeEach
    void openStore() {
        store = new ModelStore(folder.resolve("model"));
    }

    /** A model of its own (the shipped forest with another calibration curve), trained at {@code trainedAt}. */
    private ModelCard add(int variant, String trainedAt) throws IOException {
        IsotonicCalibrator calibrator = IsotonicCalibrator.fit(new double[]{0.1, 0.5, 0.9, 0.2 + variant / 100.0},
                new int[]{0, 1, 1, variant % 2});
        TrainedModel model = new TrainedModel(shipped.trained().forest(), shipped.trained().cutPoints(), calibrator);
        ModelCard card = shipped.card();
        return store.add(model, new ModelCard(null, trainedAt, "variant " + variant, card.rowCount(), card.features(),
                card.hyperparameters(), card.split(), card.holdout(), card.outOfBag(), card.featureImportance(), card.rfmCutPoints(),
                card.thresholds(), card.calibration(), card.trainingSeconds(), card.convertedCount(), card.warnings(),
                card.holdoutScores()));
    }

    @Test
    void shouldAddEachModelOnceAndListTheNewestFirst() throws IOException {
        String first = add(1, "2026-01-01T00:00:00Z").version();
        String second = add(2, "2026-02-01T00:00:00Z").version();
        assertThat(add(1, "2026-03-01T00:00:00Z").version()).isEqualTo(first);
        assertThat(store.versions()).extracting(v -> v.card().version()).containsExactly(second, first);
        assertThat(store.versions()).extracting(ModelStore.Version::status).containsOnly(ModelStore.Status.candidate);
        assertThat(store.serving()).isEmpty();
        assertThat(store.load(first).version()).isEqualTo(first);
    }

    @Test
    void shouldPromoteRollBackAndRetireWhatHasServed() throws IOException {
        String first = add(1, "2026-01-01T00:00:00Z").version();
        String second = add(2, "2026-02-01T00:00:00Z").version();
        store.promote(first);
        store.promote(second.substring(0, 8));
        assertThat(store.serving()).hasValue(second);
        assertThat(store.previous()).hasValue(first);
        assertThat(status(first)).isEqualTo(ModelStore.Status.retired);

        assertThat(store.rollback().version()).isEqualTo(first);
        assertThat(store.serving()).hasValue(first);
        assertThat(status(second)).isEqualTo(ModelStore.Status.retired);
        assertThat(status(first)).isEqualTo(ModelStore.Status.serving);
        assertThatIllegalStateException().isThrownBy(store::rollback).withMessageContaining("no version served before");
        assertThat(store.serving()).hasValue(first);
    }

    @Test
    void shouldNameAVersionByAnUnambiguousPrefixOfEightCharactersOrMore() throws IOException {
        String version = add(1, "2026-01-01T00:00:00Z").version();
        assertThat(store.resolve(version.substring(0, 8))).isEqualTo(version);
        assertThat(store.resolve(version)).isEqualTo(version);
        for (String bad : List.of(version.substring(0, 7), "../../etc/passwd", version.toUpperCase(), "deadbeefdeadbeef")) {
            assertThatExceptionOfType(ModelStore.UnknownVersionException.class).as(bad).isThrownBy(() -> store.resolve(bad));
        }
    }

    @Test
    void shouldRefuseToServeATamperedVersionAndChangeNothing() throws IOException {
        String first = add(1, "2026-01-01T00:00:00Z").version();
        String second = add(2, "2026-02-01T00:00:00Z").version();
        store.promote(first);
        byte[] bytes = Files.readAllBytes(store.file(second));
        bytes[bytes.length - 10] ^= 1;
        Files.write(store.file(second), bytes);
        assertThatExceptionOfType(ModelLoadException.class).isThrownBy(() -> store.promote(second));
        assertThat(store.serving()).hasValue(first);
    }

    @Test
    void shouldPruneTheOldestVersionsButNeverTheServingOne() throws IOException {
        String oldest = add(1, "2026-01-01T00:00:00Z").version();
        String middle = add(2, "2026-02-01T00:00:00Z").version();
        String newest = add(3, "2026-03-01T00:00:00Z").version();
        store.promote(oldest);
        assertThat(store.prune(1)).containsExactly(middle);
        assertThat(store.versions()).extracting(v -> v.card().version()).containsExactly(newest, oldest);
        assertThat(store.file(middle)).doesNotExist();
        assertThat(ModelFiles.cardPath(store.file(middle))).doesNotExist();
        assertThat(store.serving()).hasValue(oldest);
        // Nothing half-written is left behind: every change of the pointer was one rename.
        try (Stream<Path> files = Files.walk(store.folder())) {
            assertThat(files.map(Path::toString)).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    private ModelStore.Status status(String version) {
        return store.versions().stream().filter(v -> v.card().version().equals(version)).findFirst().orElseThrow().status();
    }
}
