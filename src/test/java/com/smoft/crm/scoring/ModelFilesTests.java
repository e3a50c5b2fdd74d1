package com.smoft.crm.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTests {

    private static LoadedModel shipped;

    @TempDir
    Path folder;

    @BeforeAll
    static void loadShippedModel() {
        shipped = ModelFiles.load(ModelFiles.DEFAULT_MODEL_PATH);
    }

    @Test
    void shouldShipADefaultModelWhoseCardMatchesTheFile() throws Exception {
        Path model = ModelFiles.DEFAULT_MODEL_PATH;
        ModelCard card = ModelFiles.readCard(ModelFiles.cardPath(model));
        assertThat(card.version()).isEqualTo(sha256(model));
        assertThat(shipped.version()).isEqualTo(card.version());
        assertThat(card.features()).containsExactly("recency_days", "contact_frequency", "total_purchase_amount",
                "email_open_rate", "website_visits", "customer_age_days", "rfm_score");
        assertThat(card.hyperparameters().seed()).isEqualTo(42);
        assertThat(card.rfmCutPoints()).isEqualTo(shipped.trained().cutPoints());
        assertThat(shipped.compiled().trees()).isEqualTo(card.hyperparameters().trees());
    }

    @Test
    void shouldLoadWhatItSaved() throws Exception {
        Path target = folder.resolve("crm-scoring-model.bin");
        ModelCard written = ModelFiles.save(shipped.trained(), shipped.card(), target);
        LoadedModel loaded = ModelFiles.load(target);
        assertThat(loaded.version()).isEqualTo(written.version()).isEqualTo(sha256(target));
        Customer customer = new Customer(1, 5, 10, 1500.5, 8, 6, 15, 120);
        assertThat(loaded.probability(loaded.signals(customer))).isEqualTo(shipped.probability(shipped.signals(customer)));
    }

    @Test
    void shouldLeaveThePreviousModelIntactWhenAWriteIsInterrupted() throws Exception {
        Path target = folder.resolve("crm-scoring-model.bin");
        ModelFiles.save(shipped.trained(), shipped.card(), target);
        byte[] modelBefore = Files.readAllBytes(target);
        byte[] cardBefore = Files.readAllBytes(ModelFiles.cardPath(target));

        assertThatThrownBy(() -> ModelFiles.save(shipped.trained(), shipped.card(), target, () -> {
            throw new IllegalStateException("power cut");
        })).hasMessage("power cut");

        assertThat(Files.readAllBytes(target)).isEqualTo(modelBefore);
        assertThat(Files.readAllBytes(ModelFiles.cardPath(target))).isEqualTo(cardBefore);
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .containsExactlyInAnyOrder("crm-scoring-model.bin", "crm-scoring-model.json");
        }
        assertThat(ModelFiles.load(target).version()).isEqualTo(sha256(target));
    }

    @Test
    void shouldRefuseATamperedModelFile() throws IOException {
        Path target = folder.resolve("crm-scoring-model.bin");
        ModelFiles.save(shipped.trained(), shipped.card(), target);
        byte[] bytes = Files.readAllBytes(target);
        bytes[bytes.length / 2] ^= 1;
        Files.write(target, bytes);
        assertThatExceptionOfType(ModelLoadException.class).isThrownBy(() -> ModelFiles.load(target))
                .withMessageContaining(target.toAbsolutePath().toString())
                .withMessageContaining("does not match its card");
    }

    @Test
    void shouldRefuseAForeignObjectEvenWithAMatchingCard() throws Exception {
        Path target = folder.resolve("crm-scoring-model.bin");
        try (var out = new ObjectOutputStream(Files.newOutputStream(target))) {
            out.writeObject(new java.net.URI("http://example.com/not-a-model"));
        }
        writeCardFor(target);
        assertThatExceptionOfType(ModelLoadException.class).isThrownBy(() -> ModelFiles.load(target))
                .withMessageContaining("refused unread")
                .withMessageContaining("train");
    }

    @Test
    void shouldRefuseAForeignObjectHiddenInsideAnAllowedOne() throws Exception {
        Path target = folder.resolve("crm-scoring-model.bin");
        try (var out = new ObjectOutputStream(Files.newOutputStream(target))) {
            out.writeObject(new java.util.ArrayList<>(List.of(new java.net.URI("http://example.com/inside"))));
        }
        writeCardFor(target);
        assertThatExceptionOfType(ModelLoadException.class).isThrownBy(() -> ModelFiles.load(target))
                .withMessageContaining("refused unread");
    }

    @Test
    void shouldRefuseAnAllowedObjectThatIsNotAModel() throws Exception {
        Path target = folder.resolve("crm-scoring-model.bin");
        try (var out = new ObjectOutputStream(Files.newOutputStream(target))) {
            out.writeObject(new java.util.ArrayList<>(List.of("x")));
        }
        writeCardFor(target);
        assertThatExceptionOfType(ModelLoadException.class).isThrownBy(() -> ModelFiles.load(target))
                .withMessageContaining("not a SMOFT scoring model");
    }

    @Test
    void shouldRefuseGarbage() throws Exception {
        Path target = folder.resolve("crm-scoring-model.bin");
        Files.writeString(target, "this is not a model");
        writeCardFor(target);
        assertThatExceptionOfType(ModelLoadException.class).isThrownBy(() -> ModelFiles.load(target))
                .withMessageContaining("cannot be read");
    }

    @Test
    void shouldNameTheFileAndTheFixWhenTheModelIsMissing() {
        Path missing = folder.resolve("nowhere.bin");
        assertThatExceptionOfType(ModelLoadException.class).isThrownBy(() -> ModelFiles.load(missing))
                .withMessageContaining(missing.toAbsolutePath().toString())
                .withMessageContaining("train --output");
    }

    @Test
    void shouldRefuseAModelWithoutItsCard() throws IOException {
        Path target = folder.resolve("crm-scoring-model.bin");
        ModelFiles.save(shipped.trained(), shipped.card(), target);
        Files.delete(ModelFiles.cardPath(target));
        assertThatExceptionOfType(ModelLoadException.class).isThrownBy(() -> ModelFiles.load(target))
                .withMessageContaining("has no card");
    }

    private void writeCardFor(Path model) throws Exception {
        ModelCard card = shipped.card().withVersion(sha256(model));
        Path cardPath = ModelFiles.cardPath(model);
        // Reuse the writer: save the real model elsewhere, then swap in this card's version.
        Path elsewhere = folder.resolve("elsewhere").resolve("m.bin");
        ModelFiles.save(shipped.trained(), card, elsewhere);
        String json = Files.readString(ModelFiles.cardPath(elsewhere));
        String writtenVersion = ModelFiles.readCard(ModelFiles.cardPath(elsewhere)).version();
        Files.writeString(cardPath, json.replace(writtenVersion, card.version()));
    }

    static String sha256(Path path) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path)));
    }
}
