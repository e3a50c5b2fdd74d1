package com.smoft.crm.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bounds what a request body may cost: more than {@code crm.limits.max-request-size} gets 413 (at once when
 * the declared length is too large, otherwise once the read passes the limit), and a body still arriving
 * {@code crm.limits.body-timeout} after the request began gets 408, however slowly it trickles in.
 */
final class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final Duration timeout;
    private final JsonMapper mapper;

    RequestBodyLimitFilter(long maxBytes, Duration timeout, JsonMapper mapper) {
        this.maxBytes = maxBytes;
        this.timeout = timeout;
        this.mapper = mapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            BodyLimitException tooLarge = BodyLimitException.tooLarge(maxBytes);
            ProblemResponses.write(response, mapper, HttpStatus.CONTENT_TOO_LARGE, tooLarge.title(), tooLarge.getMessage(),
                    request.getRequestURI());
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        chain.doFilter(new LimitedRequest(request, maxBytes, deadline, timeout), response);
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long maxBytes;
        private final long deadline;
        private final Duration timeout;
        private ServletInputStream limited;

        LimitedRequest(HttpServletRequest request, long maxBytes, long deadline, Duration timeout) {
            super(request);
            this.maxBytes = maxBytes;
            this.deadline = deadline;
            this.timeout = timeout;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                limited = new LimitedStream(super.getInputStream(), this);
            }
            return limited;
        }
    }

    private static final class LimitedStream extends ServletInputStream {
        private final ServletInputStream in;
        private final LimitedRequest limits;
        private long read;

        LimitedStream(ServletInputStream in, LimitedRequest limits) {
            this.in = in;
            this.limits = limits;
        }

        @Override
        public int read() throws IOException {
            checkTime();
            int b = in.read();
            count(b >= 0 ? 1 : 0);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            checkTime();
            int n = in.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void checkTime() throws BodyLimitException {
            if (System.nanoTime() - limits.deadline > 0) {
                throw BodyLimitException.tooSlow(limits.timeout);
            }
        }

        private void count(int n) throws BodyLimitException {
            read += n;
            if (read > limits.maxBytes) {
                throw BodyLimitException.tooLarge(limits.maxBytes);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
