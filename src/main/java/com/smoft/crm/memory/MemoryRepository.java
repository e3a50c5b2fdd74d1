package com.smoft.crm.memory;

import com.smoft.crm.scoring.Customer;
import com.smoft.crm.scoring.ScoredRow;
import com.smoft.crm.scoring.Segment;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The memory's tables (migration {@code V1__lead_memory.sql}), in standard SQL that H2 and PostgreSQL both run: the
 * writes as set-based statements from a temporary table (loaded by PostgreSQL's COPY where it is there, the one
 * vendor-specific step, for speed), the reads as indexed queries with keyset pagination. Knows no HTTP and no settings
 * beyond what each call is given.
 */
@Repository
@ConditionalOnBooleanProperty(name = "crm.memory.enabled", matchIfMissing = true)
class MemoryRepository {

    /**
     * Tries of one write when another writer wrote the same customers meanwhile (a deadlock, a first score raced, a
     * commit after the write's snapshot): four writers of the same customers at once leave the last one a fourth try.
     */
    private static final int TRIES = 5;

    /**
     * Erasures in a transaction at once in this process. On PostgreSQL each waits for the writes in flight of every
     * replica with a connection of the pool, which the writes need: a storm of erasures (50 a second, hostile review)
     * took every connection, and batches of other customers timed out and were lost. The rest wait in the JVM.
     */
    private static final int ERASURES_AT_ONCE = 2;

    /** PostgreSQL's SQL state of a statement cancelled by its lock timeout, which Spring leaves uncategorised. */
    private static final String LOCK_TIMEOUT = "55P03";

    private static final String POINT_COLUMNS = "customer_id, scored_on, scored_at, score, probability, segment, "
            + "model_version, days_since_last_contact, total_contacts, total_spent, emails_sent, emails_opened, "
            + "website_visits, customer_age_days";

    /** The scores of one write as columns: name and SQL type, in {@link #stagedValues}' order. */
    private static final List<Map.Entry<String, String>> STAGED = List.of(
            Map.entry("customer_id", "VARCHAR(128)"),
            Map.entry("scored_on", "DATE"),
            Map.entry("scored_at", "TIMESTAMP WITH TIME ZONE"),
            Map.entry("score", "SMALLINT"),
            Map.entry("probability", "DOUBLE PRECISION"),
            Map.entry("segment", "VARCHAR(4)"),
            Map.entry("model_version", "VARCHAR(64)"),
            Map.entry("days_since_last_contact", "INTEGER"),
            Map.entry("total_contacts", "INTEGER"),
            Map.entry("total_spent", "DOUBLE PRECISION"),
            Map.entry("emails_sent", "INTEGER"),
            Map.entry("emails_opened", "INTEGER"),
            Map.entry("website_visits", "INTEGER"),
            Map.entry("customer_age_days", "INTEGER"),
            Map.entry("trend_cutoff", "DATE"));

    private static final String STAGED_COLUMNS =
            String.join(", ", STAGED.stream().map(Map.Entry::getKey).toList());

    /**
     * The scores of one write on PostgreSQL, before they go to the memory's tables: a temporary table of the
     * connection, loaded by COPY, emptied at each commit.
     */
    private static final String STAGING_TABLE = "CREATE LOCAL TEMPORARY TABLE IF NOT EXISTS memory_batch ("
            + String.join(
                    ", ",
                    STAGED.stream()
                            .map(column -> column.getKey() + " " + column.getValue() + " NOT NULL")
                            .toList())
            + ", PRIMARY KEY (customer_id)) ON COMMIT DELETE ROWS";

    /**
     * The scores of one write on H2, as a table read from one array per column: no temporary table, whose rows H2
     * would write, log and delete like any other table's.
     */
    private static final String STAGED_ARRAYS = "(SELECT * FROM UNNEST("
            + String.join(
                    ", ",
                    STAGED.stream()
                            .map(column -> "CAST(? AS " + column.getValue() + " ARRAY)")
                            .toList())
            + ") AS u(" + STAGED_COLUMNS + "))";

    /**
     * Makes a write's transaction read the memory's tables by key on PostgreSQL. A write's scores are a few thousand
     * of the tables' rows, but the planner knows nothing of the temporary table they are staged in: it would hash
     * whole tables once they look small enough, each statement of each write reading every lead (a known customers'
     * batch 3.4x memory off, against 2.6x by key, with 500 000 leads).
     */
    private static final String BY_KEY =
            "SELECT set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true)";

