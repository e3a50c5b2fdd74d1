package com.smoft.crm.memory;

import com.smoft.crm.scoring.Customer;
import com.smoft.crm.scoring.LeadScore;
import com.smoft.crm.scoring.LeadScorer;
import com.smoft.crm.scoring.Segment;
import com.smoft.crm.system.CrmProperties;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionException;

/**
 * What the service remembers of each lead (issue "The service remembers"): every score answered is kept, one point per
 * customer and day, with the changes of segment and the trend. A batch is written before its answer; a single score
 * goes through a bounded queue written at least every {@code crm.memory.flush-interval} and on stop. When the
 * database is down, scoring goes on: the queue keeps what it can, and what it cannot is counted as unrecorded. With
 * {@code crm.memory.enabled=false} there is no such bean, and no database is opened.
 */
@Service
@ConditionalOnBooleanProperty(name = "crm.memory.enabled", matchIfMissing = true)
public class LeadMemory {

    private static final Logger log = LoggerFactory.getLogger(LeadMemory.class);

    /** Transactions of one batch written at once. */
    static final int WRITERS = 2;

    /** After a failed write, batches go straight to the queue for this long, rather than each waiting on the database. */
    private static final Duration BACK_OFF = Duration.ofSeconds(5);

    private final MemoryRepository repository;
    private final CrmProperties.Memory settings;
    private final Clock clock = Clock.systemUTC();
    private final LinkedBlockingDeque<RememberedScore> queue = new LinkedBlockingDeque<>();
    /**
     * The queue's room, {@code crm.memory.queue-capacity} in all: a score holds its place from the moment it is
     * queued until it is written, so that scores taken out by a flush that fails always find their place back.
     */
    private final Semaphore room;

    private final ScheduledExecutorService writer;
    private final Object writing = new Object();
    private final AtomicLong recorded = new AtomicLong();
    private final AtomicLong unrecorded = new AtomicLong();
    private volatile Instant failedAt;

    private volatile String failure;

    LeadMemory(MemoryRepository repository, CrmProperties properties) {
        this.repository = repository;
        this.settings = properties.memory();
        this.room = new Semaphore(settings.queueCapacity());
        writer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("memory-writer").daemon().factory());
        long interval = settings.flushInterval().toMillis();
        writer.scheduleWithFixedDelay(this::flushQuietly, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** Remembers a single score: queued, written within the flush interval. */
    public void remember(Customer customer, LeadScore lead) {
        RememberedScore score = new RememberedScore(
                customer.customerId().toString(),
                clock.instant(),
                lead.score(),
                lead.probability(),
                lead.segment(),
                lead.modelVersion(),
                customer);
        enqueue(score);
    }

    /**
     * Remembers a scored batch before returning, {@link MemoryRepository#customersPerTransaction()} customers per
     * transaction (a failure sends no more than this to the queue), by
     * {@value #WRITERS} writers at once, on PostgreSQL as on H2 (their customers differ). A customer twice in the
     * batch is remembered by his last row, as if the rows had been scored in their order. The single scores queued
     * before it are written first. While the database does not answer, the batch waits in the queue as far as it has
     * room.
     *
     * @return the batch's customers the memory could not keep (the queue full while the database was down)
     */
    public int remember(LeadScorer.ScoredBatch batch) {
        if (batch.size() == 0) {
            return 0;
        }
        AtomicInteger lost = new AtomicInteger();
        AtomicBoolean anyWritten = new AtomicBoolean();
        Instant at = clock.instant();
        // The single scores answered before this batch are written before it, in their order: written after, a
        // customer's earlier single score would be older than his batch's, and his change to it never recorded.
        // While backing off, the batch goes to the queue behind them instead.
        if (!backingOff()) {
            flush();
        }
        String[] ids = new String[batch.size()];
        Map<String, Integer> lastRow = new HashMap<>(batch.size() * 4 / 3 + 1);
        for (int i = 0; i < ids.length; i++) {
            ids[i] = batch.customerId(i).toString();
            lastRow.put(ids[i], i);
        }
        int[] rows = IntStream.range(0, ids.length)
                .filter(i -> lastRow.get(ids[i]) == i)
                .toArray();
        int perTransaction = repository.customersPerTransaction();
        int chunks = (rows.length + perTransaction - 1) / perTransaction;
        List<Future<?>> written = new ArrayList<>();
        try (ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int writer = 0; writer < Math.min(WRITERS, chunks); writer++) {
                int first = writer;
                written.add(writers.submit(() -> {
                    for (int chunk = first; chunk < chunks; chunk += WRITERS) {
                        int from = chunk * perTransaction;
                        int to = Math.min(rows.length, from + perTransaction);
                        List<RememberedScore> scores = new ArrayList<>(to - from);
                        for (int k = from; k < to; k++) {
                            int i = rows[k];
                            scores.add(new RememberedScore(
                                    ids[i],
                                    at,
                                    batch.score(i),
                                    batch.probability(i),
                                    batch.segment(i),
                                    batch.modelVersion(),
                                    batch.customer(i)));
                        }
                        if (!backingOff() && write(scores)) {
                            anyWritten.set(true);
                        } else {
                            scores.stream().filter(score -> !enqueue(score)).forEach(score -> lost.incrementAndGet());
                        }
                    }
                }));
            }
        }
        for (Future<?> writer : written) {
            try {
                writer.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while remembering a batch", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("A batch could not be remembered", e.getCause());
            }
        }
        if (anyWritten.get()) {
            sync();
        }
        return lost.get();
    }

