package com.smoft.crm.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

@Execution(ExecutionMode.CONCURRENT)
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
        IsotonicCalibrator calibrator = IsotonicCalibrator.fit(
                new double[] {0.1, 0.5, 0.9, 0.2 + variant / 100.0}, new int[] {0, 1, 1, variant % 2});
        TrainedModel model =
                new TrainedModel(shipped.trained().forest(), shipped.trained().cutPoints(), calibrator);
        ModelCard card = shipped.card();
        return store.add(
                model,
                new ModelCard(
                        null,
                        trainedAt,
                        "variant " + variant,
                        card.rowCount(),
                        card.features(),
                        card.hyperparameters(),
                        card.split(),
                        card.holdout(),
                        card.outOfBag(),
                        card.featureImportance(),
                        card.rfmCutPoints(),
                        card.thresholds(),
                        card.calibration(),
                        card.trainingSeconds(),
                        card.convertedCount(),
                        card.warnings(),
                        card.holdoutScores(),
                        null));
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
        for (String bad :
                List.of(version.substring(0, 7), "../../etc/passwd", version.toUpperCase(), "deadbeefdeadbeef")) {
            assertThatExceptionOfType(ModelStore.UnknownVersionException.class)
                    .as(bad)
                    .isThrownBy(() -> store.resolve(bad));
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

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldListAVersionWhoseFileCannotBeReadAsUnreadableWithoutOpeningWhatIsNoFile() throws Exception {
        String older = add(1, "2026-01-01T00:00:00Z").version();
        String newer = add(2, "2026-02-01T00:00:00Z").version();
        store.promote(newer);
        Path outside = Files.copy(store.file(older), folder.resolve("outside.bin"));
        Map<String, String> problems = new LinkedHashMap<>();
        problems.put(name('1'), "the file is not a SMOFT model file");
        Files.write(store.file(name('1')), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
        problems.put(name('2'), "its file is not a regular file");
        Files.createDirectory(store.file(name('2')));
        problems.put(name('3'), "its file is not a regular file");
        Files.createSymbolicLink(store.file(name('3')), outside);
        problems.put(name('4'), "the model's card is incomplete");
        ModelFiles.write(
                new byte[] {0},
                new ModelCard(
                        null, null, null, 0, null, null, null, null, null, null, null, null, null, 0, 0, null, null,
                        null),
                store.file(name('4')),
                () -> {});
        problems.put(name('5'), "its card names another version");
        Files.copy(store.file(older), store.file(name('5')));
        problems.put(name('f'), "its file is not a regular file");
        HostileModelFiles.pipe(store.file(name('f')));

        List<ModelStore.Version> listed = store.versions();

        assertThat(listed)
                .extracting(ModelStore.Version::version)
                .startsWith(newer, older)
                .hasSize(2 + problems.size());
        assertThat(listed)
                .extracting(ModelStore.Version::status)
                .startsWith(ModelStore.Status.serving, ModelStore.Status.candidate);
        for (ModelStore.Version version : listed.subList(2, listed.size())) {
            assertThat(version.status()).as(version.version()).isEqualTo(ModelStore.Status.unreadable);
            assertThat(version.card()).isNull();
            assertThat(version.problem().words()).as(version.version()).isEqualTo(problems.get(version.version()));
        }
    }

    @Test
    void shouldServeNoVersionWhoseFileIsALinkAndPruneNoFileItCannotRead() throws IOException {
        String older = add(1, "2026-01-01T00:00:00Z").version();
        String newer = add(2, "2026-02-01T00:00:00Z").version();
        store.promote(older);
        Path real = Files.move(store.file(newer), folder.resolve("elsewhere.bin"));
        Files.createSymbolicLink(store.file(newer), real);
        assertThatExceptionOfType(ModelLoadException.class)
                .isThrownBy(() -> store.promote(newer))
                .withMessageContaining("not a regular file");
        assertThat(store.serving()).hasValue(older);

        Files.writeString(store.file(name('1')), "not a model");
        assertThat(store.prune(1)).isEmpty();
        assertThat(store.file(newer)).isSymbolicLink();
        assertThat(store.file(name('1'))).exists();
    }

    @Test
    void shouldRollBackOnlyToAVersionInsideTheStoreWhateverThePointerNames() throws IOException {
        String first = add(1, "2026-01-01T00:00:00Z").version();
        String second = add(2, "2026-02-01T00:00:00Z").version();
        String planted = add(3, "2026-03-01T00:00:00Z").version();
        store.promote(first);
        store.promote(second);
        // A loadable model outside the store, where ../../outside/evil leads from the folder of versions.
        Files.createDirectories(folder.resolve("outside"));
        Files.move(store.file(planted), folder.resolve("outside").resolve("evil.bin"));
        String evil = "../../outside/evil";
        Path pointer = store.folder().resolve("store.json");
        Files.writeString(pointer, """
                {"serving": "%s", "served_before": ["%s", "%s"], "ever_served": ["%s", "%s", "%s"],
                 "decisions": {"%s": {"decided_at": "2026-03-01T00:00:00Z", "rule": "always", "promoted": true,
                                      "reason": "planted", "holdout_customers": 1}}}""".formatted(second, first, evil, first, second, evil, evil));

        assertThat(store.previous()).hasValue(first);
        assertThat(store.rollback().version()).isEqualTo(first);
        assertThat(store.serving()).hasValue(first);
        assertThat(Files.readString(pointer)).doesNotContain("outside");

        Files.writeString(pointer, "{\"serving\": \"" + evil + "\"}");
        assertThat(store.serving()).isEmpty();
        assertThat(store.versions()).extracting(ModelStore.Version::status).containsOnly(ModelStore.Status.candidate);
        assertThatExceptionOfType(ModelStore.UnknownVersionException.class).isThrownBy(() -> store.load(evil));
        assertThatExceptionOfType(ModelStore.UnknownVersionException.class).isThrownBy(() -> store.file(evil));
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldRefuseAPointerThatIsNoJsonObjectTooLargeOrNoFileWithoutReadingIt() throws Exception {
        add(1, "2026-01-01T00:00:00Z");
        Path pointer = store.folder().resolve("store.json");
        Files.writeString(pointer, "null");
        assertPointerRefused("it holds no pointer");
        Files.writeString(pointer, "{\"serving\": [");
        assertPointerRefused("cannot be read");
        Files.writeString(pointer, " ".repeat(ModelStore.MAX_STATE_BYTES) + "{}");
        assertPointerRefused("larger than any store's pointer");
        Files.delete(pointer);
        Files.createSymbolicLink(pointer, store.file(store.versions().getFirst().version()));
        assertPointerRefused("not a regular file");
        Files.delete(pointer);
        HostileModelFiles.pipe(pointer);
        assertPointerRefused("not a regular file");
    }

    @Test
    void shouldGiveTheServingVersionsFileToAReaderOfAnotherFileSystem() throws IOException {
        ModelStore.Folder remote = new ModelStore.Folder() {
            @Override
            public boolean exists(String path) {
                return Files.exists(store.folder().resolve(path));
            }

            @Override
            public byte[] read(String path, int maxBytes) throws IOException {
                try (var in = Files.newInputStream(store.folder().resolve(path))) {
                    return in.readNBytes(maxBytes);
                }
            }
        };
        assertThat(ModelStore.isStore(remote)).isFalse();
        String first = add(1, "2026-01-01T00:00:00Z").version();
        String second = add(2, "2026-02-01T00:00:00Z").version();
        Files.writeString(store.folder().resolve("store.json"), "{}");
        assertThat(ModelStore.isStore(remote)).isTrue();
        assertThatExceptionOfType(ModelLoadException.class)
                .isThrownBy(() -> ModelStore.servingFile(remote, "hdfs://crm/model"))
                .withMessageContaining("hdfs://crm/model/store.json names none")
                .satisfies(refused -> assertThat(refused.reason()).isEqualTo("the model store has no serving version"));

        store.promote(first);
        assertThat(store.folder().resolve(ModelStore.servingFile(remote, "model")))
                .isEqualTo(store.file(first));
        store.promote(second);
        assertThat(store.folder().resolve(ModelStore.servingFile(remote, "model")))
                .isEqualTo(store.file(second));

        // A pointer naming anything but a version leads nowhere, on another file system too.
        Files.writeString(store.folder().resolve("store.json"), "{\"serving\": \"../../etc/passwd\"}");
        assertThatExceptionOfType(ModelLoadException.class)
                .isThrownBy(() -> ModelStore.servingFile(remote, "model"))
                .withMessageContaining("names none");
        Files.writeString(store.folder().resolve("store.json"), "{\"serving\": [");
        assertThatExceptionOfType(ModelLoadException.class)
                .isThrownBy(() -> ModelStore.servingFile(remote, "model"))
                .withMessageContaining("model/store.json cannot be read");
    }

    private void assertPointerRefused(String why) {
        assertThatExceptionOfType(ModelLoadException.class)
                .isThrownBy(store::versions)
                .withMessageContaining(why)
                .satisfies(
                        refused -> assertThat(refused.reason()).isEqualTo("the model store's pointer cannot be read"));
    }

    /** A version's name that no model of these tests has: 64 times {@code digit}. */
    private static String name(char digit) {
        return String.valueOf(digit).repeat(64);
    }

    private ModelStore.Status status(String version) {
        return store.versions().stream()
                .filter(v -> v.card().version().equals(version))
                .findFirst()
                .orElseThrow()
                .status();
    }
}
