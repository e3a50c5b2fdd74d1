package com.smoft.crm.scoring;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the model in service. A reader takes one snapshot per request or batch, so a swap
 * never mixes two models in one answer.
 */
public final class ModelRegistry {

    private final AtomicReference<LoadedModel> current;

    public ModelRegistry(LoadedModel initial) {
        current = new AtomicReference<>(initial);
    }

    /** The model serving now. */
    public LoadedModel current() {
        return current.get();
    }

    /** Puts a verified model in service; requests already running finish on the old one. */
    public void replace(LoadedModel model) {
        current.set(model);
    }

    /**
     * Loads the model file again and, once it has passed every check of {@link ModelFiles#load}, swaps it in.
     * A file that fails leaves the serving model untouched.
     *
     * @return the model now serving
     * @throws ModelLoadException why the file was refused
     */
    public synchronized LoadedModel reload(java.nio.file.Path modelPath) {
        LoadedModel fresh = ModelFiles.load(modelPath);
        current.set(fresh);
        return fresh;
    }
}
