package com.smoft.crm.system;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** The service is at a capacity limit and refuses more work for now; answered 503 with {@code Retry-After}. */
public final class ServiceBusyException extends ProblemException {

    /** Seconds a client should wait before it tries again. */
    public static final int RETRY_AFTER_SECONDS = 5;

    /**
     * @param detail   the detail's message code, after {@code problemDetail.busy.}
     * @param capacity how many the service already handles
     */
    ServiceBusyException(String detail, int capacity) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "busy", "busy." + detail, capacity);
        getHeaders().set(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
    }
}
