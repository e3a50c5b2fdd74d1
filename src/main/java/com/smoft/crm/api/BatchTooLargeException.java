package com.smoft.crm.api;

/** A batch over {@code crm.batch.max-size}, or over {@code crm.batch.max-explained} when it asks for reasons. */
class BatchTooLargeException extends RuntimeException {

    BatchTooLargeException(int size, int limit, String setting) {
        super("The batch holds " + size + " customers; the limit is " + limit
                + " (" + setting + "). Split it into smaller batches.");
    }

    /** Read stopped at the limit: the exact size is not known. */
    BatchTooLargeException(int limit, String setting) {
        super("The batch holds more than " + limit + " customers; the limit is " + limit
                + " (" + setting + "). Split it into smaller batches.");
    }
}
