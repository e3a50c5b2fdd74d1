package com.smoft.crm.scoring;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Saves and loads model files with their cards.
 *
 * <p>Saving never leaves a half-written model behind: the model and its card are written to
 * temporary files in the target folder, flushed to disk, then renamed over the old ones.
 * Loading trusts nothing: the file is read once, those bytes must hash to the version its card
 * states, and they are deserialised through the allow-list of Smile's {@code Read.object} with this
 * package's three model classes added, so a foreign or tampered file is refused before any of its
 * code could run.
 */
public final class ModelFiles {

    /** Where the server and the training command look by default. */
    public static final Path DEFAULT_MODEL_PATH = Path.of("model", "crm-scoring-model.bin");

    private static final String TRAIN_HINT = "Train one with: java -jar target/smoft-crm-intelligent.jar train --output ";

    private static final Set<String> MODEL_CLASSES = Set.of(
            TrainedModel.class.getName(), RfmCutPoints.class.getName(), IsotonicCalibrator.class.getName());

    private static final ObjectInputFilter MODEL_CLASSES_ONLY = info -> {
        Class<?> type = info.serialClass();
        if (type == null) {
            return ObjectInputFilter.Status.UNDECIDED;
        }
        if (MODEL_CLASSES.contains(type.getName())) {
            return ObjectInputFilter.Status.ALLOWED;
        }
        // Anything else of ours in a model file is foreign; Smile's own list decides for the rest.
        return type.getName().startsWith("com.smoft.") ? ObjectInputFilter.Status.REJECTED : ObjectInputFilter.Status.UNDECIDED;
    };

    /** The classes {@code smile.io.Read.object} accepts (Smile 6.3), and nothing else. */
    private static final ObjectInputFilter SMILE_CLASSES_ONLY = ObjectInputFilter.Config.createFilter(
            "smile.**;java.lang.**;java.util.**;java.math.**;java.time.**;[*;!*");

    private static final ObjectInputFilter MODEL_FILTER = info -> {
        ObjectInputFilter.Status status = MODEL_CLASSES_ONLY.checkInput(info);
        return status != ObjectInputFilter.Status.UNDECIDED ? status : SMILE_CLASSES_ONLY.checkInput(info);
    };

    /** Far above any forest this service trains (2.8 MB for 200 000 rows); refuses to read a stray huge file. */
    private static final long MAX_MODEL_BYTES = 512L * 1024 * 1024;

    private static final ObjectMapper CARD_MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private ModelFiles() {
    }