    private static final String STATE_COLUMNS =
            "customer_id, scored_at, score, probability, segment, model_version, trend";

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    /**
     * A write's transaction on PostgreSQL: one snapshot for all its statements. Under read committed each statement
     * saw what other writers had committed since the one before: two writers of one new customer, who has no state to
     * lock, both recorded his first change (from none) when the other committed between their change and their
     * state. With one snapshot the second one's point or state conflicts with the first one's commit, and it is tried
     * again, seeing it.
     */
    private final TransactionTemplate snapshotWrites;

    private volatile Boolean embedded;
    /** The customers written or erased now in this process, shared with the outcomes' recordings. */
    private final CustomerHolds holds;

    /** Leave to run an erasure's transaction, {@link #ERASURES_AT_ONCE} at once, in the order asked. */
    private final Semaphore erasures = new Semaphore(ERASURES_AT_ONCE, true);

    /** Told of the segment changes of each write, in its transaction (the events outbox), or {@code null}. */
    private SegmentChangeListener changeListener;

    MemoryRepository(DataSource dataSource, TransactionTemplate transactions, CustomerHolds holds) {
        this.dataSource = dataSource;
        this.holds = holds;
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = transactions;
        this.snapshotWrites = new TransactionTemplate(transactions.getTransactionManager());
        snapshotWrites.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /** The listener told of each write's segment changes in its transaction, when events are built in. */
    @Autowired(required = false)
    void listen(SegmentChangeListener listener) {
        this.changeListener = listener;
    }

    /**
     * Writes scores in one transaction: each customer's point of the day (unless a later score of that day is kept
     * already), his state and trend, and a change when his segment differs from his previous point's. A customer
     * twice among the scores is written once, by his latest score. On PostgreSQL the scores go to a temporary table
     * first (by COPY); on H2 each statement reads them from arrays. Then they go to the memory's tables in three
     * set-based statements.
     *
     * @param scores      what to write, about {@link #customersPerTransaction()} (one transaction)
     * @param zone        where a day begins
     * @param trendDays   how far back a trend looks
     * @param trendPoints points either way that make a trend
     */
    void write(Collection<RememberedScore> scores, ZoneId zone, int trendDays, int trendPoints) {
        Map<String, RememberedScore> latest = new TreeMap<>();
        for (RememberedScore score : scores) {
            latest.merge(score.customerId(), score, (kept, other) -> other.at().isBefore(kept.at()) ? kept : other);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                // Each write holds its customers in this process, on both databases: an erasure of one of them
                // waits for it (written before the erasure committed, a score would outlive it). On H2, which this
                // process alone writes, it is also what locking the states first does on PostgreSQL (two writes of
                // one customer never both read his previous segment), while writes of other customers, such as a
                // batch's two writers, go on side by side on the two cores.
                boolean replicated = !embedded();
                TransactionTemplate writes = replicated ? snapshotWrites : transactions;
                holds.writing(
                        latest.keySet(),
                        () -> writes.execute(status -> {
                            if (replicated) {
                                // First, before the snapshot: an erasure on another replica is waited for, then seen.
                                ErasureGuard.write(jdbc);
                            }
                            writeInTransaction(latest.values(), zone, trendDays, trendPoints);
                            return null;
                        }));
                return;
            } catch (DuplicateKeyException | PessimisticLockingFailureException raced) {
                if (attempt == TRIES) {
                    throw raced;
                }
            }
        }
    }

