package com.smoft.crm.scoring;

import com.smoft.crm.scoring.ModelLoadException.Remedy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Saves and loads model files.
 *
 * <p>A model file is one unit: a header, the model's card (JSON) and the serialised model, whose sha256 is
 * the card's version. Saving writes it to a temporary file in the target folder, forces it to disk and
 * renames it over the old one in one step, so a crash leaves either the old model or the new one, never a
 * mismatched pair; temporary files a crash left behind are removed by the next save. The card is also
 * written beside the model ({@code crm-scoring-model.json}) for people and tools to read; the loader does
 * not need it.
 *
 * <p>Loading trusts nothing. The file is read once, with a size limit; the model's bytes must hash to the
 * card's version; they are deserialised by {@link ModelDeserialiser}, which admits only the concrete classes
 * and collection shapes a SMOFT model holds, within limits measured on real models, and stops reading when a
 * time limit has passed. A foreign, tampered, truncated or hostile file is refused with a
 * {@link ModelLoadException}, in milliseconds for a hostile one, and nothing of it runs or keeps running.
 */
public final class ModelFiles {

    /** The deepest tree a model may hold: the depth limit below is derived from it. */
    public static final int MAX_TREE_DEPTH = 16;

    private static final byte[] MAGIC = "SMOFTCRM".getBytes(StandardCharsets.US_ASCII);
    private static final byte FORMAT = 1;
    private static final int HEADER_BYTES = MAGIC.length + 1 + Integer.BYTES;
    private static final int MAX_CARD_BYTES = 1024 * 1024;

    /** Far above any forest this service trains (3.7 MB for 500 trees); refuses to read a stray huge file. */
    private static final long MAX_MODEL_BYTES = 512L * 1024 * 1024;

    /** Longest a load may take; the shipped model deserialises in about 0.25 s, a 500-tree one too. */
    static final Duration LOAD_TIME_LIMIT = Duration.ofSeconds(20);

    /** Temporary files older than this in a model's folder are a crash's leftovers, removed by the next save. */
    private static final Duration STALE_TEMPORARY = Duration.ofMinutes(1);

    private static final ObjectMapper CARD_MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private ModelFiles() {}

