package com.smoft.crm.scoring;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A model file that cannot be served. The message names the file and what is wrong, for the operator's log and
 * start-up screen; {@link #reason()} says what is wrong without paths or class names, for API callers. What to do
 * about it is {@link #remedy()}: the caller says it in its own terms (the service its command line and settings, the
 * Spark job its options), since the engine knows neither.
 */
public class ModelLoadException extends RuntimeException {

    /**
     * What is wrong with a model file, in words fit for a caller of the API: English {@link #words()} for logs and
     * the command line, and a sentence in French and English in the {@code i18n/messages} bundles under
     * {@link #messageKey()}, for the web page and the API's lists.
     */
    public enum Reason {
        MISSING("the model file does not exist"),
        NOT_A_REGULAR_FILE("the model file is not a regular file"),
        TOO_LARGE("the file is larger than any SMOFT model"),
        UNREADABLE("the model file cannot be read"),
        TOO_SLOW_TO_READ("reading the model took longer than any model does"),
        FOREIGN_DATA("the file holds data a SMOFT model never contains; it was refused unread"),
        NOT_A_MODEL_FILE("the file is not a SMOFT model file"),
        UNKNOWN_FORMAT("the model file is of a format this service does not read"),
        DAMAGED("the model file is truncated or damaged"),
        INCOMPLETE_CARD("the model's card is incomplete"),
        UNREADABLE_CARD("the model's card cannot be read"),
        CARD_MISMATCH("the model does not match its card: the file was changed or only partly copied"),
        NOT_A_SCORING_MODEL("the file does not hold a SMOFT scoring model"),
        UNSERVABLE_FOREST("the file holds a forest this service cannot serve"),
        CANNOT_SCORE("the model cannot score"),
        PROBABILITIES_OUT_OF_RANGE("the model gives probabilities outside [0, 1]"),
        CARD_NAMES_ANOTHER_VERSION("its card names another version"),
        VERSION_NOT_A_REGULAR_FILE("its file is not a regular file"),
        NO_SERVING_VERSION("the model store has no serving version"),
        UNREADABLE_POINTER("the model store's pointer cannot be read"),
        UNLISTABLE_VERSIONS("the model store's versions cannot be listed");

        private final String words;

        Reason(String words) {
            this.words = words;
        }

        /** What is wrong, in English. */
        public String words() {
            return words;
        }

        /** The key of its sentence in the {@code i18n/messages} bundles, such as {@code model.problem.not-a-model-file}. */
        public String messageKey() {
            return "model.problem." + name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

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

    private final Reason reason;
    private final Remedy remedy;
    private final Path model;

    public ModelLoadException(Reason reason, String message) {
        this(reason, message, null);
    }

    public ModelLoadException(Reason reason, String message, Throwable cause) {
        this(reason, message, Remedy.NONE, null, cause);
    }

    /**
     * A refusal that a new model, a copy or a promotion can fix.
     *
     * @param model the model file or the store's folder it is about, or {@code null} when it is not on this machine
     * @param cause what went wrong underneath, or {@code null}
     */
    public ModelLoadException(Reason reason, String message, Remedy remedy, Path model, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.remedy = remedy;
        this.model = model;
    }

    /** What is wrong with the file, in words fit for a caller of the API. */
    public String reason() {
        return reason.words();
    }

    /** What is wrong with the file, as one of the known reasons. */
    public Reason code() {
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
