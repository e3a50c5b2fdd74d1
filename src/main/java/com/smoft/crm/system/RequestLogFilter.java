package com.smoft.crm.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One log line per request: request id, method, path, status and time taken, and nothing of the
 * customers (no body, no query string). The id comes from the caller's {@code X-Request-Id} when it is
 * a plain token, is made up otherwise, and is echoed in the response.
 */
final class RequestLogFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Request-Id";
    private static final Logger log = LoggerFactory.getLogger("com.smoft.crm.requests");
    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(HEADER);
        String requestId = given != null && PLAIN_ID.matcher(given).matches() ? given : newRequestId();
        response.setHeader(HEADER, requestId);
        MDC.put("request_id", requestId);
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            log.info(
                    "{} {} {} {} ms",
                    request.getMethod(),
                    request.getRequestURI(),
                    response.getStatus(),
                    (System.nanoTime() - start) / 1_000_000);
            MDC.remove("request_id");
        }
    }

    /** A random (version 4) UUID. */
    private static String newRequestId() {
        // Not UUID.randomUUID(): its SecureRandom takes one lock for every request, and an id that only
        // correlates log lines need not be unguessable.
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(0b11L << 62)) | (0b10L << 62);
        return new UUID(high, low).toString();
    }
}