    /** The readable copy of a model's card: same folder, same name, {@code .json}. */
    public static Path cardPath(Path modelPath) {
        String name = modelPath.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return modelPath.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".json");
    }

    /**
     * Writes a model with its card as one file, atomically, and a readable copy of the card beside it.
     *
     * @param model     the trained model
     * @param card      its card; the version is filled in here
     * @param modelPath where the model goes
     * @return the card as written
     */
    public static ModelCard save(TrainedModel model, ModelCard card, Path modelPath) throws IOException {
        return save(model, card, modelPath, () -> {});
    }

    /** As {@link #save(TrainedModel, ModelCard, Path)}, running {@code beforeRename} once the temporary file is on disk. */
    static ModelCard save(TrainedModel model, ModelCard card, Path modelPath, Runnable beforeRename)
            throws IOException {
        return write(serialise(model), card, modelPath, beforeRename);
    }

    /** The model's bytes, whose sha256 is its version. */
    static byte[] serialise(TrainedModel model) throws IOException {
        ByteArrayOutputStream serialised = new ByteArrayOutputStream();
        try (ObjectOutputStream objects = new ObjectOutputStream(serialised)) {
            objects.writeObject(model);
        }
        return serialised.toByteArray();
    }

    /** The version of serialised model bytes: their sha256. */
    static String versionOf(byte[] modelBytes) {
        return sha256(modelBytes, 0);
    }

    /** Writes a small file atomically: a temporary file beside it, forced to disk, renamed over it. */
    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        writeAtomically(target, out -> out.write(bytes), () -> {});
    }

    /** Writes serialised model bytes and their card as one model file; the card's version becomes their sha256. */
    static ModelCard write(byte[] modelBytes, ModelCard card, Path modelPath, Runnable beforeRename)
            throws IOException {
        Path folder = modelPath.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        removeStaleTemporaries(folder, modelPath);
        ModelCard written = card.withVersion(sha256(modelBytes, 0));
        byte[] cardBytes = CARD_MAPPER.writeValueAsBytes(written);
        writeAtomically(modelPath, out -> out.write(fileBytes(modelBytes, cardBytes)), beforeRename);
        writeAtomically(cardPath(modelPath), out -> out.write(cardBytes), () -> {});
        return written;
    }

    /** The bytes of a model file holding serialised model bytes under {@code card}, its version set to their sha256. */
    static byte[] fileBytes(byte[] modelBytes, ModelCard card) {
        return fileBytes(modelBytes, CARD_MAPPER.writeValueAsBytes(card.withVersion(sha256(modelBytes, 0))));
    }

    private static byte[] fileBytes(byte[] modelBytes, byte[] cardBytes) {
        return ByteBuffer.allocate(HEADER_BYTES + cardBytes.length + modelBytes.length)
                .put(MAGIC)
                .put(FORMAT)
                .putInt(cardBytes.length)
                .put(cardBytes)
                .put(modelBytes)
                .array();
    }

    /**
     * Loads and verifies a model file.
     *
     * @throws ModelLoadException naming the file and the fix, when the file is missing, does not match its
     *                            card, holds anything but a SMOFT model, breaks a limit, or does not score
     */
    public static LoadedModel load(Path modelPath) {
        return load(readModelBytes(regularFile(modelPath)), modelPath);
    }

    /**
     * Verifies and loads a model file's bytes, read elsewhere (a Spark job reads the file once on its driver and
     * ships the bytes to its executors), with every check of {@link #load(Path)}.
     *
     * @param bytes  the whole model file
     * @param source how messages name it
     */
    public static LoadedModel load(byte[] bytes, String source) {
        if (bytes.length > MAX_MODEL_BYTES) {
            throw new ModelLoadException(
                    ModelLoadException.Reason.TOO_LARGE,
                    "Model file " + source + " has " + bytes.length + " bytes, more than any SMOFT model (at most "
                            + MAX_MODEL_BYTES + ").");
        }
        return load(bytes, Path.of(source));
    }

    private static LoadedModel load(byte[] bytes, Path modelPath) {
        String file = "Model file " + modelPath.toAbsolutePath();
        ModelCard card = cardOf(bytes, modelPath);
        int modelStart = HEADER_BYTES + cardLength(bytes);
        String actual = sha256(bytes, modelStart);
        if (!actual.equals(card.version())) {
            throw new ModelLoadException(
                    ModelLoadException.Reason.CARD_MISMATCH,
                    file + " does not match its card (sha256 " + actual + ", card says " + card.version()
                            + "): the file was changed or only partly copied.",
                    Remedy.COPY_AGAIN,
                    modelPath,
                    null);
        }
        Object object = readObject(bytes, modelStart, modelPath);
        if (!(object instanceof TrainedModel trained)) {
            throw new ModelLoadException(
                    ModelLoadException.Reason.NOT_A_SCORING_MODEL,
                    file + " holds "
                            + (object == null
                                    ? "nothing (a serialised null)"
                                    : "a " + object.getClass().getName()) + ", not a SMOFT scoring model.",
                    Remedy.TRAIN,
                    modelPath,
                    null);
        }
        LoadedModel loaded;
        try {
            loaded = LoadedModel.of(trained, card, modelPath);
        } catch (RuntimeException e) {
            throw new ModelLoadException(
                    ModelLoadException.Reason.UNSERVABLE_FOREST,
                    file + " holds a forest this service cannot serve (" + e.getMessage() + ").",
                    Remedy.TRAIN,
                    modelPath,
                    e);
        }
        checkScoresProbes(loaded);
        return loaded;
    }

    /**
     * Reads the card of a model file on its own, for tools that only describe a model: the header and card only.
     *
     * @throws ModelLoadException when the file is missing or not a regular file (it is not opened), or its card
     *                            cannot be read or lacks what every card holds
     */
    public static ModelCard readCard(Path modelPath) {
        try (InputStream in = Files.newInputStream(regularFile(modelPath))) {
            byte[] header = in.readNBytes(HEADER_BYTES);
            if (header.length < HEADER_BYTES) {
                return cardOf(header, modelPath);
            }
            int length = cardLength(header);
            byte[] card = in.readNBytes(Math.clamp(length, 0, MAX_CARD_BYTES));
            byte[] start = Arrays.copyOf(header, HEADER_BYTES + card.length);
            System.arraycopy(card, 0, start, HEADER_BYTES, card.length);
            return cardOf(start, modelPath);
        } catch (IOException e) {
            throw new ModelLoadException(
                    ModelLoadException.Reason.UNREADABLE,
                    "Model file " + modelPath.toAbsolutePath() + " cannot be read: " + e.getMessage(),
                    e);
        }
    }

    private static ModelCard cardOf(byte[] bytes, Path modelPath) {
        if (bytes.length < HEADER_BYTES || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new ModelLoadException(
                    ModelLoadException.Reason.NOT_A_MODEL_FILE,
                    "Model file " + modelPath.toAbsolutePath()
                            + " is not a SMOFT model file (no SMOFTCRM header; models of versions before 1.1 came as a .bin and "
                            + ".json pair and must be trained again).",
                    Remedy.TRAIN,
                    modelPath,
                    null);
        }
        if (bytes[MAGIC.length] != FORMAT) {
            throw new ModelLoadException(
                    ModelLoadException.Reason.UNKNOWN_FORMAT,
                    "Model file "
                            + modelPath.toAbsolutePath() + " is of format " + bytes[MAGIC.length]
                            + "; this service reads format "
                            + FORMAT + ".",
                    Remedy.TRAIN,
                    modelPath,
                    null);
        }
        int length = cardLength(bytes);
        if (length <= 0 || length > MAX_CARD_BYTES || HEADER_BYTES + length > bytes.length) {
            throw new ModelLoadException(
                    ModelLoadException.Reason.DAMAGED,
                    "Model file " + modelPath.toAbsolutePath() + " announces a card of " + length
                            + " bytes in a file of " + bytes.length + ": it is truncated or damaged.",
                    Remedy.TRAIN,
                    modelPath,
                    null);
        }
        try {
            ModelCard card = CARD_MAPPER.readValue(
                    Arrays.copyOfRange(bytes, HEADER_BYTES, HEADER_BYTES + length), ModelCard.class);
            String missing = card == null || card.version() == null
                    ? "a version"
                    : card.trainedAt() == null
                            ? "trained_at"
                            : card.split() == null
                                    ? "split"
                                    : card.holdout() == null
                                            ? "holdout"
                                            : card.thresholds() == null
                                                    ? "thresholds"
                                                    : card.featureImportance() == null ? "feature_importance" : null;
            if (missing != null) {
                throw new ModelLoadException(
                        ModelLoadException.Reason.INCOMPLETE_CARD,
                        "Model file " + modelPath.toAbsolutePath() + " has a card without " + missing + ".",
                        Remedy.TRAIN,
                        modelPath,
                        null);
            }
            return card;
        } catch (JacksonException e) {
            throw new ModelLoadException(
                    ModelLoadException.Reason.UNREADABLE_CARD,
                    "Model file " + modelPath.toAbsolutePath() + " has a card that cannot be read ("
                            + e.getOriginalMessage() + ").",
                    Remedy.TRAIN,
                    modelPath,
                    e);
        }
    }

    private static int cardLength(byte[] bytes) {
        return ByteBuffer.wrap(bytes, MAGIC.length + 1, Integer.BYTES).getInt();
    }

    /**
     * A model that loads must also score: a few customers across the range must get probabilities in [0, 1], without
     * failing on the way (a damaged model may hold a curve or cut points that are not there).
     */
    private static void checkScoresProbes(LoadedModel model) {
        Customer[] probes = {
            new Customer(1, 0, 0, 0, 0, 0, 0, 0),
            new Customer(2, 5, 10, 1500.5, 8, 6, 15, 120),
            new Customer(3, 365, 1, 10, 20, 0, 0, 2000),
            new Customer(4, 1, 60, 50_000, 100, 100, 300, 3650)
        };
        for (Customer probe : probes) {
            double probability;
            try {
                probability = model.probability(model.signals(probe));
            } catch (RuntimeException e) {
                throw new ModelLoadException(
                        ModelLoadException.Reason.CANNOT_SCORE,
                        "Model file " + model.path().toAbsolutePath() + " fails to score a probe customer (" + e + ").",
                        Remedy.TRAIN,
                        model.path(),
                        e);
            }
            if (!(probability >= 0 && probability <= 1)) {
                throw new ModelLoadException(
                        ModelLoadException.Reason.PROBABILITIES_OUT_OF_RANGE,
                        "Model file " + model.path().toAbsolutePath() + " gives probability " + probability
                                + " for a probe customer.",
                        Remedy.TRAIN,
                        model.path(),
                        null);
            }
        }
    }

    private interface StreamWriter {
        void write(OutputStream out) throws IOException;
    }

    /** Writes a temporary file beside {@code target}, forces it to disk, then renames it over {@code target}. */
    private static void writeAtomically(Path target, StreamWriter writer, Runnable beforeRename) throws IOException {
        Path temp = Files.createTempFile(
                target.toAbsolutePath().getParent(), target.getFileName().toString(), ".tmp");
        try {
            makeReadable(temp);
            try (FileChannel channel =
                    FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = Channels.newOutputStream(channel);
                writer.write(out);
                out.flush();
                channel.force(true);
            }
            beforeRename.run();
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Removes what an interrupted save of this model left: its temporary files, once they are no longer fresh. */
    private static void removeStaleTemporaries(Path folder, Path modelPath) throws IOException {
        FileTime staleBefore = FileTime.from(Instant.now().minus(STALE_TEMPORARY));
        for (Path named : new Path[] {modelPath, cardPath(modelPath)}) {
            try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(
                    folder, globQuoted(named.getFileName().toString()) + "*.tmp")) {
                for (Path leftover : leftovers) {
                    if (Files.getLastModifiedTime(leftover).compareTo(staleBefore) < 0) {
                        Files.deleteIfExists(leftover);
                    }
                }
            }
        }
    }

    private static String globQuoted(String name) {
        return name.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
    }

    /** Temporary files are private to their owner; a model must be readable by the service's own user too. */
    private static void makeReadable(Path path) throws IOException {
        if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** {@code path}, if it is a regular file or a link to one: a folder, a device or a pipe is not opened. */
    private static Path regularFile(Path path) {
        if (Files.notExists(path)) {
            throw new ModelLoadException(
                    ModelLoadException.Reason.MISSING,
                    "Model file " + path.toAbsolutePath() + " does not exist.",
                    Remedy.TRAIN,
                    path,
                    null);
        }
        if (!Files.isRegularFile(path)) {
            throw new ModelLoadException(
                    ModelLoadException.Reason.NOT_A_REGULAR_FILE,
                    "Model file " + path.toAbsolutePath()
                            + " is not a regular file (a folder, a device or a pipe); it was not opened.",
                    Remedy.TRAIN,
                    path,
                    null);
        }
        return path;
    }

    /** The whole file, read within {@link #MAX_MODEL_BYTES}, whatever size it said it had. */
    private static byte[] readModelBytes(Path path) {
        try {
            if (Files.size(path) <= MAX_MODEL_BYTES) {
                try (InputStream in = Files.newInputStream(path)) {
                    byte[] bytes = in.readNBytes((int) MAX_MODEL_BYTES + 1);
                    if (bytes.length <= MAX_MODEL_BYTES) {
                        return bytes;
                    }
                }
            }
            throw new ModelLoadException(
                    ModelLoadException.Reason.TOO_LARGE,
                    "Model file " + path.toAbsolutePath() + " has more than " + MAX_MODEL_BYTES
                            + " bytes, more than any SMOFT model.",
                    Remedy.TRAIN,
                    path,
                    null);
        } catch (IOException e) {
            throw new ModelLoadException(
                    ModelLoadException.Reason.UNREADABLE,
                    "Model file " + path.toAbsolutePath() + " cannot be read: " + e.getMessage(),
                    e);
        }
    }

    /**
     * Deserialises the model from the very bytes whose sha256 matched the card, through {@link ModelDeserialiser},
     * on the caller's thread: reading stops at the first thing no model holds, or when {@link #LOAD_TIME_LIMIT} has
     * passed, and nothing of it keeps running. Running out of memory or stack while reading is a refused file, not
     * a crash.
     */
    private static Object readObject(byte[] bytes, int offset, Path modelPath) {
        String file = "Model file " + modelPath.toAbsolutePath();
        try {
            return ModelDeserialiser.read(bytes, offset, LOAD_TIME_LIMIT);
        } catch (ModelDeserialiser.RefusedException refused) {
            if (refused.late()) {
                throw new ModelLoadException(
                        ModelLoadException.Reason.TOO_SLOW_TO_READ,
                        file + " was still being read after " + LOAD_TIME_LIMIT.toSeconds()
                                + " s, when reading stopped: " + "no SMOFT model takes so long.",
                        Remedy.TRAIN,
                        modelPath,
                        refused);
            }
            throw new ModelLoadException(
                    ModelLoadException.Reason.FOREIGN_DATA,
                    file + " holds " + refused.getMessage() + ": no SMOFT model does; it was refused unread.",
                    Remedy.TRAIN,
                    modelPath,
                    refused);
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new ModelLoadException(
                    ModelLoadException.Reason.UNREADABLE,
                    file + " cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ").",
                    Remedy.TRAIN,
                    modelPath,
                    e);
        } catch (OutOfMemoryError | StackOverflowError e) {
            throw new ModelLoadException(
                    ModelLoadException.Reason.UNREADABLE,
                    file + " cannot be read: reading it needed more "
                            + (e instanceof OutOfMemoryError ? "memory" : "stack") + " than any model does.",
                    Remedy.TRAIN,
                    modelPath,
                    null);
        }
    }

    private static String sha256(byte[] bytes, int offset) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, offset, bytes.length - offset);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
