package com.smoft.crm.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.smoft.crm.memory.DurableWrites;
import com.smoft.crm.memory.SegmentChangeListener;
import com.smoft.crm.outcomes.OutcomeListener;
import com.smoft.crm.scoring.ScoredRow;
import com.smoft.crm.system.CrmProperties;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox (migration {@code V4__event_outbox.sql}): events written in the transaction of the change that caused
 * them, one delivery row per target, claimed by delivery workers with {@code FOR UPDATE SKIP LOCKED} so that several
 * instances on one database send each delivery once. A claimed delivery's next attempt is pushed past a lease: a
 * worker killed while sending leaves it due again, so nothing is lost (at least once). Standard SQL on H2 and
 * PostgreSQL.
 */
@Repository
@ConditionalOnBooleanProperty(name = "crm.memory.enabled", matchIfMissing = true)
public class EventOutbox implements SegmentChangeListener, OutcomeListener {

    /** Delivery states. */
    static final String PENDING = "pending";

    static final String DELIVERED = "delivered";
    static final String FAILED = "failed";

    private static final String INSERT_EVENT = "INSERT INTO event_outbox (id, type, occurred_at, schema_version,"
            + " event_key, customer_id, payload, explain_inputs) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_DELIVERY = "INSERT INTO event_delivery (event_id, target, status, attempts,"
            + " next_attempt_at) VALUES (?, ?, 'pending', 0, ?)";

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final TransactionTemplate transactions;
    private final Subscriptions subscriptions;
    private final JsonMapper json;
    private final Clock clock;
    private final DataSource dataSource;
    /** Webhook targets disabled by a 410, as last read. */
    private volatile Set<String> disabled = Set.of();
    /**
     * The targets with pending deliveries, as last read, this instance's own included: a claim reads each one's due
     * deliveries by the index, where finding them in every claim scanned all the due deliveries.
     */
    private volatile List<String> pendingTargets;
    /** Told after a commit that wrote deliveries: the dispatcher sends them at once. */
    private volatile Runnable wake = () -> {};

    EventOutbox(
            DataSource dataSource,
            TransactionTemplate transactions,
            Subscriptions subscriptions,
            JsonMapper json,
            Clock clock) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.batches = new JdbcTemplate(dataSource);
        this.transactions = transactions;
        this.subscriptions = subscriptions;
        this.json = json;
        this.clock = clock;
        this.pendingTargets = List.copyOf(subscriptions.targets());
    }

    @Autowired
    EventOutbox(DataSource dataSource, TransactionTemplate transactions, CrmProperties properties) {
        this(dataSource, transactions, new Subscriptions(properties.events()), EventJson.MAPPER, Clock.systemUTC());
    }

    /** Where events go. */
    Subscriptions subscriptions() {
        return subscriptions;
    }

    void onWritten(Runnable wake) {
        this.wake = wake;
    }

    @Override
    public boolean listening() {
        return subscriptions.any();
    }

    /**
     * Writes a {@code lead.segment_changed} event per change, in the memory's write transaction. The next action and
     * the reasons are added by the first delivery attempt, from the inputs kept beside (explaining costs
     * milliseconds of CPU a customer: never on the scoring path).
     */
    @Override
    public void changed(List<ChangedLead> changes) {
        List<Object[]> events = new ArrayList<>(changes.size());
        List<Object[]> deliveries = new ArrayList<>(changes.size());
        OffsetDateTime now = time(clock.instant());
        Set<String> off = disabled;
        for (ChangedLead change : changes) {
            List<String> targets = subscriptions.targetsOf(EventType.SEGMENT_CHANGED, change.toSegment(), off);
            if (targets.isEmpty()) {
                continue;
            }
            Event event = Event.of(
                    EventType.SEGMENT_CHANGED,
                    change.changedAt(),
                    new EventPayloads.SegmentChanged(
                            change.customerId(),
                            change.fromSegment(),
                            change.toSegment(),
                            change.scoreBefore(),
                            change.scoreAfter(),
                            ScoredRow.probability(change.probability()),
                            change.modelVersion(),
                            change.changedAt(),
                            null,
                            null));
            events.add(row(event, change.customerId(), change.customerId(), Explainer.inputsOf(change.inputs())));
            for (String target : targets) {
                deliveries.add(new Object[] {event.id(), target, now});
            }
        }
        if (!events.isEmpty()) {
            batches.batchUpdate(INSERT_EVENT, events);
            batches.batchUpdate(INSERT_DELIVERY, deliveries);
            wakeAfterCommit();
        }
    }

