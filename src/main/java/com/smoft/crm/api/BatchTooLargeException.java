package com.smoft.crm.api;

/** A batch over {@code crm.batch.max-size}. */
class BatchTooLargeException extends RuntimeException {

    BatchTooLargeException(int size, int limit) {
        super("The batch holds " + size + " customers; the limit is " + limit
                + " (crm.batch.max-size). Split it into smaller batches.");
    }
}
