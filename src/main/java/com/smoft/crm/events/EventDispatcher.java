package com.smoft.crm.events;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * Delivers the outbox: one thread claims due deliveries and records their results in batches; the attempts run on a
 * bounded pool of {@code crm.events.delivery-threads} threads of their own (Kafka's sends are asynchronous), so that a
 * slow or dead receiver holds these threads, never a scoring one. At most {@value #IN_FLIGHT_PER_THREAD} deliveries a
 * thread are claimed at once, so a claim's lease always outlasts its wait in the pool.
 *
 * <p>A slow or dead target delays only itself: each target (a webhook subscription, or Kafka) has at most half the
 * threads sending to it (its other attempts wait their turn without holding a thread), and at most that many times
 * {@value #IN_FLIGHT_PER_THREAD} deliveries claimed; a claim skips the targets at their limit.
 */
final class EventDispatcher {

    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

    /** Deliveries claimed per delivery thread at most, waiting or being sent. */
    static final int IN_FLIGHT_PER_THREAD = 8;

    /** The shortest a claim holds its deliveries from other workers. */
    private static final Duration MIN_LEASE = Duration.ofMinutes(1);
    /**
     * The longest a delivery gives way to scoring: while a batch is in flight, only deliveries due for this long are
     * claimed, so that batch after batch delays events by this much, not more, and never stops them.
     */
    private static final Duration MAX_GIVE_WAY = Duration.ofSeconds(30);

    private final EventOutbox outbox;
    private final Subscriptions subscriptions;
    private final WebhookSender webhooks;
    private final KafkaSender kafka;
    private final Explainer explainer;
    private final RetrySchedule retries;
    private final Clock clock;
    private final Duration pollInterval;
    private final Duration lease;
    private final ThreadPoolExecutor senders;
    private final Semaphore slots;
    /** Threads that send to one target at most. */
    private final int threadsPerTarget;
    /** Deliveries claimed for one target at most, waiting or being sent. */
    private final int claimsPerTarget;
    /** Deliveries claimed per target, waiting or being sent. */
    private final Map<String, AtomicInteger> claimedPerTarget = new ConcurrentHashMap<>();
    /** Per target, the attempts sending and those waiting for one of its threads; guarded by itself. */
    private final Map<String, Lane> lanes = new HashMap<>();

    private final ConcurrentLinkedQueue<EventOutbox.Result> results = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<EventOutbox.Completion> completions = new ConcurrentLinkedQueue<>();
    /** Free slots that make the loop claim again at once: claims and results go to the database in batches. */
    private final int claimAgainAt;

    private final Object signal = new Object();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    /** The webhooks whose last attempt failed: the log tells once when one starts failing and once when it recovers. */
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    private final List<Runnable> onEachRound = new ArrayList<>();
    private volatile LongConsumer latency = millis -> {};
    /** While true, only deliveries due for {@link #MAX_GIVE_WAY} are claimed: scoring comes first. */
    private volatile BooleanSupplier giveWay = () -> false;

    private volatile boolean woken;
    private volatile boolean running;
    private Thread loop;

    EventDispatcher(
            EventOutbox outbox,
            Subscriptions subscriptions,
            WebhookSender webhooks,
            KafkaSender kafka,
            Explainer explainer,
            RetrySchedule retries,
            Clock clock,
            Duration pollInterval,
            Duration timeout,
            int threads) {
        this.outbox = outbox;
        this.subscriptions = subscriptions;
        this.webhooks = webhooks;
        this.kafka = kafka;
        this.explainer = explainer;
        this.retries = retries;
        this.clock = clock;
        this.pollInterval = pollInterval;
        int inFlight = threads * IN_FLIGHT_PER_THREAD;
        // Waiting in the pool at most IN_FLIGHT_PER_THREAD attempts of a timeout each, the attempt itself, and margin
        // (a first attempt also explains its event: milliseconds of CPU); a minute at least.
        this.lease = max(MIN_LEASE, timeout.multipliedBy(IN_FLIGHT_PER_THREAD + 4));
        this.slots = new Semaphore(inFlight);
        this.threadsPerTarget = Math.max(1, threads / 2);
        this.claimsPerTarget = threadsPerTarget * IN_FLIGHT_PER_THREAD;
        this.claimAgainAt = Math.max(1, inFlight / 2);
        this.senders = new ThreadPoolExecutor(
                threads,
                threads,
                60,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(inFlight),
                Thread.ofPlatform().name("events-sender-", 0).daemon().factory());
        outbox.onWritten(this::wake);
    }

    /** Also runs {@code task} at each round of the loop (at least every poll interval), on the loop's thread. */
    void alsoEachRound(Runnable task) {
        onEachRound.add(task);
    }

    /** While {@code busy} holds, claims only the deliveries due for {@link #MAX_GIVE_WAY} or more. */
    void giveWayWhile(BooleanSupplier busy) {
        this.giveWay = busy;
    }

    /** Told each delivery's latency, from the event to its delivery, in milliseconds. */
    void measureLatency(LongConsumer latency) {
        this.latency = latency;
    }

    /** Starts the loop. */
    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        loop = Thread.ofPlatform().name("events-dispatcher").daemon().start(this::run);
    }

    /** Stops claiming, lets the attempts under way end (their results recorded), within the timeout. */
    synchronized void stop() throws InterruptedException {
        if (!running) {
            return;
        }
        running = false;
        wake();
        loop.join(TimeUnit.SECONDS.toMillis(30));
        senders.shutdown();
        senders.awaitTermination(30, TimeUnit.SECONDS);
        flushResults();
        webhooks.close();
        if (kafka != null) {
            kafka.close();
        }
    }

    /** Claims at once rather than at the next poll: new deliveries were written, or results wait. */
    void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /** Attempts made since start. */
    long attempts() {
        return attempts.get();
    }

    /** Deliveries made since start. */
    long delivered() {
        return delivered.get();
    }

    private static Duration max(Duration one, Duration other) {
        return one.compareTo(other) >= 0 ? one : other;
    }

    private void run() {
        try {
            outbox.refreshDisabled();
        } catch (DataAccessException | TransactionException e) {
            log.warn("Events: the outbox cannot be read yet: {}", e.getMessage());
        }
        Instant lastRound = Instant.EPOCH;
        while (running) {
            boolean full = false;
            try {
                flushResults();
                if (!clock.instant().isBefore(lastRound.plus(pollInterval))) {
                    lastRound = clock.instant();
                    outbox.refreshDisabled();
                    outbox.refreshPendingTargets();
                    onEachRound.forEach(Runnable::run);
                }
                int free = slots.availablePermits();
                Duration overdue = giveWay.getAsBoolean() ? MAX_GIVE_WAY : Duration.ZERO;
                List<EventOutbox.Claimed> claimed = outbox.claim(free, lease, this::room, overdue);
                full = free > 0 && claimed.size() == free;
                for (EventOutbox.Claimed delivery : claimed) {
                    slots.acquireUninterruptibly();
                    claimedPerTarget
                            .computeIfAbsent(delivery.target(), target -> new AtomicInteger())
                            .incrementAndGet();
                    dispatch(delivery);
                }
            } catch (DataAccessException | TransactionException e) {
                log.warn("Events: the outbox cannot be read, trying again: {}", e.getMessage());
            } catch (RuntimeException e) {
                log.warn("Events: delivery round failed", e);
            }
            if (!full) {
                await();
            }
        }
    }

    private void await() {
        synchronized (signal) {
            if (!woken && running) {
                try {
                    signal.wait(pollInterval.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            woken = false;
        }
    }

    /** How many more deliveries a claim may take for a target. */
    private int room(String target) {
        AtomicInteger claimed = claimedPerTarget.get(target);
        return claimsPerTarget - (claimed == null ? 0 : claimed.get());
    }

    /** Runs an attempt on the pool once fewer than {@link #threadsPerTarget} attempts to its target are sending. */
    private void send(String target, Runnable attempt) {
        synchronized (lanes) {
            Lane lane = lanes.computeIfAbsent(target, key -> new Lane());
            if (lane.sending >= threadsPerTarget) {
                lane.waiting.add(attempt);
                return;
            }
            lane.sending++;
        }
        senders.execute(() -> runThenNext(target, attempt));
    }

    private void runThenNext(String target, Runnable attempt) {
        Runnable next = attempt;
        while (next != null) {
            try {
                next.run();
            } finally {
                synchronized (lanes) {
                    Lane lane = lanes.get(target);
                    next = lane.waiting.poll();
                    if (next == null) {
                        lane.sending--;
                    }
                }
            }
        }
    }

    private void dispatch(EventOutbox.Claimed delivery) {
        if (Subscriptions.KAFKA.equals(delivery.target())) {
            if (kafka == null) {
                done(delivery, EventOutbox.Outcome.RETRY, null, "Kafka is not configured on this instance");
                return;
            }
            send(delivery.target(), () -> {
                try {
                    String payload = completed(delivery);
                    kafka.send(delivery.key(), payload).whenComplete((sent, failure) -> {
                        if (failure == null) {
                            done(delivery, EventOutbox.Outcome.DELIVERED, null, null);
                        } else {
                            log.warn("Events: Kafka did not acknowledge event {}", delivery.eventId(), failure);
                            failed(delivery, null, "Kafka did not acknowledge the record (see this instance's log)");
                        }
                    });
                } catch (RuntimeException e) {
                    log.warn("Events: event {} could not be sent to Kafka", delivery.eventId(), e);
                    failed(delivery, null, "the attempt failed on this instance (see its log)");
                }
            });
            return;
        }
        // A redelivery may go to a disabled subscription (a 2xx enables it again); an attempt that waited for a thread
        // while its subscription was disabled by a 410 is not sent.
        boolean disabledAtClaim = outbox.disabled().contains(delivery.target());
        send(delivery.target(), () -> {
            Subscriptions.Webhook webhook =
                    subscriptions.webhook(delivery.target()).orElse(null);
            if (webhook == null) {
                failed(delivery, null, "no such subscription in this instance's configuration");
                return;
            }
            if (!disabledAtClaim && outbox.disabled().contains(delivery.target())) {
                done(delivery, EventOutbox.Outcome.FAILED, null, "subscription disabled: 410 Gone");
                return;
            }
            try {
                int status = webhooks.send(webhook, delivery.eventId(), completed(delivery), clock.instant());
                if (status >= 200 && status < 300) {
                    done(delivery, EventOutbox.Outcome.DELIVERED, status, null);
                    if (failing.remove(delivery.target())) {
                        log.info("Events: webhook {} at {} takes deliveries again", delivery.target(), hostOf(webhook));
                    }
                    if (outbox.disabled().contains(delivery.target())) {
                        outbox.enable(delivery.target());
                    }
                } else if (status == 410) {
                    disable(delivery, webhook);
                    done(delivery, EventOutbox.Outcome.GONE, status, "410 Gone: the subscription is disabled");
                } else {
                    refused(delivery, webhook, status, "HTTP " + status);
                }
            } catch (IOException e) {
                refused(delivery, webhook, null, webhooks.failure(webhook.url(), e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed(delivery, null, "interrupted");
            } catch (RuntimeException e) {
                log.warn("Events: an attempt to {} failed", webhook.url(), e);
                failed(delivery, null, "the attempt failed on this instance (see its log)");
            }
        });
    }

    /** An attempt the receiver did not take: retried as scheduled, and logged when the receiver starts failing. */
    private void refused(EventOutbox.Claimed delivery, Subscriptions.Webhook webhook, Integer status, String error) {
        if (failing.add(delivery.target())) {
            log.warn(
                    "Events: webhook {} at {} does not take deliveries ({}); they are retried as scheduled",
                    delivery.target(),
                    hostOf(webhook),
                    error);
        }
        failed(delivery, status, error);
    }

    /** A receiver's host and port, for the log: never its path or query, which may hold a token. */
    private static String hostOf(Subscriptions.Webhook webhook) {
        return webhook.url().getHost()
                + (webhook.url().getPort() == -1 ? "" : ":" + webhook.url().getPort());
    }

    /** Disables a subscription whose receiver answered 410; a database failure is logged, the 410 recorded anyway. */
    private void disable(EventOutbox.Claimed delivery, Subscriptions.Webhook webhook) {
        try {
            outbox.disable(delivery.target());
            log.warn("Events: {} answered 410 Gone, its subscription is disabled", webhook.url());
        } catch (DataAccessException | TransactionException e) {
            log.warn("Events: {} answered 410 Gone, its subscription could not be disabled yet", webhook.url(), e);
        }
    }

    /** The delivery's payload, completed first if it is a segment change not yet explained. */
    private String completed(EventOutbox.Claimed delivery) {
        if (delivery.explainInputs() == null) {
            return delivery.payload();
        }
        String payload = explainer.complete(delivery.payload(), delivery.explainInputs());
        completions.add(new EventOutbox.Completion(delivery.eventId(), payload));
        return payload;
    }

    private void failed(EventOutbox.Claimed delivery, Integer status, String error) {
        Instant next = retries.next(delivery.attempt(), clock.instant());
        if (next == null) {
            done(delivery, EventOutbox.Outcome.FAILED, status, error);
        } else {
            results.add(new EventOutbox.Result(
                    delivery.deliveryId(), EventOutbox.Outcome.RETRY, clock.instant(), status, error, next));
            release(delivery);
        }
    }

    private void done(EventOutbox.Claimed delivery, EventOutbox.Outcome outcome, Integer status, String error) {
        Instant now = clock.instant();
        if (outcome == EventOutbox.Outcome.DELIVERED) {
            delivered.incrementAndGet();
            latency.accept(
                    Math.max(0, now.toEpochMilli() - delivery.occurredAt().toEpochMilli()));
        }
        results.add(new EventOutbox.Result(delivery.deliveryId(), outcome, now, status, error, null));
        release(delivery);
    }

    /**
     * Frees an attempt's slot; wakes the loop as half the slots become free, or half its target's, so that it claims
     * and records in batches rather than one database round trip per delivery.
     */
    private void release(EventOutbox.Claimed delivery) {
        attempts.incrementAndGet();
        int left = claimedPerTarget.get(delivery.target()).decrementAndGet();
        slots.release();
        if (left == claimsPerTarget / 2 || left == 0 || slots.availablePermits() == claimAgainAt) {
            wake();
        }
    }

    private void flushResults() {
        List<EventOutbox.Completion> completed = new ArrayList<>();
        EventOutbox.Completion completion;
        while ((completion = completions.poll()) != null) {
            completed.add(completion);
        }
        List<EventOutbox.Result> batch = new ArrayList<>();
        EventOutbox.Result result;
        while ((result = results.poll()) != null) {
            batch.add(result);
        }
        try {
            outbox.record(batch, completed);
        } catch (DataAccessException | TransactionException e) {
            // Back for the next round; until then the claims' leases keep the deliveries from being sent twice.
            completions.addAll(completed);
            results.addAll(batch);
            throw e;
        }
    }

    /** One target's attempts: how many are sending, and those waiting for a thread. */
    private static final class Lane {
        private int sending;
        private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    }
}
