package com.smoft.crm.system;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;

/**
 * Thrown by a request's body stream when the body breaks a limit while it is being read: larger than
 * {@code crm.limits.max-request-size} (413), or slower than {@code crm.limits.body-timeout} or
 * {@code crm.limits.min-body-rate} (408). An {@link IOException}, as a stream's failures are, and an
 * {@link ErrorResponse}: its status, title and detail codes are answered like any other problem.
 */
public final class BodyLimitException extends IOException implements ErrorResponse {

    private final transient ProblemDetail body;
    private final String titleCode;
    private final String detailCode;
    private final transient Object[] arguments;

    private BodyLimitException(HttpStatus status, String title, String detail, String message, Object... arguments) {
        super(message);
        this.body = ProblemDetail.forStatusAndDetail(status, message);
        this.titleCode = "problemDetail.title." + title;
        this.detailCode = "problemDetail." + detail;
        this.arguments = arguments;
    }

    static BodyLimitException tooLarge(long maxBytes) {
        BodyLimitException tooLarge = new BodyLimitException(
                HttpStatus.CONTENT_TOO_LARGE,
                "body-too-large",
                "body-too-large",
                "The request body is larger than the limit of " + maxBytes + " bytes.",
                Long.toString(maxBytes));
        tooLarge.body.setProperty("code", "body_too_large");
        tooLarge.body.setProperty("params", Map.of("max_bytes", maxBytes));
        return tooLarge;
    }

    static BodyLimitException tooSlow(Duration timeout) {
        return new BodyLimitException(
                HttpStatus.REQUEST_TIMEOUT,
                "body-too-slow",
                "body-too-slow.timeout",
                "The request body did not arrive within " + timeout.toSeconds() + " s.",
                Long.toString(timeout.toSeconds()));
    }

    static BodyLimitException belowMinimumRate(long minBytesPerSecond, Duration grace) {
        return new BodyLimitException(
                HttpStatus.REQUEST_TIMEOUT,
                "body-too-slow",
                "body-too-slow.rate",
                "The request body arrived slower than " + minBytesPerSecond + " bytes per second.",
                Long.toString(minBytesPerSecond),
                Long.toString(grace.toSeconds()));
    }

    /** A body that stopped arriving: nothing for longer than the connection's read timeout. */
    public static BodyLimitException stalled() {
        return new BodyLimitException(
                HttpStatus.REQUEST_TIMEOUT,
                "body-too-slow",
                "body-too-slow.stalled",
                "The request body stopped arriving.");
    }

    @Override
    public HttpStatus getStatusCode() {
        return HttpStatus.valueOf(body.getStatus());
    }

    @Override
    public ProblemDetail getBody() {
        return body;
    }

    @Override
    public String getTitleMessageCode() {
        return titleCode;
    }

    @Override
    public String getDetailMessageCode() {
        return detailCode;
    }

    @Override
    public Object[] getDetailMessageArguments() {
        return arguments;
    }
}
