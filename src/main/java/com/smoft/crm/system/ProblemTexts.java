package com.smoft.crm.system;

/** What an error status means for a caller, in words that say nothing of the inside. */
public final class ProblemTexts {

    private ProblemTexts() {
    }

    /** The detail of a problem with this status, when nothing more precise is known. */
    public static String detail(int status) {
        return switch (status) {
            case 400 -> "The request is malformed: check its path, query string and headers.";
            case 401 -> "This API needs a key in the X-API-Key header.";
            case 403 -> "This request is not allowed.";
            case 404 -> "Nothing is served at this path.";
            case 405 -> "This path does not take this HTTP method.";
            case 408 -> "The request did not arrive in time.";
            case 413 -> "The request body is larger than this service accepts (crm.limits.max-request-size).";
            case 414 -> "The request's address is too long.";
            case 415 -> "This body type is not accepted: send application/json.";
            case 431 -> "The request's headers are too large.";
            case 503 -> "The service cannot answer now; try again shortly.";
            case 501 -> "This request uses an HTTP feature the service does not implement (a Transfer-Encoding other than chunked?).";
            case 505 -> "This service speaks HTTP/1.1 and HTTP/1.0.";
            default -> status >= 500 ? "The service failed to answer this request; it has been logged." : "The request was refused.";
        };
    }
}
