package com.smoft.crm.api;

/** A batch over {@code crm.batch.max-size}. */
class BatchTooLargeException extends RuntimeException {

    BatchTooLargeException(int size, int limit, String setting) {
        super("The batch holds " + size + " customers; the limit is " + limit
                + " (" + setting + "). Split it into smaller batches.");
    }
}
