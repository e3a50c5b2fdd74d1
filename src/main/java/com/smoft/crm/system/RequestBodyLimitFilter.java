package com.smoft.crm.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds what request bodies may cost, on every endpoint: more than {@code crm.limits.max-request-size} gets 413
 * (at once when the declared length is too large, otherwise once the read passes the limit); a body still
 * arriving {@code crm.limits.body-timeout} after the request began, or arriving slower than
 * {@code crm.limits.min-body-rate} once its first {@code crm.limits.body-rate-grace} are over, gets 408; and at
 * most {@code crm.limits.max-concurrent-bodies} requests with a body are handled at once, one more getting 503
 * with {@code Retry-After} before a byte of its body is read. A crowd of trickling connections therefore holds a
 * bounded number of places, each for seconds.
 */
final class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final CrmProperties.Limits limits;
    private final Semaphore bodies;
    private final FilterProblems problems;

    RequestBodyLimitFilter(CrmProperties.Limits limits, FilterProblems problems) {
        this.limits = limits;
        this.bodies = new Semaphore(limits.maxConcurrentBodies());
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long maxBytes = limits.maxRequestSize().toBytes();
        LimitedRequest limited = new LimitedRequest(request, limits, System.nanoTime());
        // Refused before its body is read: the rest is dropped first, then the answer goes out whole.
        if (request.getContentLengthLong() > maxBytes) {
            drainRest(limited);
            problems.send(request, response, BodyLimitException.tooLarge(maxBytes));
            return;
        }
        boolean hasBody =
                request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
        if (hasBody && !bodies.tryAcquire()) {
            drainRest(limited);
            problems.send(request, response, new ServiceBusyException("bodies", limits.maxConcurrentBodies()));
            return;
        }
        try {
            chain.doFilter(limited, response);
        } finally {
            if (hasBody) {
                bodies.release();
                drainRest(limited);
            }
        }
    }

    /**
     * Reads and drops what is left of a body once the answer is decided (an error before the body was read, a
     * value after the JSON), under the same rate and time limits and up to twice the size limit, so that an honest
     * client reads its answer on a healthy connection. A body that breaks a limit meanwhile, a trickle above all,
     * closes the connection instead: Tomcat would read the rest at the sender's pace.
     */
    private static void drainRest(LimitedRequest request) {
        try {
            LimitedStream in = request.drainingStream();
            if (in.broken) {
                // Already too slow or too large: no more of it is worth waiting for.
                UnreadBodyValve.dropRestOfBody(request);
                return;
            }
            byte[] dropped = new byte[8192];
            while (in.read(dropped) >= 0) {
                // Dropped: the answer is already decided.
            }
        } catch (IOException | RuntimeException tooSlowTooLargeStalledOrGone) {
            UnreadBodyValve.dropRestOfBody(request);
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final CrmProperties.Limits limits;
        private final long maxBytes;
        private final long startedAt;
        private final long deadline;
        private final long graceEnds;
        private final double minBytesPerNano;
        private ServletInputStream limited;

        LimitedRequest(HttpServletRequest request, CrmProperties.Limits limits, long startedAt) {
            super(request);
            this.limits = limits;
            this.maxBytes = limits.maxRequestSize().toBytes();
            this.startedAt = startedAt;
            this.deadline = startedAt + limits.bodyTimeout().toNanos();
            this.graceEnds = startedAt + limits.bodyRateGrace().toNanos();
            this.minBytesPerNano = limits.minBodyRate().toBytes() / 1e9;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                limited = new LimitedStream(super.getInputStream(), this);
            }
            return limited;
        }

        /** The body's stream, allowed to read up to twice the size limit: for dropping the rest. */
        LimitedStream drainingStream() throws IOException {
            LimitedStream stream = (LimitedStream) getInputStream();
            stream.cap = 2 * maxBytes;
            return stream;
        }
    }

    private static final class LimitedStream extends ServletInputStream {
        private final ServletInputStream in;
        private final LimitedRequest limits;
        private long read;
        private long cap;
        /** Whether the body already broke a limit. */
        private boolean broken;

        LimitedStream(ServletInputStream in, LimitedRequest limits) {
            this.in = in;
            this.limits = limits;
            this.cap = limits.maxBytes;
        }

        @Override
        public int read() throws IOException {
            checkTime();
            int b = in.read();
            count(b >= 0 ? 1 : 0);
            checkRate(b < 0);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            checkTime();
            int n = in.read(buffer, offset, length);
            count(Math.max(n, 0));
            checkRate(n < 0);
            return n;
        }

        private void checkTime() throws BodyLimitException {
            if (System.nanoTime() - limits.deadline > 0) {
                broken = true;
                throw BodyLimitException.tooSlow(limits.limits.bodyTimeout());
            }
        }

        /** After the grace period, the bytes received so far must keep up with the minimum rate since the start. */
        private void checkRate(boolean ended) throws BodyLimitException {
            long now = System.nanoTime();
            if (!ended && now - limits.graceEnds > 0 && read < (now - limits.startedAt) * limits.minBytesPerNano) {
                broken = true;
                throw BodyLimitException.belowMinimumRate(
                        limits.limits.minBodyRate().toBytes(), limits.limits.bodyRateGrace());
            }
        }

        private void count(int n) throws BodyLimitException {
            read += n;
            if (read > cap) {
                broken = true;
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