    private void writeInTransaction(Collection<RememberedScore> scores, ZoneId zone, int trendDays, int trendPoints) {
        Staged batch = stage(scores, zone, trendDays);
        if (batch.params().isEmpty()) {
            // Replicas share PostgreSQL: each lead written is locked first, in one order, so that concurrent writers
            // of the same customers neither deadlock nor both see the same previous segment. On an embedded database
            // the write holds its customers in this process instead (CustomerHolds).
            jdbc.sql("SELECT t.customer_id FROM lead_state t WHERE EXISTS (SELECT 1 FROM memory_batch s"
                            + " WHERE s.customer_id = t.customer_id) ORDER BY t.customer_id FOR NO KEY UPDATE")
                    .query(String.class)
                    .list();
        }
        // A change against the previous point; a score older than the one kept (written behind, after a later
        // batch) is history, not news.
        jdbc.sql("INSERT INTO lead_change (customer_id, changed_at, from_segment, to_segment, score_before,"
                        + " score_after) SELECT s.customer_id, s.scored_at, t.segment, s.segment, t.score, s.score"
                        + " FROM " + batch.source() + " s LEFT JOIN lead_state t ON t.customer_id = s.customer_id"
                        + " WHERE t.customer_id IS NULL OR (t.segment <> s.segment AND t.scored_at <= s.scored_at)")
                .params(batch.params())
                .update();
        ChangedLeads.announce(jdbc, changeListener, scores, batch.source(), batch.params());
        jdbc.sql("MERGE INTO lead_point t USING " + batch.source() + " s"
                        + " ON t.customer_id = s.customer_id AND t.scored_on = s.scored_on"
                        + " WHEN MATCHED AND t.scored_at <= s.scored_at THEN UPDATE SET scored_at = s.scored_at,"
                        + " score = s.score, probability = s.probability, segment = s.segment,"
                        + " model_version = s.model_version, days_since_last_contact = s.days_since_last_contact,"
                        + " total_contacts = s.total_contacts, total_spent = s.total_spent,"
                        + " emails_sent = s.emails_sent, emails_opened = s.emails_opened,"
                        + " website_visits = s.website_visits, customer_age_days = s.customer_age_days"
                        + " WHEN NOT MATCHED THEN INSERT (" + POINT_COLUMNS + ") VALUES (" + prefixed(POINT_COLUMNS)
                        + ")")
                .params(batch.params())
                .update();
        // The trend (Trend): the latest score against the customer's on his latest day at least trend-days before.
        String trend = "CASE WHEN s.reference IS NULL THEN 'insufficient'"
                + " WHEN s.score - s.reference >= " + trendPoints + " THEN 'improving'"
                + " WHEN s.reference - s.score >= " + trendPoints + " THEN 'declining' ELSE 'steady' END";
        jdbc.sql("MERGE INTO lead_state t USING (SELECT b.customer_id, b.scored_at, b.score, b.probability, b.segment,"
                        + " b.model_version, (SELECT p.score FROM lead_point p WHERE p.customer_id = b.customer_id"
                        + " AND p.scored_on <= b.trend_cutoff ORDER BY p.scored_on DESC FETCH FIRST 1 ROW ONLY)"
                        + " AS reference FROM " + batch.source() + " b) s ON t.customer_id = s.customer_id"
                        + " WHEN MATCHED AND t.scored_at <= s.scored_at THEN UPDATE SET scored_at = s.scored_at,"
                        + " score = s.score, probability = s.probability, segment = s.segment,"
                        + " model_version = s.model_version, trend = " + trend
                        + " WHEN NOT MATCHED THEN INSERT (" + STATE_COLUMNS + ") VALUES (s.customer_id, s.scored_at,"
                        + " s.score, s.probability, s.segment, s.model_version, " + trend + ")")
                .params(batch.params())
                .update();
    }

