package com.smoft.crm.system;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The threads that score batches, apart from those that answer requests ({@code crm.batch.threads}, one less
 * than the cores by default). Requests run on virtual threads, which the JVM does not preempt: scoring
 * 100 000 customers on them would hold a carrier for the whole batch, and a few batches at once would
 * leave none for probes and single scores. Here the work runs on platform threads that the operating
 * system shares fairly with the rest, and at most this many batches score at once; the request waits.
 */
public final class BatchBulkhead implements AutoCloseable {

    private final ExecutorService threads;

    public BatchBulkhead(int size) {
        this.threads = Executors.newFixedThreadPool(size, Thread.ofPlatform().name("batch-scoring-", 0).daemon().factory());
    }

    /** Runs {@code work} on the bulkhead's threads and returns its result, or throws what it threw. */
    public <T> T run(Callable<T> work) throws Exception {
        Future<T> result = threads.submit(work);
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw e;
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
