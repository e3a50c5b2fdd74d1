package com.smoft.crm.scoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
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
 */
public final class ModelStore {

    /** The store the service and the commands use unless told otherwise. */
    public static final Path DEFAULT_FOLDER = Path.of("model");

    private static final String STATE_FILE = "store.json";
    private static final String LOCK_FILE = ".store.lock";
    private static final String VERSIONS = "versions";
    private static final int SHORTEST_PREFIX = 8;

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
        retired
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
    public record Figures(String version, double auc, double calibrationError, double accuracy, double brierScore) {
    }

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
    public record Decision(String decidedAt, String rule, boolean promoted, String reason, int holdoutCustomers,
                           Figures candidate, Figures serving) {
    }

    /**
     * A version of the store.
     *
     * @param card     its card
     * @param status   where it stands
     * @param decision the decision taken when it was trained, or {@code null}
     */
    public record Version(ModelCard card, Status status, Decision decision) {
    }

    /**
     * The pointer file's content.
     *
     * @param serving      the version in service
     * @param servedBefore the versions served before it, the most recent last: where a rollback goes
     * @param everServed   every version that has served
     * @param decisions    promotion decisions by version
     */
    record State(String serving, List<String> servedBefore, List<String> everServed, Map<String, Decision> decisions) {

        static final State EMPTY = new State(null, List.of(), List.of(), Map.of());

        State {
            servedBefore = servedBefore == null ? List.of() : List.copyOf(servedBefore);
            everServed = everServed == null ? List.of() : List.copyOf(everServed);
            decisions = decisions == null ? Map.of() : Map.copyOf(decisions);
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

    /** Whether the folder holds a store (its pointer file). */
    public boolean exists() {
        return Files.isRegularFile(folder.resolve(STATE_FILE));
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

    /** The model file of a version. */
    public Path file(String version) {
        return folder.resolve(VERSIONS).resolve(version + ".bin");
    }

    /** Every version, newest first. */
    public List<Version> versions() {
        State state = state();
        List<Version> versions = new ArrayList<>();
        for (String version : storedVersions()) {
            ModelCard card = ModelFiles.readCard(file(version));
            Status status = version.equals(state.serving()) ? Status.serving
                    : state.everServed().contains(version) ? Status.retired : Status.candidate;
            versions.add(new Version(card, status, state.decisions().get(version)));
        }
        versions.sort(Comparator.comparing((Version v) -> v.card().trainedAt()).reversed());
        return versions;
    }

    /**
     * The full version named by {@code versionOrPrefix}: a version of the store, or the start of exactly one
     * (at least {@value #SHORTEST_PREFIX} characters).
     *
     * @throws UnknownVersionException when none or several match
     */
    public String resolve(String versionOrPrefix) {
        if (!versionOrPrefix.matches("[0-9a-f]{" + SHORTEST_PREFIX + ",64}")) {
            throw new UnknownVersionException(versionOrPrefix, "a version is 8 to 64 lowercase hexadecimal characters");
        }
        List<String> matches = storedVersions().stream().filter(version -> version.startsWith(versionOrPrefix)).toList();
        if (matches.size() != 1) {
            throw new UnknownVersionException(versionOrPrefix, matches.isEmpty() ? "no version of the store starts so"
                    : matches.size() + " versions start so: give more characters");
        }
        return matches.getFirst();
    }

    /** Loads and verifies a version. */
    public LoadedModel load(String version) {
        return ModelFiles.load(file(resolve(version)));
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
        return ModelFiles.write(modelBytes, card, file, () -> { });
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
        LoadedModel model = ModelFiles.load(file(version));
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
        String target = previous().orElseThrow(() -> new IllegalStateException(
                "no version served before the current one is left in the store"));
        LoadedModel model = ModelFiles.load(file(target));
        change(state -> {
            List<String> before = new ArrayList<>(existing(state.servedBefore()));
            before.removeLast();
            return new State(target, before, state.everServed(), state.decisions());
        });
        return model;
    }

    /**
     * Keeps the newest {@code keep} versions and the serving one, deleting the others.
     *
     * @return the versions deleted
     */
    public List<String> prune(int keep) throws IOException {
        List<String> deleted = new ArrayList<>();
        String serving = serving().orElse(null);
        List<Version> versions = versions();
        for (int i = keep; i < versions.size(); i++) {
            String version = versions.get(i).card().version();
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
                return new State(state.serving(), state.servedBefore().stream().filter(v -> !deleted.contains(v)).toList(),
                        state.everServed().stream().filter(v -> !deleted.contains(v)).toList(), decisions);
            });
        }
        return deleted;
    }

    private List<String> existing(List<String> versions) {
        return versions.stream().filter(version -> Files.isRegularFile(file(version))).toList();
    }

    private List<String> storedVersions() {
        Path versions = folder.resolve(VERSIONS);
        if (!Files.isDirectory(versions)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(versions)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.matches("[0-9a-f]{64}\\.bin"))
                    .map(name -> name.substring(0, 64))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    State state() {
        Path file = folder.resolve(STATE_FILE);
        if (!Files.isRegularFile(file)) {
            return State.EMPTY;
        }
        try {
            return STATE_MAPPER.readValue(file.toFile(), State.class);
        } catch (JacksonException e) {
            throw new ModelLoadException("the model store's pointer cannot be read",
                    "The model store's pointer " + file.toAbsolutePath() + " cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads, changes and writes the pointer file atomically, under a lock shared with other processes. */
    private void change(UnaryOperator<State> update) throws IOException {
        Files.createDirectories(folder);
        try (FileChannel lockChannel = FileChannel.open(folder.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
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
