package com.smoft.crm.scoring;

import java.nio.file.Path;

/** The model the repository ships: the serving version of the store under {@code model/}. */
public final class ShippedModel {

    /** Its file. */
    public static final Path PATH = shippedFile();

    private ShippedModel() {
    }

    private static Path shippedFile() {
        ModelStore store = new ModelStore(ModelStore.DEFAULT_FOLDER);
        return store.file(store.serving().orElseThrow(() -> new IllegalStateException("the shipped store has no serving version")));
    }
}