    /** The card that belongs to a model file: same folder, same name, {@code .json}. */
    public static Path cardPath(Path modelPath) {
        String name = modelPath.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return modelPath.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".json");
    }

    /**
     * Writes a model and its card atomically; the card's version is the sha256 of the written model.
     *
     * @param model     the trained model
     * @param card      its card; the version is filled in here
     * @param modelPath where the model goes; its card goes beside it
     * @return the card as written
     */
    public static ModelCard save(TrainedModel model, ModelCard card, Path modelPath) throws IOException {
        return save(model, card, modelPath, () -> { });
    }

    /** As {@link #save(TrainedModel, ModelCard, Path)}, running {@code beforeRename} once both temporary files are on disk. */
    static ModelCard save(TrainedModel model, ModelCard card, Path modelPath, Runnable beforeRename) throws IOException {
        Path folder = modelPath.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path modelTemp = Files.createTempFile(folder, modelPath.getFileName().toString(), ".tmp");
        Path cardTemp = Files.createTempFile(folder, cardPath(modelPath).getFileName().toString(), ".tmp");
        try {
            makeReadable(modelTemp);
            makeReadable(cardTemp);
            writeDurably(modelTemp, out -> {
                try (ObjectOutputStream objects = new ObjectOutputStream(out)) {
                    objects.writeObject(model);
                }
            });
            ModelCard written = card.withVersion(sha256(Files.readAllBytes(modelTemp)));
            writeDurably(cardTemp, out -> CARD_MAPPER.writeValue(out, written));
            beforeRename.run();
            Files.move(modelTemp, modelPath, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.move(cardTemp, cardPath(modelPath), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return written;
        } finally {
            Files.deleteIfExists(modelTemp);
            Files.deleteIfExists(cardTemp);
        }
    }

    /**
     * Loads and verifies a model file and its card.
     *
     * @throws ModelLoadException naming the file and the fix, when the file is missing, does not match
     *                            its card, holds anything but a SMOFT model, or does not score
     */
    public static LoadedModel load(Path modelPath) {
        Path cardPath = cardPath(modelPath);
        if (!Files.isRegularFile(modelPath)) {
            throw new ModelLoadException("Model file " + modelPath.toAbsolutePath() + " does not exist. "
                    + TRAIN_HINT + modelPath);
        }
        ModelCard card = readCard(modelPath, cardPath);
        byte[] bytes = readModelBytes(modelPath);
        String actual = sha256(bytes);
        if (!actual.equals(card.version())) {
            throw new ModelLoadException("Model file " + modelPath.toAbsolutePath() + " does not match its card "
                    + cardPath + " (sha256 " + actual + ", card says " + card.version()
                    + "): the file was changed or only partly copied. Copy both files again, or " + lower(TRAIN_HINT) + modelPath);
        }
        Object object;
        try {
            object = readObject(bytes);
        } catch (InvalidClassException e) {
            throw new ModelLoadException("Model file " + modelPath.toAbsolutePath()
                    + " holds classes a SMOFT model never contains (" + e.getMessage() + "); it was refused unread. "
                    + TRAIN_HINT + modelPath, e);
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new ModelLoadException("Model file " + modelPath.toAbsolutePath() + " cannot be read ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "). " + TRAIN_HINT + modelPath, e);
        }
        if (!(object instanceof TrainedModel trained)) {
            throw new ModelLoadException("Model file " + modelPath.toAbsolutePath() + " holds a "
                    + object.getClass().getName() + ", not a SMOFT scoring model. " + TRAIN_HINT + modelPath);
        }
        LoadedModel loaded;
        try {
            loaded = LoadedModel.of(trained, card, modelPath);
        } catch (RuntimeException e) {
            throw new ModelLoadException("Model file " + modelPath.toAbsolutePath()
                    + " holds a forest this service cannot serve (" + e.getMessage() + "). " + TRAIN_HINT + modelPath, e);
        }
        checkScoresProbes(loaded);
        return loaded;
    }

    /** Reads a card on its own, for tools that only describe a model. */
    public static ModelCard readCard(Path cardPath) throws IOException {
        try {
            return CARD_MAPPER.readValue(Files.readAllBytes(cardPath), ModelCard.class);
        } catch (JacksonException e) {
            throw new IOException("model card " + cardPath + " is not valid: " + e.getOriginalMessage(), e);
        }
    }

    private static ModelCard readCard(Path modelPath, Path cardPath) {
        if (!Files.isRegularFile(cardPath)) {
            throw new ModelLoadException("Model file " + modelPath.toAbsolutePath() + " has no card " + cardPath
                    + " beside it, so it cannot be verified. Copy the card with the model, or " + lower(TRAIN_HINT) + modelPath);
        }
        try {
            ModelCard card = readCard(cardPath);
            if (card.version() == null) {
                throw new IOException("it has no version");
            }
            return card;
        } catch (IOException e) {
            throw new ModelLoadException("Model card " + cardPath.toAbsolutePath() + " cannot be read (" + e.getMessage()
                    + "). " + TRAIN_HINT + modelPath, e);
        }
    }

    /** A model that loads must also score: a few customers across the range must get probabilities in [0, 1]. */
    private static void checkScoresProbes(LoadedModel model) {
        Customer[] probes = {
                new Customer(1, 0, 0, 0, 0, 0, 0, 0),
                new Customer(2, 5, 10, 1500.5, 8, 6, 15, 120),
                new Customer(3, 365, 1, 10, 20, 0, 0, 2000),
                new Customer(4, 1, 60, 50_000, 100, 100, 300, 3650)};
        for (Customer probe : probes) {
            double probability = model.probability(model.signals(probe));
            if (!(probability >= 0 && probability <= 1)) {
                throw new ModelLoadException("Model file " + model.path().toAbsolutePath() + " gives probability "
                        + probability + " for a probe customer. " + TRAIN_HINT + model.path());
            }
        }
    }

    private interface StreamWriter {
        void write(OutputStream out) throws IOException;
    }

    private static void writeDurably(Path path, StreamWriter writer) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = Channels.newOutputStream(channel);
            writer.write(new NonClosingOutputStream(out));
            channel.force(true);
        }
    }

    /** Temporary files are private to their owner; a model must be readable by the service's own user too. */
    private static void makeReadable(Path path) throws IOException {
        if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    private static byte[] readModelBytes(Path path) {
        try {
            long size = Files.size(path);
            if (size > MAX_MODEL_BYTES) {
                throw new ModelLoadException("Model file " + path.toAbsolutePath() + " has " + size
                        + " bytes, more than any SMOFT model (at most " + MAX_MODEL_BYTES + "). " + TRAIN_HINT + path);
            }
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new ModelLoadException("Model file " + path.toAbsolutePath() + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Deserialises a model from the very bytes whose sha256 matched the card, through the same allow-list as
     * Smile's {@code Read.object}: ours first, then Smile's own list.
     */
    private static Object readObject(byte[] bytes) throws IOException, ClassNotFoundException {
        // Not Read.object(path): it reads the file unbuffered, a system call per field (0.37 s against 0.01 s
        // for the shipped model), and a second read could see a file replaced after the check.
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(MODEL_FILTER);
            return in.readObject();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String lower(String sentence) {
        return Character.toLowerCase(sentence.charAt(0)) + sentence.substring(1);
    }

    /** Lets writers close their streams without closing the channel before it is forced to disk. */
    private static final class NonClosingOutputStream extends java.io.FilterOutputStream {
        NonClosingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
