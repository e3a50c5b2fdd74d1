package com.smoft.crm.system;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An error answer of the service, as Spring's problem-details support builds it: the exception carries its status,
 * its problem {@code type} and the message codes of its title and detail, {@code problemDetail.title.<title>} and
 * {@code problemDetail.<detail>}, which Spring resolves in the caller's language from {@code i18n/messages*.properties}
 * ({@code ResponseEntityExceptionHandler}, or {@link #updateAndGetBody} where no handler runs). Numbers among the
 * arguments are written as plain digits, as the service has always written them ({@code 100000}, never
 * {@code 100,000}).
 */
public class ProblemException extends ErrorResponseException {

    /** Statuses whose meaning has its own words ({@code problemDetail.status.<status>}). */
    private static final int[] WORDED_STATUSES = {400, 401, 403, 404, 405, 408, 413, 414, 415, 431, 501, 503, 505};

    /** What an id may hold that a path cannot carry: an encoded slash, backslash or percent. */
    private static final Pattern ENCODED_IN_ID = Pattern.compile("%(2[fF5]|5[cC])");

    private final String titleCode;

    /**
     * @param status    the HTTP status
     * @param title     the title's message code, after {@code problemDetail.title.}
     * @param detail    the detail's message code, after {@code problemDetail.}
     * @param arguments the detail's arguments, {@code {0}}, {@code {1}}...
     */
    public ProblemException(HttpStatusCode status, String title, String detail, Object... arguments) {
        this(status, null, title, detail, null, arguments);
    }

    /**
     * @param type  the problem type, or {@code null} for {@code about:blank}
     * @param cause what went wrong underneath, for the log; never shown
     */
    public ProblemException(
            HttpStatusCode status, URI type, String title, String detail, Throwable cause, Object... arguments) {
        super(
                status,
                ProblemDetail.forStatus(status),
                cause,
                "problemDetail." + detail,
                Arrays.stream(arguments)
                        .map(argument -> argument instanceof Number ? argument.toString() : argument)
                        .toArray());
        this.titleCode = "problemDetail.title." + title;
        if (type != null) {
            getBody().setType(type);
        }
    }

    /** What a status means, when nothing more precise is known: a Tomcat error, a path that serves nothing... */
    public static ProblemException ofStatus(int status) {
        boolean worded = Arrays.stream(WORDED_STATUSES).anyMatch(known -> known == status);
        String key = worded ? "status." + status : status >= 500 ? "status.5xx" : "status.4xx";
        return new ProblemException(
                HttpStatusCode.valueOf(status),
                HttpStatus.resolve(status) == null ? "status.other" : "status." + status,
                key);
    }

    /**
     * The 400 for a path under {@code /api/leads/} holding an encoded {@code /}, {@code \} or {@code %}, refused by
     * Tomcat or the firewall: an id a path cannot carry, whose detail names {@code /api/lead?customer_id=...}.
     *
     * @param uri    the request's path as sent, still encoded
     * @param method the request's method
     * @return that problem, or {@code null} for any other path
     */
    public static ProblemException leadIdInPath(String uri, String method) {
        if (uri == null
                || !uri.startsWith("/api/leads/")
                || !ENCODED_IN_ID.matcher(uri).find()) {
            return null;
        }
        return new ProblemException(
                HttpStatus.BAD_REQUEST, "status.400", "lead-id-in-path", "DELETE".equals(method) ? "DELETE" : "GET");
    }

    /**
     * Adds the stable {@code code} of what went wrong and its {@code params} to the body, for a client that translates
     * the problem rather than reading its English.
     */
    public ProblemException withCode(String code, Map<String, ?> params) {
        getBody().setProperty("code", code);
        getBody().setProperty("params", params);
        return this;
    }

    @Override
    public String getTitleMessageCode() {
        return titleCode;
    }
}
