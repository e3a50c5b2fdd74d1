package com.smoft.crm.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.Semaphore;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Lets at most {@code crm.batch.max-concurrent} batches be read, scored and written at once: each holds
 * its customers in memory while it arrives, so without a bound a crowd of slow uploads fills the heap.
 * One more is refused with 503 and {@code Retry-After} before a byte of its body is read. The place is
 * given back once the answer is written. Whether any batch holds a place now is public: the event deliveries give
 * way to batches, which a caller is waiting for, from their first byte read to their last written.
 */
@Component
public final class BatchAdmission implements HandlerInterceptor {

    private static final String ADMITTED = BatchAdmission.class.getName() + ".admitted";

    private final Semaphore places;
    private final int capacity;

    BatchAdmission(CrmProperties properties) {
        this.capacity = properties.batch().concurrentBatches();
        this.places = new Semaphore(capacity);
    }

    /** Whether a batch is being read, scored, remembered or answered now. */
    public boolean batchesInFlight() {
        return places.availablePermits() < capacity;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!places.tryAcquire()) {
            throw new ServiceBusyException("batches", capacity);
        }
        request.setAttribute(ADMITTED, Boolean.TRUE);
        return true;
    }

    @Override
    public void afterCompletion(
            HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        if (request.getAttribute(ADMITTED) != null) {
            request.removeAttribute(ADMITTED);
            places.release();
        }
    }
}
