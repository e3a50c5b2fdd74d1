package com.smoft.crm.system;

/** The service is at a capacity limit and refuses more work for now; answered 503 with {@code Retry-After}. */
public final class ServiceBusyException extends RuntimeException {

    /** Seconds a client should wait before it tries again. */
    public static final int RETRY_AFTER_SECONDS = 5;

    ServiceBusyException(String message) {
        super(message);
    }
}