    /** A lead's state, history (newest first, at most {@code limit} days) and changes; empty when unknown. */
    public Optional<LeadHistory> lead(String customerId, int limit) {
        return repository
                .state(customerId)
                .map(state -> new LeadHistory(
                        state, repository.history(customerId, limit), repository.changesOf(customerId, limit)));
    }

    /**
     * Changes of segment since a time, to a segment or any, newest first.
     *
     * @param cursor where the previous page ended, or {@code null}
     * @throws IllegalArgumentException when the cursor is not one this list gave
     */
    public Page<SegmentChange> changes(Instant since, Segment to, String cursor, int limit) {
        Cursor.ChangePosition after = cursor == null ? null : read(cursor, Cursor.ChangePosition::decode);
        List<SegmentChange> changes = repository.changes(since, to, after, limit);
        SegmentChange last = changes.size() == limit ? changes.getLast() : null;
        return new Page<>(
                changes, last == null ? null : new Cursor.ChangePosition(last.changedAt(), last.id()).encode());
    }

    /**
     * Current leads of a segment and a trend, or any, highest score first.
     *
     * @param cursor where the previous page ended, or {@code null}
     * @throws IllegalArgumentException when the cursor is not one this list gave
     */
    public Page<LeadState> leads(Segment segment, Trend trend, String cursor, int limit) {
        Cursor.LeadPosition after = cursor == null ? null : read(cursor, Cursor.LeadPosition::decode);
        List<LeadState> leads = repository.leads(segment, trend, after, limit);
        LeadState last = leads.size() == limit ? leads.getLast() : null;
        return new Page<>(
                leads, last == null ? null : new Cursor.LeadPosition(last.score(), last.customerId()).encode());
    }

    /**
     * Erases every record of a customer, those still queued included.
     *
     * @return whether the memory held anything of him, written or queued
     */
    public boolean erase(String customerId) {
        boolean wasQueued = false;
        synchronized (writing) {
            for (var queued = queue.iterator(); queued.hasNext(); ) {
                if (queued.next().customerId().equals(customerId)) {
                    queued.remove();
                    room.release();
                    wasQueued = true;
                }
            }
        }
        // Outside the writers' monitor: the erasure may wait for a long recording of the customer's outcomes, and
        // flushes of other customers must not wait with it (a batch held 8.65 s, hostile review). A write of his
        // scores still running is waited for (his hold, or his state's lock); a score of his queued from now on is
        // older than the erasure, which every later write leaves out.
        boolean wasWritten = repository.erase(customerId, clock.instant());
        return wasWritten || wasQueued;
    }

    /**
     * Writes what the queue holds now; what cannot be written stays queued. Scores queued while it writes wait for
     * the next flush: chasing them would write a transaction for every few scores that arrive during the last one,
     * and under steady traffic never stop.
     */
    public void flush() {
        synchronized (writing) {
            int perTransaction = repository.customersPerTransaction();
            List<RememberedScore> scores = new ArrayList<>(perTransaction);
            boolean written = false;
            for (int due = queue.size(); due > 0; due -= scores.size(), scores.clear()) {
                if (queue.drainTo(scores, Math.min(due, perTransaction)) == 0) {
                    break;
                }
                if (!write(scores)) {
                    // Back at the head, in their order, for the next flush: their places were kept.
                    scores.reversed().forEach(queue::offerFirst);
                    break;
                }
                written = true;
                room.release(scores.size());
            }
            if (written) {
                sync();
            }
        }
    }

