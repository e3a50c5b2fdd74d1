package com.smoft.crm.scoring;

/** A model file that cannot be served, with a message naming the file and the fix. */
public class ModelLoadException extends RuntimeException {

    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
