package com.smoft.crm.scoring;

/**
 * A model file that cannot be served. The message names the file and the fix, for the operator's log and
 * start-up screen; {@link #reason()} says what is wrong without paths or class names, for API callers.
 */
public class ModelLoadException extends RuntimeException {

    private final String reason;

    public ModelLoadException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ModelLoadException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** What is wrong with the file, in words fit for a caller of the API. */
    public String reason() {
        return reason;
    }
}
