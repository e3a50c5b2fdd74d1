package com.smoft.crm.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ModelFilesTests {

    private static LoadedModel shipped;

    @TempDir
    Path folder;

    @BeforeAll
    static void loadShippedModel() {
        shipped = ModelFiles.load(ShippedModel.PATH);
    }

    @Test
    void shouldShipADefaultModelWhoseCardMatchesTheFile() throws Exception {
        ModelCard card = ModelFiles.readCard(ShippedModel.PATH);
        assertThat(shipped.version()).isEqualTo(card.version()).hasSize(64);
        assertThat(card.features())
                .containsExactly(
                        "recency_days",
                        "contact_frequency",
                        "total_purchase_amount",
                        "email_open_rate",
                        "website_visits",
                        "customer_age_days",
                        "rfm_score");
        assertThat(card.hyperparameters().seed()).isEqualTo(42);
        assertThat(card.rfmCutPoints()).isEqualTo(shipped.trained().cutPoints());
        assertThat(shipped.compiled().trees()).isEqualTo(card.hyperparameters().trees());
        assertThat(Files.readString(ModelFiles.cardPath(ShippedModel.PATH))).contains(card.version());
    }

    @Test
    void shouldLoadWhatItSaved() throws Exception {
        Path target = folder.resolve("crm-scoring-model.bin");
        ModelCard written = ModelFiles.save(shipped.trained(), shipped.card(), target);
        LoadedModel loaded = ModelFiles.load(target);
        assertThat(loaded.version()).isEqualTo(written.version()).isEqualTo(shipped.version());
        Customer customer = TestCustomers.SAMPLE;
        assertThat(loaded.probability(loaded.signals(customer)))
                .isEqualTo(shipped.probability(shipped.signals(customer)));
    }

    @Test
    void shouldLeaveThePreviousModelIntactWhenAWriteIsInterrupted() throws Exception {
        Path target = folder.resolve("crm-scoring-model.bin");
        ModelFiles.save(shipped.trained(), shipped.card(), target);
        byte[] modelBefore = Files.readAllBytes(target);

        assertThatThrownBy(() -> ModelFiles.save(shipped.trained(), shipped.card(), target, () -> {
                    throw new IllegalStateException("power cut");
                }))
                .hasMessage("power cut");

        assertThat(Files.readAllBytes(target)).isEqualTo(modelBefore);
        assertThat(fileNames()).containsExactlyInAnyOrder("crm-scoring-model.bin", "crm-scoring-model.json");
        assertThat(ModelFiles.load(target).version()).isEqualTo(shipped.version());
    }

    @Test
    void shouldServeTheModelItsOwnCardDescribesWhateverTheCopyBesideItSays() throws Exception {
        Path target = folder.resolve("crm-scoring-model.bin");
        ModelFiles.save(shipped.trained(), shipped.card(), target);
        // A crash after the model's rename and before the copy's: the copy is stale or gone, the model still loads.
        Files.writeString(ModelFiles.cardPath(target), "{\"version\": \"0000\"}");
        assertThat(ModelFiles.load(target).version()).isEqualTo(shipped.version());
        Files.delete(ModelFiles.cardPath(target));
        assertThat(ModelFiles.load(target).version()).isEqualTo(shipped.version());
    }

    @Test
    void shouldRemoveTheTemporaryFilesACrashLeftAtTheNextSave() throws Exception {
        Path target = folder.resolve("crm-scoring-model.bin");
        Path leftover = Files.writeString(folder.resolve("crm-scoring-model.bin4417.tmp"), "half a model");
        Path leftoverCard = Files.writeString(folder.resolve("crm-scoring-model.json981.tmp"), "half a card");
        Path notOurs = Files.writeString(folder.resolve("other.bin12.tmp"), "someone else's");
        for (Path file : List.of(leftover, leftoverCard, notOurs)) {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(3600)));
        }
        ModelFiles.save(shipped.trained(), shipped.card(), target);
        assertThat(fileNames())
                .containsExactlyInAnyOrder("crm-scoring-model.bin", "crm-scoring-model.json", "other.bin12.tmp");
    }

    @Test
    void shouldRefuseATamperedModelFile() throws IOException {
        Path target = folder.resolve("crm-scoring-model.bin");
        ModelFiles.save(shipped.trained(), shipped.card(), target);
        byte[] bytes = Files.readAllBytes(target);
        bytes[bytes.length / 2] ^= 1;
        Files.write(target, bytes);
        assertThatExceptionOfType(ModelLoadException.class)
                .isThrownBy(() -> ModelFiles.load(target))
                .withMessageContaining(target.toAbsolutePath().toString())
                .withMessageContaining("does not match its card")
                .satisfies(refused ->
                        assertThat(refused.reason()).doesNotContain("/").doesNotContain("Exception"));
    }

    @Test
    void shouldRefuseATruncatedModelFile() throws IOException {
        Path target = folder.resolve("crm-scoring-model.bin");
        ModelFiles.save(shipped.trained(), shipped.card(), target);
        byte[] bytes = Files.readAllBytes(target);
        for (int length : new int[] {0, 5, 13, 200, bytes.length / 2}) {
            Files.write(target, Arrays.copyOf(bytes, length));
            assertThatExceptionOfType(ModelLoadException.class)
                    .as("first %d bytes", length)
                    .isThrownBy(() -> ModelFiles.load(target));
        }
    }

    @Test
    void shouldRefuseAFileOfAnEarlierVersionSayingSo() throws IOException {
        Path target = folder.resolve("crm-scoring-model.bin");
        Files.write(target, serialise(shipped.trained()));
        assertThatExceptionOfType(ModelLoadException.class)
                .isThrownBy(() -> ModelFiles.load(target))
                .withMessageContaining("not a SMOFT model file")
                .withMessageContaining("trained again");
    }

    @Test
    void shouldRefuseAForeignObjectEvenWithAMatchingCard() throws Exception {
        Path target = modelFileHolding(new URI("http://example.com/not-a-model"));
        assertThatExceptionOfType(ModelLoadException.class)
                .isThrownBy(() -> ModelFiles.load(target))
                .withMessageContaining("refused unread")
                .satisfies(refused -> assertThat(refused.remedy()).isEqualTo(ModelLoadException.Remedy.TRAIN));
    }

    @Test
    void shouldRefuseAForeignObjectHiddenInsideAnAllowedOne() throws Exception {
        Path target = modelFileHolding(new ArrayList<>(List.of(new URI("http://example.com/inside"))));
        assertThatExceptionOfType(ModelLoadException.class)
                .isThrownBy(() -> ModelFiles.load(target))
                .withMessageContaining("refused unread");
    }

    @Test
    void shouldRefuseAnAllowedObjectThatIsNotAModel() throws Exception {
        Path target = modelFileHolding(new HashMap<>(Map.of("recency_days", 0)));
        assertThatExceptionOfType(ModelLoadException.class)
                .isThrownBy(() -> ModelFiles.load(target))
                .withMessageContaining("not a SMOFT scoring model");
    }

    @Test
    void shouldRefuseAModelThatFailsToScoreRatherThanFailWithIt() throws Exception {
        // What one changed byte made of a real model's curve (found by ModelFilesProperties): its probabilities gone.
        var curve = IsotonicCalibrator.class.getDeclaredConstructor(double[].class, double[].class);
        curve.setAccessible(true);
        TrainedModel broken = new TrainedModel(
                shipped.trained().forest(),
                shipped.trained().cutPoints(),
                curve.newInstance(new double[] {0, 1}, null));
        Path target = modelFileHolding(broken);
        assertThatExceptionOfType(ModelLoadException.class)
                .isThrownBy(() -> ModelFiles.load(target))
                .withMessageContaining("fails to score a probe customer")
                .satisfies(refused -> assertThat(refused.reason()).isEqualTo("the model cannot score"));
    }

    /** Payloads an attacker would put in a model file: each must be refused unread, whatever it would cost to read. */
    static Stream<Arguments> hostilePayloads() throws IOException {
        List<Object> nested = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            nested = new ArrayList<>(List.of(nested));
        }
        return Stream.of(
                Arguments.of("nested sets that would hash for a day", serialise(HostileModelFiles.nestedSets(40))),
                Arguments.of("nested maps deeper than any model", serialise(HostileModelFiles.nestedMaps(40))),
                Arguments.of(
                        "an array larger than any model holds",
                        HostileModelFiles.announcedLongArray(Integer.MAX_VALUE - 8)),
                Arguments.of("lists nested deeper than any model", serialise((Serializable) nested)),
                Arguments.of(
                        "252 KB of nested lists as keys of a map, all of a model's classes",
                        serialise(HostileModelFiles.listKeyedMap(6_000, 20))),
                Arguments.of(
                        "nested lists as keys of a map, within every limit of a model",
                        serialise(HostileModelFiles.listKeyedMap(200, 21))),
                Arguments.of("one flat list keying 50 000 entries", HostileModelFiles.oneListKeyingEveryEntry(50_000)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostilePayloads")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldRefuseAHostilePayloadUnreadAtOnceAndLeaveNothingReading(String name, byte[] payload) throws Exception {
        Path target = folder.resolve("crm-scoring-model.bin");
        ModelFiles.write(payload, shipped.card(), target, () -> {});
        long start = System.nanoTime();
        assertThatExceptionOfType(ModelLoadException.class)
                .isThrownBy(() -> ModelFiles.load(target))
                .withMessageContaining("refused unread");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf(
                "Hostile model file '%s' (%d bytes) refused in %d ms%n", name, payload.length, took.toMillis());
        assertThat(took).isLessThan(Duration.ofMillis(500));
        assertThat(Thread.getAllStackTraces().values())
                .as("threads still reading a model")
                .noneMatch(stack -> Arrays.stream(stack)
                        .map(StackTraceElement::getClassName)
                        .anyMatch(type -> type.equals(ModelFiles.class.getName())
                                || type.equals(ModelDeserialiser.class.getName())));
    }

    @Test
    void shouldNameTheFileAndTheFixButNoCallersCommandWhenTheModelIsMissing() {
        Path missing = folder.resolve("nowhere.bin");
        assertThatExceptionOfType(ModelLoadException.class)
                .isThrownBy(() -> ModelFiles.load(missing))
                .withMessageContaining(missing.toAbsolutePath().toString())
                .withMessageNotContaining("java -jar")
                .withMessageNotContaining("train")
                .satisfies(refused -> {
                    assertThat(refused.remedy()).isEqualTo(ModelLoadException.Remedy.TRAIN);
                    assertThat(refused.model()).isEqualTo(missing);
                });
    }

    private Path modelFileHolding(Serializable object) throws IOException {
        Path target = folder.resolve("crm-scoring-model.bin");
        ModelFiles.write(serialise(object), shipped.card(), target, () -> {});
        return target;
    }

    private static byte[] serialise(Serializable object) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        return bytes.toByteArray();
    }

    private List<String> fileNames() throws IOException {
        try (var files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString()).toList();
        }
    }

    @Test
    void shouldRefuseAStreamHoldingOnlyANullUnderAMatchingCard() {
        // Found by ModelFilesProperties on a new seed: readObject returned null and the message failed on it.
        byte[] serialisedNull = {(byte) 0xAC, (byte) 0xED, 0, 5, 0x70};
        byte[] file = ModelFiles.fileBytes(serialisedNull, shipped.card());
        assertThatThrownBy(() -> ModelFiles.load(file, "null.bin"))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("holds nothing (a serialised null)");
    }
}
