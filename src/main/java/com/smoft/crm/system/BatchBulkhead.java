package com.smoft.crm.system;

import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The threads that score batches, apart from those that answer requests ({@code crm.batch.threads}, one less
 * than the cores by default). Requests run on virtual threads, which the JVM does not preempt: scoring
 * 100 000 customers on them would hold a carrier for the whole batch, and a few batches at once would
 * leave none for probes and single scores. Here the work runs on platform threads that the operating
 * system shares fairly with the rest; the request waits.
 *
 * <p>The threads are a fork-join pool of their own: the parallel streams a batch is scored with fork their
 * chunks into the pool of the task that runs them, so they share these threads instead of spilling over onto
 * the JVM's common pool, which every other parallel stream of the process uses.
 */
public final class BatchBulkhead implements AutoCloseable {

    private final ForkJoinPool threads;

    public BatchBulkhead(int size) {
        ForkJoinPool.ForkJoinWorkerThreadFactory named = pool -> {
            ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            thread.setName("batch-scoring-" + thread.getPoolIndex());
            return thread;
        };
        // Never more threads than asked, even while a task waits on its forks: the pool bounds the CPU batches take.
        this.threads = new ForkJoinPool(size, named, null, false, 0, size, 1, pool -> true, 60, TimeUnit.SECONDS);
    }

    /** Runs {@code work} on the bulkhead's threads and returns its result, or throws what it threw. */
    public <T> T run(Callable<T> work) throws Exception {
        // Caught on the pool's side: a fork-join task rethrows a copy of an exception, not the exception itself.
        Future<Outcome<T>> result = threads.submit(() -> {
            try {
                return new Outcome<>(work.call(), null);
            } catch (Exception e) {
                return new Outcome<>(null, e);
            }
        });
        try {
            Outcome<T> outcome = result.get();
            if (outcome.failure() != null) {
                throw outcome.failure();
            }
            return outcome.value();
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw e;
        }
    }

    private record Outcome<T>(T value, Exception failure) {}

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
