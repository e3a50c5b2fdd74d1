package com.smoft.crm.training;

import com.smoft.crm.scoring.ModelLoadException;
import com.smoft.crm.scoring.ModelStore;
import java.nio.file.Path;

/**
 * What to do about a model that cannot be served, in the service's own terms: its {@code train} and {@code models}
 * commands. The engine says what is wrong ({@link ModelLoadException#remedy()}); the service's start-up, its store
 * watcher and its commands add this.
 */
public final class ModelHints {

    /** How the service's commands are run. */
    static final String JAR = "java -jar target/smoft-crm-intelligent.jar";

    private ModelHints() {}

    /** The hint for a refused model, or an empty text when no command fixes it. */
    public static String of(ModelLoadException e) {
        Path model = e.model();
        if (model == null) {
            return "";
        }
        return switch (e.remedy()) {
            case NONE -> "";
            case TRAIN -> "Train one with: " + JAR + " train --output " + model;
            case COPY_AGAIN -> "Copy it again, or train one with: " + JAR + " train --output " + model;
            case TRAIN_INTO_STORE ->
                "Train one on your history with: " + JAR + " train --data history.csv --store " + model;
            case PROMOTE ->
                "See them with: " + JAR + " models list --store " + model + "; serve one with: " + JAR
                        + " models promote " + newestCandidate(model) + " --store " + model;
        };
    }

    /** The message of a refused model followed by its hint. */
    public static String withHint(ModelLoadException e) {
        String hint = of(e);
        return hint.isEmpty() ? e.getMessage() : e.getMessage() + " " + hint;
    }

    /** The first characters of the newest version the store can serve, or {@code VERSION} when none can be read. */
    private static String newestCandidate(Path store) {
        try {
            return new ModelStore(store)
                    .versions().stream()
                            .filter(version -> version.card() != null)
                            .findFirst()
                            .map(version -> version.version().substring(0, 8))
                            .orElse("VERSION");
        } catch (ModelLoadException unreadable) {
            return "VERSION";
        }
    }
}
