package com.smoft.crm.scoring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A folder of model versions: every training adds one, none is overwritten, and a pointer says which one serves.
 *
 * <pre>
 * model/
 *   store.json              which version serves, those served before it, and each promotion decision
 *   versions/VERSION.bin    a model file (card inside), VERSION being the sha256 of the model
 *   versions/VERSION.json   a readable copy of its card
 * </pre>
 *
 * <p>Every change of {@code store.json} is written atomically under a file lock, so the {@code train} command and
 * a running server can both change the store. Loading a version verifies it as {@link ModelFiles#load} does.
 *
 * <p>Nothing in the folder is trusted to be what the store wrote. A version is a 64-character sha256 wherever it is
 * read, in {@code store.json} as in a request, and a name that is not one is ignored: no name leads out of the
 * folder. {@code store.json} is read within a size limit. A version's file is opened only if it is a regular file (a
 * link, a folder or a device in {@code versions/} is not opened); one that cannot be read is listed as
 * {@link Status#unreadable}, with why, and the other versions are listed as usual.
 *
 * <p>A store on another file system (HDFS, S3) is read through a {@link Folder}: {@link #servingFile(Folder, String)}
 * finds its serving version's file, so that no other code knows the layout above.
 */
public final class ModelStore {

    /** The store the service and the commands use unless told otherwise. */
    public static final Path DEFAULT_FOLDER = Path.of("model");

    private static final String STATE_FILE = "store.json";
    private static final String LOCK_FILE = ".store.lock";
    private static final String VERSIONS = "versions";
    private static final int SHORTEST_PREFIX = 8;

    /** A version's name: the sha256 of its model, in lowercase hexadecimal. Nothing else names a file of the store. */
    private static final Pattern VERSION_NAME = Pattern.compile("[0-9a-f]{64}");

    /** What names a version in a request or a command: the version, or its first {@value #SHORTEST_PREFIX} characters or more. */
    private static final Pattern VERSION_PREFIX = Pattern.compile("[0-9a-f]{" + SHORTEST_PREFIX + ",64}");

    /** Far above the pointer of any store (a decision takes about 700 bytes); refuses to read a stray huge file. */
    static final int MAX_STATE_BYTES = 4 * 1024 * 1024;

    private static final ObjectMapper STATE_MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private final Path folder;

    public ModelStore(Path folder) {
        this.folder = folder;
    }

    /** Where a version stands. */
    public enum Status {
        /** The version in service. */
        serving,
        /** Trained, never served. */
        candidate,
        /** Served once, replaced since. */
        retired,
        /** Its file cannot be read as this version: damaged, foreign, or not a regular file. It cannot serve. */
        unreadable
    }

    /**
     * One model's figures in a promotion decision, on the candidate's holdout customers.
     *
     * @param version          the model
     * @param auc              area under the ROC curve
     * @param calibrationError expected calibration error over 10 bins
     * @param accuracy         share on the right side of probability 0.5
     * @param brierScore       mean squared error of the probability
     */
    public record Figures(String version, double auc, double calibrationError, double accuracy, double brierScore) {}

    /**
     * Why a candidate was promoted or not, with every number the decision rests on.
     *
     * @param decidedAt        when
     * @param rule             {@code auto}, {@code always} or {@code never}
     * @param promoted         whether the candidate now serves
     * @param reason           the decision in words
     * @param holdoutCustomers the customers both models were scored on
     * @param candidate        the candidate's figures
     * @param serving          the figures of the model serving at the time, or {@code null} when none did
     */
    public record Decision(
            String decidedAt,
            String rule,
            boolean promoted,
            String reason,
            int holdoutCustomers,
            Figures candidate,
            Figures serving) {}

    /**
     * A version of the store.
     *
     * @param version  the version: the sha256 of its model
     * @param card     its card; {@code null} when its file cannot be read
     * @param status   where it stands
     * @param decision the decision taken when it was trained, or {@code null}
     * @param problem  why its file cannot be read; {@code null} when it can
     */
    public record Version(
            String version, ModelCard card, Status status, Decision decision, ModelLoadException.Reason problem) {}

    /**
     * The pointer file's content. It holds version names only: any other name read from the file is dropped.
     *
     * @param serving      the version in service
     * @param servedBefore the versions served before it, the most recent last: where a rollback goes
     * @param everServed   every version that has served
     * @param decisions    promotion decisions by version
     */
    record State(String serving, List<String> servedBefore, List<String> everServed, Map<String, Decision> decisions) {

        static final State EMPTY = new State(null, List.of(), List.of(), Map.of());

        State {
            serving = isVersionName(serving) ? serving : null;
            servedBefore = versionNames(servedBefore);
            everServed = versionNames(everServed);
            decisions = decisions == null
                    ? Map.of()
                    : decisions.entrySet().stream()
                            .filter(decision -> isVersionName(decision.getKey()) && decision.getValue() != null)
                            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
        }

        private static List<String> versionNames(List<String> names) {
            return names == null
                    ? List.of()
                    : names.stream().filter(ModelStore::isVersionName).toList();
        }

        /** Serves {@code version}, the one serving now becoming where a rollback goes. */
        State serve(String version) {
            List<String> before = new ArrayList<>(servedBefore);
            if (serving != null && !serving.equals(version)) {
                before.add(serving);
            }
            List<String> served = new ArrayList<>(everServed);
            if (!served.contains(version)) {
                served.add(version);
            }
            return new State(version, before, served, decisions);
        }
    }

    /** The store's folder. */
    public Path folder() {
        return folder;
    }

    /**
     * A store's folder on a file system this class does not open itself (HDFS, S3...): its files are named by their
     * path inside the folder, names separated by {@code /}.
     */
    public interface Folder {

        /** Whether the folder holds the file {@code path}. */
        boolean exists(String path) throws IOException;

        /** The first {@code maxBytes} bytes of the file {@code path}, or all of it when it is shorter. */
        byte[] read(String path, int maxBytes) throws IOException;
    }

    /** Whether {@code folder} holds a model store (its pointer file). */
    public static boolean isStore(Folder folder) throws IOException {
        return folder.exists(STATE_FILE);
    }

    /**
     * The model file of the version a store serves, as a path inside its folder.
     *
     * @param folder the store's folder
     * @param name   the folder's name in messages
     * @throws ModelLoadException when the store's pointer cannot be read, or names no serving version
     */
    public static String servingFile(Folder folder, String name) throws IOException {
        String pointer = name + "/" + STATE_FILE;
        State state = stateOf(folder.read(STATE_FILE, MAX_STATE_BYTES + 1), pointer);
        if (state.serving() == null) {
            throw new ModelLoadException(
                    ModelLoadException.Reason.NO_SERVING_VERSION,
                    "The model store " + name + " serves no version: its pointer " + pointer + " names none.",
                    ModelLoadException.Remedy.PROMOTE,
                    null,
                    null);
        }
        return fileInStore(state.serving());
    }

    /** The model file of a version, inside the store's folder. */
    private static String fileInStore(String version) {
        return VERSIONS + "/" + version + ".bin";
    }

    /** The version in service, if any. */
    public Optional<String> serving() {
        return Optional.ofNullable(state().serving());
    }

    /** The version a rollback would return to, if any. */
    public Optional<String> previous() {
        List<String> before = existing(state().servedBefore());
        return before.isEmpty() ? Optional.empty() : Optional.of(before.getLast());
    }

    /**
     * The model file of a version.
     *
     * @throws UnknownVersionException when {@code version} is not a version's name
     */
    public Path file(String version) {
        if (!isVersionName(version)) {
            throw new UnknownVersionException(version, "a version is 64 lowercase hexadecimal characters");
        }
        return folder.resolve(fileInStore(version));
    }

    /**
     * Every version, newest first; then those whose file cannot be read, each with why.
     *
     * @throws ModelLoadException when the store's pointer or its folder of versions cannot be read
     */
    public List<Version> versions() {
        State state = state();
        List<Version> readable = new ArrayList<>();
        List<Version> unreadable = new ArrayList<>();
        for (String version : storedVersions()) {
            Decision decision = state.decisions().get(version);
            try {
                ModelCard card = readCard(version);
                Status status = version.equals(state.serving())
                        ? Status.serving
                        : state.everServed().contains(version) ? Status.retired : Status.candidate;
                readable.add(new Version(version, card, status, decision, null));
            } catch (ModelLoadException e) {
                unreadable.add(new Version(version, null, Status.unreadable, decision, e.code()));
            }
        }
        readable.sort(Comparator.comparing((Version v) -> v.card().trainedAt()).reversed());
        readable.addAll(unreadable);
        return readable;
    }

    /** The card of a version, which must name it. */
    private ModelCard readCard(String version) {
        Path file = regularFile(version);
        ModelCard card = ModelFiles.readCard(file);
        if (!card.version().equals(version)) {
            throw new ModelLoadException(
                    ModelLoadException.Reason.CARD_NAMES_ANOTHER_VERSION,
                    "Model file " + file.toAbsolutePath() + " has the card of version " + card.version()
                            + ": it was copied under another version's name.");
        }
        return card;
    }

    /** The file of a version, if it is a regular file: a link, a folder or a device is not opened. */
    private Path regularFile(String version) {
        Path file = file(version);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new ModelLoadException(
                    ModelLoadException.Reason.VERSION_NOT_A_REGULAR_FILE,
                    "Model file " + file.toAbsolutePath()
                            + " is not a regular file (a link, a folder or a device): a model store holds only the files it writes.");
        }
        return file;
    }

    /**
     * The full version named by {@code versionOrPrefix}: a version of the store, or the start of exactly one
     * (at least {@value #SHORTEST_PREFIX} characters).
     *
     * @throws UnknownVersionException when none or several match
     */
    public String resolve(String versionOrPrefix) {
        if (!VERSION_PREFIX.matcher(versionOrPrefix).matches()) {
            throw new UnknownVersionException(versionOrPrefix, "a version is 8 to 64 lowercase hexadecimal characters");
        }
        List<String> matches = storedVersions().stream()
                .filter(version -> version.startsWith(versionOrPrefix))
                .toList();
        if (matches.size() != 1) {
            throw new UnknownVersionException(
                    versionOrPrefix,
                    matches.isEmpty()
                            ? "no version of the store starts so"
                            : matches.size() + " versions start so: give more characters");
        }
        return matches.getFirst();
    }

    /** Loads and verifies a version. */
    public LoadedModel load(String version) {
        return ModelFiles.load(regularFile(resolve(version)));
    }

    /**
     * Adds a trained model as a new version; the same model trained again (same data, same options) is the same
     * version, and is not written twice.
     *
     * @return the card of the version, its version filled in
     */
    public ModelCard add(TrainedModel model, ModelCard card) throws IOException {
        byte[] modelBytes = ModelFiles.serialise(model);
        String version = ModelFiles.versionOf(modelBytes);
        Path file = file(version);
        if (Files.isRegularFile(file)) {
            return ModelFiles.readCard(file);
        }
        return ModelFiles.write(modelBytes, card, file, () -> {});
    }

    /** Records the promotion decision taken for a version. */
    public void recordDecision(String version, Decision decision) throws IOException {
        change(state -> {
            Map<String, Decision> decisions = new LinkedHashMap<>(state.decisions());
            decisions.put(version, decision);
            return new State(state.serving(), state.servedBefore(), state.everServed(), decisions);
        });
    }

    /**
     * Serves a version from now on: it is loaded and verified first, then the pointer changes in one atomic write.
     *
     * @return the verified model
     */
    public LoadedModel promote(String versionOrPrefix) throws IOException {
        String version = resolve(versionOrPrefix);
        LoadedModel model = ModelFiles.load(regularFile(version));
        change(state -> state.serve(version));
        return model;
    }

    /**
     * Returns to the version served before the current one.
     *
     * @return the verified model now serving
     * @throws IllegalStateException when no earlier version is left in the store
     */
    public LoadedModel rollback() throws IOException {
        String target = previous()
                .orElseThrow(() ->
                        new IllegalStateException("no version served before the current one is left in the store"));
        LoadedModel model = ModelFiles.load(regularFile(target));
        change(state -> {
            List<String> before = new ArrayList<>(existing(state.servedBefore()));
            before.removeLast();
            return new State(target, before, state.everServed(), state.decisions());
        });
        return model;
    }

    /**
     * Keeps the newest {@code keep} versions and the serving one, deleting the others. A file that cannot be read
     * is not the store's to delete: it is left for the operator, who sees it listed as unreadable.
     *
     * @return the versions deleted
     */
    public List<String> prune(int keep) throws IOException {
        List<String> deleted = new ArrayList<>();
        String serving = serving().orElse(null);
        List<Version> versions = versions().stream()
                .filter(version -> version.status() != Status.unreadable)
                .toList();
        for (int i = keep; i < versions.size(); i++) {
            String version = versions.get(i).version();
            if (!version.equals(serving)) {
                Files.deleteIfExists(file(version));
                Files.deleteIfExists(ModelFiles.cardPath(file(version)));
                deleted.add(version);
            }
        }
        if (!deleted.isEmpty()) {
            change(state -> {
                Map<String, Decision> decisions = new LinkedHashMap<>(state.decisions());
                deleted.forEach(decisions::remove);
                return new State(
                        state.serving(),
                        state.servedBefore().stream()
                                .filter(v -> !deleted.contains(v))
                                .toList(),
                        state.everServed().stream()
                                .filter(v -> !deleted.contains(v))
                                .toList(),
                        decisions);
            });
        }
        return deleted;
    }

    private static boolean isVersionName(String name) {
        return name != null && VERSION_NAME.matcher(name).matches();
    }

    private List<String> existing(List<String> versions) {
        return versions.stream()
                .filter(version -> Files.isRegularFile(file(version), LinkOption.NOFOLLOW_LINKS))
                .toList();
    }

    /** The versions the folder {@code versions/} names, whatever their files are. */
    private List<String> storedVersions() {
        Path versions = folder.resolve(VERSIONS);
        if (!Files.isDirectory(versions)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(versions)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".bin"))
                    .map(name -> name.substring(0, name.length() - ".bin".length()))
                    .filter(ModelStore::isVersionName)
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new ModelLoadException(
                    ModelLoadException.Reason.UNLISTABLE_VERSIONS,
                    "The model store's folder " + versions.toAbsolutePath() + " cannot be listed: " + e.getMessage(),
                    e);
        }
    }

    /** The pointer: read only from a regular file, within {@link #MAX_STATE_BYTES}; empty when there is none. */
    State state() {
        Path file = folder.resolve(STATE_FILE);
        if (Files.notExists(file, LinkOption.NOFOLLOW_LINKS)) {
            return State.EMPTY;
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw unreadablePointer(file, "it is not a regular file (a link, a folder or a device)", null);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes(MAX_STATE_BYTES + 1);
        } catch (IOException e) {
            throw unreadablePointer(file, e.getMessage(), e);
        }
        return stateOf(bytes, file.toAbsolutePath().toString());
    }

    /** The pointer held in {@code bytes}, read from {@code file}. */
    private static State stateOf(byte[] bytes, String file) {
        if (bytes.length > MAX_STATE_BYTES) {
            throw unreadablePointer(
                    file, "it is larger than any store's pointer (at most " + MAX_STATE_BYTES + " bytes)", null);
        }
        try {
            State state = STATE_MAPPER.readValue(bytes, State.class);
            if (state == null) {
                throw unreadablePointer(file, "it holds no pointer", null);
            }
            return state;
        } catch (JacksonException e) {
            throw unreadablePointer(file, e.getOriginalMessage(), e);
        }
    }

    private static ModelLoadException unreadablePointer(Path file, String why, Exception cause) {
        return unreadablePointer(file.toAbsolutePath().toString(), why, cause);
    }

    private static ModelLoadException unreadablePointer(String file, String why, Exception cause) {
        return new ModelLoadException(
                ModelLoadException.Reason.UNREADABLE_POINTER,
                "The model store's pointer " + file + " cannot be read: " + why,
                cause);
    }

    /** Reads, changes and writes the pointer file atomically, under a lock shared with other processes. */
    private void change(UnaryOperator<State> update) throws IOException {
        Files.createDirectories(folder);
        try (FileChannel lockChannel = FileChannel.open(
                        folder.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = lockChannel.lock()) {
            State changed = update.apply(state());
            ModelFiles.writeAtomically(folder.resolve(STATE_FILE), STATE_MAPPER.writeValueAsBytes(changed));
        }
    }

    /** A version the store does not hold, or a prefix that names none or several. */
    public static final class UnknownVersionException extends RuntimeException {
        private final String reason;

        UnknownVersionException(String version, String reason) {
            super("unknown model version " + version + ": " + reason);
            this.reason = reason;
        }

        /** Why, without the version. */
        public String reason() {
            return reason;
        }
    }
}