    /** Writes a {@code lead.outcome_recorded} event per outcome, in the recording's transaction. */
    @Override
    public void recorded(List<WrittenOutcome> outcomes) {
        List<String> targets = subscriptions.targetsOf(EventType.OUTCOME_RECORDED, null, disabled);
        if (targets.isEmpty()) {
            return;
        }
        List<Object[]> events = new ArrayList<>(outcomes.size());
        List<Object[]> deliveries = new ArrayList<>(outcomes.size() * targets.size());
        OffsetDateTime now = time(clock.instant());
        for (WrittenOutcome outcome : outcomes) {
            Event event = Event.of(
                    EventType.OUTCOME_RECORDED,
                    outcome.recordedAt(),
                    new EventPayloads.OutcomeRecorded(
                            outcome.customerId(),
                            outcome.outcome(),
                            outcome.occurredAt(),
                            outcome.recordedAt(),
                            outcome.score(),
                            outcome.probability() == null ? null : ScoredRow.probability(outcome.probability()),
                            outcome.segment(),
                            outcome.modelVersion()));
            events.add(row(event, outcome.customerId(), outcome.customerId(), null));
            for (String target : targets) {
                deliveries.add(new Object[] {event.id(), target, now});
            }
        }
        batches.batchUpdate(INSERT_EVENT, events);
        batches.batchUpdate(INSERT_DELIVERY, deliveries);
        wakeAfterCommit();
    }

    @Override
    public void erased(String customerId) {
        jdbc.sql("DELETE FROM event_outbox WHERE customer_id = ?")
                .param(customerId)
                .update();
    }

    /**
     * Writes an event in a transaction of its own (a model or drift change: nothing of theirs is in this database).
     * An event whose id is written already (another instance saw the same change) is not written again.
     *
     * @param key     the Kafka record key
     * @param segment the segment moved into, for a lead event filtered by segment, or {@code null}
     * @return whether it was written
     */
    boolean append(Event event, EventType type, String key, String segment) {
        List<String> targets = subscriptions.targetsOf(type, segment, disabled);
        if (targets.isEmpty()) {
            return false;
        }
        try {
            transactions.executeWithoutResult(status -> {
                batches.update(INSERT_EVENT, row(event, key, null, null));
                OffsetDateTime now = time(clock.instant());
                batches.batchUpdate(
                        INSERT_DELIVERY,
                        targets.stream()
                                .map(target -> new Object[] {event.id(), target, now})
                                .toList());
            });
        } catch (DuplicateKeyException seenAlready) {
            return false;
        }
        DurableWrites.sync(dataSource);
        wake.run();
        return true;
    }

    private Object[] row(Event event, String key, String customerId, String explainInputs) {
        return new Object[] {
            event.id(),
            event.type(),
            time(event.time()),
            event.schemaVersion(),
            key,
            customerId,
            json.writeValueAsString(event),
            explainInputs
        };
    }

