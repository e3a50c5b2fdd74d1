package com.smoft.crm.scoring;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the model in service, from a model store (its serving version) or from a single file. A reader takes one
 * snapshot per request or batch, so a swap never mixes two models in one answer; a model is verified before it
 * is swapped in, and one that fails leaves the serving model untouched.
 */
public final class ModelRegistry {

    private final AtomicReference<LoadedModel> current;
    private final ModelStore store;
    private final Path file;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /** What swapped a model in. */
    public enum Cause {
        /** A reload of what should serve (POST /api/admin/model/reload). */
        reload,
        /** A promotion of a version through this service (POST /api/admin/models/{version}/promote). */
        api,
        /** A rollback through this service (POST /api/admin/models/rollback). */
        rollback,
        /** The store's pointer, changed by the train or models command or by another instance. */
        store
    }

    /** Told of every swap, after it, on the thread that made it. */
    @FunctionalInterface
    public interface Listener {
        /**
         * A model serves instead of another.
         *
         * @param previous the model that served
         * @param fresh    the model now serving
         * @param cause    what swapped it in
         */
        void swapped(LoadedModel previous, LoadedModel fresh, Cause cause);
    }

    /** Serves one model, reloaded from its own file. */
    public ModelRegistry(LoadedModel initial) {
        this(initial, null, initial.path());
    }

    private ModelRegistry(LoadedModel initial, ModelStore store, Path file) {
        this.current = new AtomicReference<>(initial);
        this.store = store;
        this.file = file;
    }

    /**
     * Serves the store's serving version.
     *
     * @throws ModelLoadException when the store has none, or it fails its checks
     */
    public static ModelRegistry ofStore(ModelStore store) {
        String serving = store.serving().orElseThrow(() -> noServingVersion(store));
        return new ModelRegistry(store.load(serving), store, null);
    }

    /** A store that serves nothing: it holds no model yet, or candidates none of which was promoted. */
    private static ModelLoadException noServingVersion(ModelStore store) {
        var reason = ModelLoadException.Reason.NO_SERVING_VERSION;
        var candidates = store.versions().stream()
                .filter(version -> version.card() != null)
                .toList();
        if (candidates.isEmpty()) {
            return new ModelLoadException(
                    reason,
                    "The model store " + store.folder().toAbsolutePath() + " holds no model yet.",
                    ModelLoadException.Remedy.TRAIN_INTO_STORE,
                    store.folder(),
                    null);
        }
        return new ModelLoadException(
                reason,
                "The model store " + store.folder().toAbsolutePath() + " serves no version yet: it holds "
                        + candidates.size() + (candidates.size() == 1 ? " candidate" : " candidates")
                        + ", not promoted by the training's rule"
                        + (candidates.getFirst().decision() == null
                                ? ""
                                : " (" + candidates.getFirst().decision().reason() + ")")
                        + ".",
                ModelLoadException.Remedy.PROMOTE,
                store.folder(),
                null);
    }

    /** Serves a single model file. */
    public static ModelRegistry ofFile(Path file) {
        return new ModelRegistry(ModelFiles.load(file), null, file);
    }

    /** Adds a listener told of every swap from now on. */
    public void listen(Listener listener) {
        listeners.add(listener);
    }

    /** The model serving now. */
    public LoadedModel current() {
        return current.get();
    }

    /** The store served from, if the service serves a store rather than a single file. */
    public Optional<ModelStore> store() {
        return Optional.ofNullable(store);
    }

    /**
     * Loads again what should serve (the store's serving version, or the file) and swaps it in once it has passed
     * every check of {@link ModelFiles#load}.
     *
     * @return the model now serving
     * @throws ModelLoadException why the model was refused; the serving model stays
     */
    public synchronized LoadedModel reload() {
        LoadedModel fresh =
                store == null ? ModelFiles.load(file) : ofStore(store).current();
        swap(fresh, Cause.reload);
        return fresh;
    }

    /**
     * Serves a version of the store from now on, for this service and for the store's pointer.
     *
     * @throws ModelStore.UnknownVersionException when the store has no such version
     * @throws ModelLoadException                 when it fails its checks; nothing changes
     * @throws IllegalStateException              when the service serves a single file
     */
    public synchronized LoadedModel promote(String version) throws IOException {
        LoadedModel promoted = requireStore().promote(version);
        swap(promoted, Cause.api);
        return promoted;
    }

    /**
     * Serves again the version served before the current one.
     *
     * @throws IllegalStateException when there is none, or the service serves a single file
     */
    public synchronized LoadedModel rollback() throws IOException {
        LoadedModel restored = requireStore().rollback();
        swap(restored, Cause.rollback);
        return restored;
    }

    /**
     * Swaps in the store's serving version if the store's pointer names another than the one serving here.
     *
     * @return the model swapped in, or empty when nothing changed
     * @throws ModelLoadException when the version the pointer names fails its checks; the serving model stays
     */
    public synchronized Optional<LoadedModel> followStore() {
        if (store == null) {
            return Optional.empty();
        }
        Optional<String> serving = store.serving();
        if (serving.isEmpty() || serving.get().equals(current().version())) {
            return Optional.empty();
        }
        LoadedModel fresh = store.load(serving.get());
        swap(fresh, Cause.store);
        return Optional.of(fresh);
    }

    /** Serves {@code fresh}, then tells the listeners when it is another version than the one serving. */
    private void swap(LoadedModel fresh, Cause cause) {
        LoadedModel previous = current.getAndSet(fresh);
        if (!previous.version().equals(fresh.version())) {
            for (Listener listener : listeners) {
                listener.swapped(previous, fresh, cause);
            }
        }
    }

    private ModelStore requireStore() {
        if (store == null) {
            throw new IllegalStateException("a single model file is served, not a model store");
        }
        return store;
    }
}
