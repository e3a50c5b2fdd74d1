package com.smoft.crm.scoring;

import java.nio.file.Path;

/**
 * The model the repository ships, named by its version: tests compare with this model whatever a user's own
 * training has since made the store under {@code model/} serve.
 */
public final class ShippedModel {

    /** Its version, the sha256 of its file: what {@code model/store.json} serves as committed. */
    public static final String VERSION = "62eec8799eaa19aa98259a402a8b5b63bd33a8649a1f3e303c92660ed632cb5d";

    /** Its file. */
    public static final Path PATH = new ModelStore(ModelStore.DEFAULT_FOLDER).file(VERSION);

    private ShippedModel() {}
}
