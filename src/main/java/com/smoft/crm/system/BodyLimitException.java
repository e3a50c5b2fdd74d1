package com.smoft.crm.system;

import java.io.IOException;
import java.time.Duration;

/**
 * Thrown by a request's body stream when the body breaks a limit while it is being read: larger than
 * {@code crm.limits.max-request-size} (413), or slower than {@code crm.limits.body-timeout} or
 * {@code crm.limits.min-body-rate} (408).
 * The error handler answers it with its status and message.
 */
public final class BodyLimitException extends IOException {

    private final int status;
    private final String title;

    private BodyLimitException(int status, String title, String message) {
        super(message);
        this.status = status;
        this.title = title;
    }

    static BodyLimitException tooLarge(long maxBytes) {
        return new BodyLimitException(413, "Request too large",
                "The request body is larger than the limit of " + maxBytes + " bytes (crm.limits.max-request-size).");
    }

    static BodyLimitException tooSlow(Duration timeout) {
        return new BodyLimitException(408, "Request body too slow",
                "The request body did not arrive within " + timeout.toSeconds() + " s (crm.limits.body-timeout).");
    }

    static BodyLimitException belowMinimumRate(long minBytesPerSecond, Duration grace) {
        return new BodyLimitException(408, "Request body too slow",
                "The request body arrived slower than " + minBytesPerSecond + " bytes per second after its first "
                        + grace.toSeconds() + " s (crm.limits.min-body-rate).");
    }

    /** A body that stopped arriving: nothing for longer than the connection's read timeout. */
    public static BodyLimitException stalled() {
        return new BodyLimitException(408, "Request body too slow",
                "The request body stopped arriving: nothing came for longer than server.tomcat.connection-timeout.");
    }

    /** The HTTP status to answer with. */
    public int status() {
        return status;
    }

    /** The problem's title. */
    public String title() {
        return title;
    }
}