    /**
     * The scores of one write, ready for the set-based statements, without those made before their customer's
     * erasure (a batch in flight meanwhile). On PostgreSQL they go to the temporary table by COPY; on H2 they stay
     * in the JVM, given to each statement as one array per column.
     */
    private Staged stage(Collection<RememberedScore> scores, ZoneId zone, int trendDays) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            if (connection.isWrapperFor(PGConnection.class)) {
                jdbc.sql(STAGING_TABLE).update();
                jdbc.sql(BY_KEY).query().singleRow();
                PostgresCopy.copyIn(
                        connection,
                        "memory_batch",
                        STAGED_COLUMNS,
                        scores.stream()
                                .map(score -> stagedValues(score, zone, trendDays))
                                .toList());
                jdbc.sql(
                                "DELETE FROM memory_batch WHERE EXISTS (SELECT 1 FROM lead_erasure e WHERE"
                                        + " e.customer_id = memory_batch.customer_id AND e.erased_at >= memory_batch.scored_at)")
                        .update();
                return new Staged("memory_batch", List.of());
            }
            Set<String> erased = erasedAmong(scores);
            List<RememberedScore> kept = erased.isEmpty()
                    ? List.copyOf(scores)
                    : scores.stream()
                            .filter(score -> !erased.contains(score.customerId()))
                            .toList();
            Object[][] columns = new Object[STAGED.size()][kept.size()];
            for (int row = 0; row < kept.size(); row++) {
                Object[] values = stagedValues(kept.get(row), zone, trendDays);
                for (int column = 0; column < values.length; column++) {
                    columns[column][row] = values[column];
                }
            }
            return new Staged(STAGED_ARRAYS, Arrays.asList((Object[]) columns));
        } catch (SQLException | IOException e) {
            throw new DataAccessResourceFailureException("The memory's scores could not be staged", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** The customers among {@code scores} erased at or after their score was made. */
    private Set<String> erasedAmong(Collection<RememberedScore> scores) {
        Object[] ids = scores.stream().map(RememberedScore::customerId).toArray();
        Object[] times = scores.stream().map(score -> time(score.at())).toArray();
        return new HashSet<>(jdbc.sql("SELECT u.customer_id FROM UNNEST(CAST(? AS VARCHAR(128) ARRAY),"
                        + " CAST(? AS TIMESTAMP WITH TIME ZONE ARRAY)) AS u(customer_id, scored_at) WHERE EXISTS"
                        + " (SELECT 1 FROM lead_erasure e WHERE e.customer_id = u.customer_id"
                        + " AND e.erased_at >= u.scored_at)")
                .params(ids, times)
                .query(String.class)
                .list());
    }

    /**
     * One write's scores as the statements read them.
     *
     * @param source a table expression of the staged columns
     * @param params its parameters: none for PostgreSQL's temporary table, one array per column on H2
     */
    private record Staged(String source, List<Object> params) {}

    private static Object[] stagedValues(RememberedScore score, ZoneId zone, int trendDays) {
        Customer inputs = score.inputs();
        LocalDate day = LocalDate.ofInstant(score.at(), zone);
        return new Object[] {
            score.customerId(),
            day,
            time(score.at()),
            score.score(),
            score.probability(),
            score.segment().label(),
            score.modelVersion(),
            inputs.daysSinceLastContact(),
            inputs.totalContacts(),
            inputs.totalSpent(),
            inputs.emailsSent(),
            inputs.emailsOpened(),
            inputs.websiteVisits(),
            inputs.customerAgeDays(),
            day.minusDays(trendDays)
        };
    }

    /** A lead as it stands, or empty when the memory holds nothing of him. */
    Optional<LeadState> state(String customerId) {
        return jdbc.sql("SELECT " + STATE_COLUMNS + " FROM lead_state WHERE customer_id = ?")
                .param(customerId)
                .query(MemoryRepository::leadState)
                .optional();
    }

    /** A lead's points, newest first. */
    List<HistoryPoint> history(String customerId, int limit) {
        return jdbc.sql("SELECT " + POINT_COLUMNS + " FROM lead_point WHERE customer_id = ? ORDER BY scored_on DESC"
                        + " FETCH FIRST " + limit + " ROWS ONLY")
                .param(customerId)
                .query((rs, row) -> new HistoryPoint(
                        instant(rs, 3),
                        rs.getInt(4),
                        ScoredRow.probability(rs.getDouble(5)),
                        rs.getString(6),
                        rs.getString(7),
                        new HistoryPoint.Inputs(
                                rs.getString(1),
                                rs.getInt(8),
                                rs.getInt(9),
                                rs.getDouble(10),
                                rs.getInt(11),
                                rs.getInt(12),
                                rs.getInt(13),
                                rs.getInt(14))))
                .list();
    }

    /** A lead's changes of segment, newest first. */
    List<SegmentChange> changesOf(String customerId, int limit) {
        return jdbc.sql("SELECT id, customer_id, changed_at, from_segment, to_segment, score_before, score_after"
                        + " FROM lead_change WHERE customer_id = ? ORDER BY changed_at DESC, id DESC"
                        + " FETCH FIRST " + limit + " ROWS ONLY")
                .param(customerId)
                .query(MemoryRepository::change)
                .list();
    }

    /**
     * Changes of segment at or after {@code since}, newest first, to {@code to} when given, after {@code cursor}
     * when given. Without a segment, each segment's newest changes are read from the segment's index and merged: no
     * index of all changes by time, which every change would have to update.
     */
    List<SegmentChange> changes(Instant since, Segment to, Cursor.ChangePosition after, int limit) {
        List<Object> params = new ArrayList<>();
        String sql = eachSegment(to, "to_segment", "changed_at DESC, id DESC", limit, segment -> {
            params.addAll(List.of(segment.label(), time(since)));
            StringBuilder branch = new StringBuilder(
                    "SELECT id, customer_id, changed_at, from_segment, to_segment, score_before, score_after"
                            + " FROM lead_change WHERE to_segment = ? AND changed_at >= ?");
            if (after != null) {
                branch.append(" AND changed_at <= ? AND (changed_at < ? OR id < ?)");
                params.addAll(List.of(time(after.changedAt()), time(after.changedAt()), after.id()));
            }
            return branch.toString();
        });
        return jdbc.sql(sql).params(params).query(MemoryRepository::change).list();
    }

    /**
     * Current leads, highest score first then by id, of a segment and a trend when given, after a cursor. Without a
     * segment, each segment's first leads are read from the segment's index and merged by score, whatever the
     * thresholds were when each state was written: no index of all leads by score, which every score would have to
     * update.
     */
    List<LeadState> leads(Segment segment, Trend trend, Cursor.LeadPosition after, int limit) {
        List<Object> params = new ArrayList<>();
        String sql = eachSegment(segment, "segment", "score DESC, customer_id", limit, each -> {
            params.add(each.label());
            StringBuilder branch = new StringBuilder("SELECT " + STATE_COLUMNS + " FROM lead_state WHERE segment = ?");
            if (trend != null) {
                branch.append(" AND trend = ?");
                params.add(trend.name());
            }
            if (after != null) {
                branch.append(" AND score <= ? AND (score < ? OR customer_id > ?)");
                params.addAll(List.of(after.score(), after.score(), after.customerId()));
            }
            return branch.toString();
        });
        return jdbc.sql(sql).params(params).query(MemoryRepository::leadState).list();
    }

    /**
     * A query of the first {@code limit} rows in {@code order}: of one segment's {@code branch} when a segment is
     * given, else of every segment's, each limited in that order, then merged in it. Each branch is ordered by its
     * segment column first, which it holds fixed, so that H2 too reads it in its index's order; its cursor starts
     * with a range on the order's first column, so that both databases seek the index there rather than read the
     * segment from its start.
     */
    private static String eachSegment(
            Segment given, String segmentColumn, String order, int limit, Function<Segment, String> branch) {
        String first = " FETCH FIRST " + limit + " ROWS ONLY";
        String inIndexOrder = " ORDER BY " + segmentColumn + ", " + order + first;
        if (given != null) {
            return branch.apply(given) + inIndexOrder;
        }
        List<String> branches = new ArrayList<>();
        for (Segment segment : Segment.values()) {
            branches.add("(" + branch.apply(segment) + inIndexOrder + ")");
        }
        return "SELECT * FROM (" + String.join(" UNION ALL ", branches) + ") merged ORDER BY " + order + first;
    }

    /**
     * Erases every record of a customer, his outcomes included, and remembers for the retention that he was erased
     * then, so that a score made before (a batch in flight) is not written after, and an outcome of his is refused
     * unless he is scored again. His state is deleted first, as the writers lock it first.
     *
     * @return whether there was any record of him
     */
    boolean erase(String customerId, Instant at) {
        // Held on PostgreSQL too: an outcome of his recorded beside the erasure would outlive it.
        return holds.erasing(customerId, () -> {
            try {
                erasures.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DataAccessResourceFailureException("Interrupted while waiting to erase", e);
            }
            try {
                return eraseInTransactions(customerId, at);
            } finally {
                erasures.release();
            }
        });
    }

    private boolean eraseInTransactions(String customerId, Instant at) {
        // Known before the transaction: finding it out takes a connection of its own.
        boolean replicated = !embedded();
        for (int attempt = 1; ; attempt++) {
            try {
                boolean held = Boolean.TRUE.equals(transactions.execute(status -> {
                    if (replicated) {
                        // The writes on other replicas: those in flight are waited for, then deleted.
                        ErasureGuard.erase(jdbc);
                    }
                    int erased = 0;
                    for (String table : List.of("lead_state", "lead_point", "lead_change", "lead_outcome")) {
                        erased += jdbc.sql("DELETE FROM " + table + " WHERE customer_id = ?")
                                .param(customerId)
                                .update();
                    }
                    if (changeListener != null) {
                        changeListener.erased(customerId);
                    }
                    jdbc.sql("DELETE FROM lead_erasure WHERE customer_id = ?")
                            .param(customerId)
                            .update();
                    jdbc.sql("INSERT INTO lead_erasure (customer_id, erased_at) VALUES (?, ?)")
                            .params(customerId, time(at))
                            .update();
                    return erased > 0;
                }));
                sync();
                return held;
            } catch (DuplicateKeyException | PessimisticLockingFailureException raced) {
                // The same customer erased on another replica at once (his erasure's record written by both), or a
                // deadlock: tried again, after the other's commit.
                if (attempt == TRIES) {
                    throw raced;
                }
            } catch (UncategorizedSQLException waited) {
                // A lock waited for longer than the guard lets an erasure wait: tried again once the writes queued
                // behind it have gone through; in the end, the memory busy (503, try again).
                if (!LOCK_TIMEOUT.equals(waited.getSQLException().getSQLState())) {
                    throw waited;
                }
                if (attempt == TRIES) {
                    throw new CannotAcquireLockException(
                            "The erasure waited too long for the writes in flight", waited);
                }
            }
        }
    }

    /**
     * Forgets what is older than {@code before}: points of earlier days, changes, outcomes, leads last scored before
     * it, and erasures made before it.
     *
     * @return the rows deleted
     */
    int prune(Instant before, ZoneId zone) {
        return transactions.execute(status -> jdbc.sql("DELETE FROM lead_point WHERE scored_on < ?")
                        .param(LocalDate.ofInstant(before, zone))
                        .update()
                + jdbc.sql("DELETE FROM lead_change WHERE changed_at < ?")
                        .param(time(before))
                        .update()
                + jdbc.sql("DELETE FROM lead_state WHERE scored_at < ?")
                        .param(time(before))
                        .update()
                + jdbc.sql("DELETE FROM lead_outcome WHERE occurred_at < ?")
                        .param(time(before))
                        .update()
                + jdbc.sql("DELETE FROM lead_erasure WHERE erased_at < ?")
                        .param(time(before))
                        .update());
    }

    /**
     * Customers written per transaction: fewer on H2, whose transactions keep an undo record of every row they change
     * and replay them all at commit, in the service's own JVM (and whose arrays hold at most 65 536 values).
     */
    int customersPerTransaction() {
        try {
            return embedded() ? 1_000 : 10_000;
        } catch (DataAccessResourceFailureException down) {
            // Not known before the database first answers; the write itself will say why it could not.
            return 10_000;
        }
    }

    /** Whether the database is an embedded one (H2), which this process alone writes: PostgreSQL is the other. */
    private boolean embedded() {
        Boolean known = embedded;
        if (known == null) {
            try (Connection connection = dataSource.getConnection()) {
                known = !connection.isWrapperFor(PGConnection.class);
            } catch (SQLException e) {
                throw new DataAccessResourceFailureException("The memory's database does not answer", e);
            }
            embedded = known;
        }
        return known;
    }

    /** Makes every write so far survive a crash ({@link DurableWrites}). */
    void sync() {
        DurableWrites.sync(dataSource);
    }

    /** Answers when the database does. */
    void ping() {
        jdbc.sql("SELECT 1").query(Integer.class).single();
    }

    private static LeadState leadState(ResultSet rs, int row) throws SQLException {
        return new LeadState(
                rs.getString(1),
                instant(rs, 2),
                rs.getInt(3),
                ScoredRow.probability(rs.getDouble(4)),
                rs.getString(5),
                rs.getString(6),
                Trend.valueOf(rs.getString(7)));
    }

    private static SegmentChange change(ResultSet rs, int row) throws SQLException {
        return new SegmentChange(
                rs.getLong(1),
                rs.getString(2),
                instant(rs, 3),
                rs.getString(4),
                rs.getString(5),
                rs.getObject(6, Integer.class),
                rs.getInt(7));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String prefixed(String columns) {
        return "s." + columns.replace(", ", ", s.");
    }
}
