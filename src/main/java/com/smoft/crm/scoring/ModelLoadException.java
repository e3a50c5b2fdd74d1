package com.smoft.crm.scoring;

import java.nio.file.Path;

/**
 * A model file that cannot be served. The message names the file and what is wrong, for the operator's log and
 * start-up screen; {@link #reason()} says what is wrong without paths or class names, for API callers. What to do
 * about it is {@link #remedy()}: the caller says it in its own terms (the service its command line and settings, the
 * Spark job its options), since the engine knows neither.
 */
public class ModelLoadException extends RuntimeException {

    /** What the operator can do about a model that cannot be served. */
    public enum Remedy {
        /** Nothing a model changes: the file or the store cannot be read (permissions, a disk, a broken pointer). */
        NONE,
        /** The file holds no model this engine serves: train one. */
        TRAIN,
        /** The file was changed or only partly copied: copy it again, or train one. */
        COPY_AGAIN,
        /** The model store holds no model yet: train one into it. */
        TRAIN_INTO_STORE,
        /** The model store serves none of the candidates it holds: promote one. */
        PROMOTE
    }

    private final String reason;
    private final Remedy remedy;
    private final Path model;

    public ModelLoadException(String reason, String message) {
        this(reason, message, null);
    }

    public ModelLoadException(String reason, String message, Throwable cause) {
        this(reason, message, Remedy.NONE, null, cause);
    }

    /**
     * A refusal that a new model, a copy or a promotion can fix.
     *
     * @param model the model file or the store's folder it is about, or {@code null} when it is not on this machine
     * @param cause what went wrong underneath, or {@code null}
     */
    public ModelLoadException(String reason, String message, Remedy remedy, Path model, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.remedy = remedy;
        this.model = model;
    }

    /** What is wrong with the file, in words fit for a caller of the API. */
    public String reason() {
        return reason;
    }

    /** What the operator can do about it. */
    public Remedy remedy() {
        return remedy;
    }

    /** The model file, or the store's folder, the remedy applies to; {@code null} when unknown. */
    public Path model() {
        return model;
    }
}
