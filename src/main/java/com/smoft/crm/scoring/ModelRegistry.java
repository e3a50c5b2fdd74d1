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
}