    private void wakeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wake.run();
                }
            });
        } else {
            wake.run();
        }
    }

    /**
     * Claims due deliveries: each is locked (others skip it), its attempt counted and its next attempt pushed past
     * the lease, in one short transaction; the sending happens after it. Each target gets at most its {@code room},
     * the targets with due deliveries taken in a random order, so that one with many due never takes all the claim.
     * Only deliveries due for {@code overdue} at least are claimed (zero: every due one).
     */
    List<Claimed> claim(int limit, Duration lease, ToIntFunction<String> room, Duration overdue) {
        if (limit <= 0) {
            return List.of();
        }
        Instant now = clock.instant();
        List<Long> ids = transactions.execute(status -> {
            List<String> targets = new ArrayList<>(pendingTargets);
            Collections.shuffle(targets);
            List<Long> due = new ArrayList<>();
            for (String target : targets) {
                int take = Math.min(limit - due.size(), room.applyAsInt(target));
                if (take > 0) {
                    OffsetDateTime dueBy = time(now.minus(overdue));
                    // The oldest due, read in the index's order (H2 reads just those; with FOR UPDATE it would read
                    // every due row), then locked by id: those another instance took meanwhile are skipped, or no
                    // longer due.
                    List<Long> oldest = jdbc.sql("SELECT id FROM event_delivery WHERE target = ? AND status = 'pending'"
                                    + " AND next_attempt_at <= ? ORDER BY target, status, next_attempt_at FETCH FIRST "
                                    + take + " ROWS ONLY")
                            .params(target, dueBy)
                            .query(Long.class)
                            .list();
                    if (!oldest.isEmpty()) {
                        List<Object> params = new ArrayList<>(oldest);
                        params.add(dueBy);
                        due.addAll(jdbc.sql("SELECT id FROM event_delivery WHERE id IN ("
                                        + String.join(", ", Collections.nCopies(oldest.size(), "?"))
                                        + ") AND status = 'pending' AND next_attempt_at <= ? ORDER BY id"
                                        + " FOR UPDATE SKIP LOCKED")
                                .params(params)
                                .query(Long.class)
                                .list());
                    }
                }
            }
            if (!due.isEmpty()) {
                OffsetDateTime until = time(now.plus(lease));
                batches.batchUpdate(
                        "UPDATE event_delivery SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ?",
                        due.stream().map(id -> new Object[] {until, id}).toList());
            }
            return due;
        });
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT d.id, d.event_id, d.target, d.attempts, e.type, e.occurred_at, e.event_key,"
                        + " e.payload, e.explain_inputs FROM event_delivery d JOIN event_outbox e ON e.id = d.event_id"
                        + " WHERE d.id IN (" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")"
                        + " ORDER BY d.id")
                .params(ids.toArray())
                .query((rs, row) -> new Claimed(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getInt(4),
                        rs.getString(5),
                        rs.getObject(6, OffsetDateTime.class).toInstant(),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getString(9)))
                .list();
    }

    /**
     * Writes the results of attempts and the payloads their first attempts completed (the next action and reasons of
     * a segment change), in one transaction.
     */
    void record(List<Result> results, List<Completion> completions) {
        if (results.isEmpty() && completions.isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            batches.batchUpdate(
                    "UPDATE event_outbox SET payload = ?, explain_inputs = NULL WHERE id = ? AND explain_inputs IS NOT NULL",
                    completions.stream()
                            .map(completion -> new Object[] {completion.payload(), completion.eventId()})
                            .toList());
            // One statement for every result, in the order of the ids, as disable() locks them: no deadlock.
            List<Object[]> rows = new ArrayList<>();
            for (Result result : results.stream()
                    .sorted(Comparator.comparingLong(Result::deliveryId))
                    .toList()) {
                String error = result.error() == null ? null : truncate(result.error());
                Object at = new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE, null);
                Object next = at;
                String state = FAILED;
                switch (result.outcome()) {
                    case DELIVERED -> {
                        state = DELIVERED;
                        at = time(result.at());
                    }
                    case RETRY -> {
                        // Still pending, unless its subscription was disabled meanwhile.
                        state = null;
                        next = time(result.nextAttempt());
                    }
                    case FAILED, GONE -> {
                        // Failed: the defaults.
                    }
                }
                rows.add(new Object[] {
                    new SqlParameterValue(Types.VARCHAR, state),
                    at,
                    next,
                    new SqlParameterValue(Types.INTEGER, result.status()),
                    new SqlParameterValue(Types.VARCHAR, error),
                    result.deliveryId()
                });
            }
            batches.batchUpdate(
                    "UPDATE event_delivery SET status = COALESCE(?, status), delivered_at = COALESCE(?, delivered_at),"
                            + " next_attempt_at = COALESCE(?, next_attempt_at), last_status = ?, last_error = ?"
                            + " WHERE id = ?",
                    rows);
        });
    }

    /**
     * A receiver answered 410: its subscription is disabled, its pending deliveries failed. Idempotent: several
     * attempts answered 410 at once (here or on other instances) disable it once. The deliveries are locked in the
     * order of their ids, as {@link #record} updates them, so that neither waits for the other in a cycle.
     */
    void disable(String target) {
        try {
            jdbc.sql("INSERT INTO event_subscription (target, disabled_at) VALUES (?, ?)")
                    .params(target, time(clock.instant()))
                    .update();
        } catch (DuplicateKeyException disabledAlready) {
            // Another attempt disabled it first.
        }
        // Seen here before its deliveries are failed: no new event is written for it meanwhile, and whoever sees them
        // failed sees the subscription disabled.
        refreshDisabled();
        transactions.executeWithoutResult(status -> {
            List<Long> pending = jdbc.sql("SELECT id FROM event_delivery WHERE target = ? AND status = 'pending'"
                            + " ORDER BY id FOR UPDATE")
                    .param(target)
                    .query(Long.class)
                    .list();
            batches.batchUpdate(
                    "UPDATE event_delivery SET status = 'failed', last_error = 'subscription disabled: 410 Gone'"
                            + " WHERE id = ? AND status = 'pending'",
                    pending.stream().map(id -> new Object[] {id}).toList());
        });
    }

    /** A receiver answered 2xx to a test or a redelivery: its subscription is enabled again. */
    void enable(String target) {
        if (jdbc.sql("DELETE FROM event_subscription WHERE target = ?")
                        .param(target)
                        .update()
                > 0) {
            refreshDisabled();
        }
    }

    /**
     * Reads which targets have pending deliveries: this instance's own and, once a round, those the table holds for
     * other instances' configurations (which this one attempts too, to fail them in words).
     */
    void refreshPendingTargets() {
        Set<String> targets = new java.util.LinkedHashSet<>(subscriptions.targets());
        targets.addAll(jdbc.sql("SELECT DISTINCT target FROM event_delivery WHERE status = 'pending'")
                .query(String.class)
                .list());
        pendingTargets = List.copyOf(targets);
    }

    /** Reads which subscriptions are disabled, as every instance sees them. */
    Set<String> refreshDisabled() {
        disabled = Set.copyOf(jdbc.sql("SELECT target FROM event_subscription")
                .query(String.class)
                .list());
        return disabled;
    }

    /** Subscriptions disabled by their receiver. */
    Set<String> disabled() {
        return disabled;
    }

    /** Deliveries per status. */
    Counts counts() {
        long[] counts = new long[3];
        jdbc.sql("SELECT status, COUNT(*) FROM event_delivery GROUP BY status").query(rs -> {
            switch (rs.getString(1)) {
                case PENDING -> counts[0] = rs.getLong(2);
                case FAILED -> counts[1] = rs.getLong(2);
                case DELIVERED -> counts[2] = rs.getLong(2);
                default -> {
                    // No other status is written.
                }
            }
        });
        return new Counts(counts[0], counts[1], counts[2]);
    }

    /** Deliveries of a status (or any), newest first, after the delivery {@code afterId} when given. */
    List<Delivery> deliveries(String status, Long afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT d.id, d.event_id, e.type, e.occurred_at, d.target, d.status,"
                + " d.attempts, d.next_attempt_at, d.last_status, d.last_error, d.delivered_at FROM event_delivery d"
                + " JOIN event_outbox e ON e.id = d.event_id WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (status != null) {
            sql.append(" AND d.status = ?");
            params.add(status);
        }
        if (afterId != null) {
            sql.append(" AND d.id < ?");
            params.add(afterId);
        }
        sql.append(" ORDER BY d.id DESC FETCH FIRST ").append(limit).append(" ROWS ONLY");
        return jdbc.sql(sql.toString())
                .params(params.toArray())
                .query((rs, row) -> {
                    Object lastStatus = rs.getObject(9);
                    OffsetDateTime deliveredAt = rs.getObject(11, OffsetDateTime.class);
                    String state = rs.getString(6);
                    return new Delivery(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getObject(4, OffsetDateTime.class).toInstant(),
                            rs.getString(5),
                            state,
                            rs.getInt(7),
                            PENDING.equals(state)
                                    ? rs.getObject(8, OffsetDateTime.class).toInstant()
                                    : null,
                            lastStatus == null ? null : ((Number) lastStatus).intValue(),
                            rs.getString(10),
                            deliveredAt == null ? null : deliveredAt.toInstant());
                })
                .list();
    }

    /**
     * Sends an event again to every target it went to, from the first attempt of the retry schedule.
     *
     * @return whether the outbox holds that event
     */
    boolean redeliver(String eventId) {
        int again = jdbc.sql("UPDATE event_delivery SET status = 'pending', attempts = 0, next_attempt_at = ?,"
                        + " last_error = NULL WHERE event_id = ?")
                .params(time(clock.instant()), eventId)
                .update();
        if (again > 0) {
            DurableWrites.sync(dataSource);
            wake.run();
        }
        return again > 0;
    }

    /** Forgets events whose deliveries are all over (delivered or failed) and older than {@code before}. */
    int prune(Instant before) {
        return jdbc.sql("DELETE FROM event_outbox WHERE occurred_at < ? AND NOT EXISTS (SELECT 1 FROM event_delivery d"
                        + " WHERE d.event_id = event_outbox.id AND d.status = 'pending')")
                .param(time(before))
                .update();
    }

    private static String truncate(String error) {
        return error.length() <= 500 ? error : error.substring(0, 500);
    }

    static OffsetDateTime time(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    /**
     * A delivery claimed for an attempt.
     *
     * @param deliveryId    the delivery
     * @param eventId       its event
     * @param target        where it goes
     * @param attempt       this attempt's number, from 1
     * @param type          the event's type
     * @param occurredAt    when the event happened
     * @param key           the Kafka record key
     * @param payload       the event's JSON
     * @param explainInputs the inputs its reasons are computed from, while they are not yet; else {@code null}
     */
    record Claimed(
            long deliveryId,
            String eventId,
            String target,
            int attempt,
            String type,
            Instant occurredAt,
            String key,
            String payload,
            String explainInputs) {}

    /** What an attempt came to. */
    enum Outcome {
        /** Answered 2xx, or acknowledged by Kafka. */
        DELIVERED,
        /** Anything else: tried again later. */
        RETRY,
        /** Anything else, at the last attempt. */
        FAILED,
        /** Answered 410: the subscription is disabled. */
        GONE
    }

    /**
     * An attempt's result.
     *
     * @param deliveryId  the delivery
     * @param outcome     what it came to
     * @param at          when it ended
     * @param status      the HTTP status answered, or {@code null}
     * @param error       why it failed, or {@code null}
     * @param nextAttempt when it is tried again, for a retry
     */
    record Result(long deliveryId, Outcome outcome, Instant at, Integer status, String error, Instant nextAttempt) {}

    /**
     * Deliveries per status.
     *
     * @param pending   waiting for an attempt, or retried
     * @param failed    given up after the last attempt, or their subscription disabled
     * @param delivered delivered and kept
     */
    public record Counts(long pending, long failed, long delivered) {}

    /**
     * An event's payload as its first attempt completed it.
     *
     * @param eventId the event
     * @param payload its complete payload
     */
    record Completion(String eventId, String payload) {}

    /**
     * One delivery as the administration lists it.
     *
     * @param id            the delivery's position in the list, for the list's cursor only (not on the wire: an event
     *                      is named by its {@code event_id}, which redelivery takes)
     * @param eventId       the event
     * @param type          its type
     * @param occurredAt    when it happened
     * @param target        {@code webhook:...} or {@code kafka}
     * @param status        {@code pending}, {@code delivered} or {@code failed}
     * @param attempts      attempts made
     * @param nextAttemptAt when a pending one is tried next
     * @param lastStatus    the HTTP status of the last attempt, if it got one
     * @param lastError     why the last attempt failed
     * @param deliveredAt   when it was delivered
     */
    public record Delivery(
            @JsonIgnore long id,
            String eventId,
            String type,
            Instant occurredAt,
            String target,
            String status,
            int attempts,
            Instant nextAttemptAt,
            Integer lastStatus,
            String lastError,
            Instant deliveredAt) {}
}