    /** Forgets what is older than {@code crm.memory.retention}: daily, at night where the service's days are counted. */
    @Scheduled(cron = "0 30 3 * * *", zone = "${crm.memory.time-zone:Europe/Paris}")
    public void prune() {
        try {
            int pruned = repository.prune(clock.instant().minus(settings.retention()), settings.timeZone());
            log.info("Memory pruned: {} records older than {}", pruned, settings.retention());
        } catch (DataAccessException | TransactionException e) {
            log.warn("Memory not pruned, will try again tomorrow: {}", e.getMessage());
        }
    }

    /** How the memory is doing. */
    public Status status() {
        return new Status(true, failure == null, recorded.get(), unrecorded.get(), queued());
    }

    /** Whether the database answers now; the last write's failure otherwise. */
    public Status check() {
        try {
            repository.ping();
            return status();
        } catch (DataAccessException | TransactionException e) {
            return new Status(true, false, recorded.get(), unrecorded.get(), queued());
        }
    }

    /** On stop, the queue is written before the database closes. */
    @PreDestroy
    void stop() throws InterruptedException {
        writer.shutdown();
        writer.awaitTermination(10, TimeUnit.SECONDS);
        flush();
        if (!queue.isEmpty()) {
            unrecorded.addAndGet(queue.size());
            log.warn("Memory: {} scores could not be written before the stop: {}", queue.size(), failure);
        }
    }

    private int queued() {
        return settings.queueCapacity() - room.availablePermits();
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("Memory flush failed", e);
        }
    }

    private boolean write(List<RememberedScore> scores) {
        try {
            repository.write(scores, settings.timeZone(), settings.trendDays(), settings.trendPoints());
            recorded.addAndGet(scores.size());
            if (failure != null) {
                log.info("Memory: the database answers again");
            }
            failure = null;
            failedAt = null;
            return true;
        } catch (DataAccessException | TransactionException e) {
            if (failure == null) {
                log.warn("Memory: scores could not be written, kept in the queue: {}", rootMessage(e));
            }
            failure = rootMessage(e);
            failedAt = clock.instant();
            return false;
        }
    }

    /**
     * Makes the writes so far survive a crash ({@link DurableWrites}). Should it fail, they are written all the same
     * (the database has them, it could not sync them): not counted as unrecorded, but the memory is reported down.
     */
    private void sync() {
        try {
            repository.sync();
        } catch (DataAccessException | TransactionException e) {
            if (failure == null) {
                log.warn("Memory: scores written could not be synced to disk: {}", rootMessage(e));
            }
            failure = rootMessage(e);
            failedAt = clock.instant();
        }
    }

    /** Queues a score that could not be written now; whether the queue had room (if not, it is counted). */
    private boolean enqueue(RememberedScore score) {
        if (!room.tryAcquire()) {
            unrecorded.incrementAndGet();
            return false;
        }
        queue.offer(score);
        return true;
    }

    private boolean backingOff() {
        Instant failed = failedAt;
        return failed != null && clock.instant().isBefore(failed.plus(BACK_OFF));
    }

    private static <T> T read(String cursor, Function<String, T> decoder) {
        try {
            return decoder.apply(cursor);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a cursor of this list", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /**
     * A lead as the memory knows him.
     *
     * @param state   where he stands
     * @param history his points, newest first
     * @param changes his changes of segment, newest first
     */
    public record LeadHistory(LeadState state, List<HistoryPoint> history, List<SegmentChange> changes) {}

    /**
     * A page of a list.
     *
     * @param items      the page
     * @param nextCursor where the next page starts, or {@code null} when this one is the last
     */
    public record Page<T>(List<T> items, String nextCursor) {}

    /**
     * How the memory is doing.
     *
     * @param enabled    whether scores are remembered
     * @param up         whether the last write (or check) succeeded
     * @param recorded   scores written since start
     * @param unrecorded scores that could not be kept since start: the queue was full, or the service stopped
     * @param queued     scores waiting to be written
     */
    public record Status(boolean enabled, boolean up, long recorded, long unrecorded, int queued) {

        /** A service without a memory. */
        public static final Status OFF = new Status(false, false, 0, 0, 0);
    }
}
