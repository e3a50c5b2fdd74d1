package com.smoft.crm.outcomes;

import com.smoft.crm.memory.CustomerHolds;
import com.smoft.crm.memory.DurableWrites;
import com.smoft.crm.memory.ErasureGuard;
import com.smoft.crm.memory.PostgresCopy;
import com.smoft.crm.scoring.Outcome;
import com.smoft.crm.scoring.OutcomeTally;
import com.smoft.crm.scoring.PostedOutcome;
import com.smoft.crm.scoring.ScoredRow;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outcomes' table (migration {@code V3__lead_outcome.sql}) in standard SQL that H2 and PostgreSQL both run, but for
 * one insert on PostgreSQL that skips what another replica records at the same time: the outcomes of a request are
 * staged in {@code outcome_staging} under a token of their own (by PostgreSQL's COPY where it is there), joined with the
 * memory's points there, and written in one transaction; live accuracy reads them back as one grouped query.
 */
@Repository
@ConditionalOnBooleanProperty(name = "crm.memory.enabled", matchIfMissing = true)
public class OutcomeRepository {

    /** Tries of one write when the database stops it for another writer's (a deadlock, a lock waited too long). */
    private static final int TRIES = 5;

    private static final String STAGED_COLUMNS = "token, customer_id, outcome, occurred_at, occurred_on, window_start";

    private static final String INPUT_COLUMNS = "days_since_last_contact, total_contacts, total_spent, emails_sent,"
            + " emails_opened, website_visits, customer_age_days";

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    /** The customers written now in this process, shared with the memory's writes and erasures. */
    private final CustomerHolds holds;
    /** Told of the outcomes of each recording, in its transaction (the events outbox), or {@code null}. */
    private OutcomeListener listener;

    OutcomeRepository(DataSource dataSource, TransactionTemplate transactions, CustomerHolds holds) {
        this.dataSource = dataSource;
        this.holds = holds;
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = transactions;
    }

    /** The listener told of each recording's outcomes in its transaction, when events are built in. */
    @Autowired(required = false)
    void listen(OutcomeListener listener) {
        this.listener = listener;
    }

    /**
     * What a write did.
     *
     * @param matched    outcomes written with the customer's last score in the window
     * @param unmatched  outcomes written without a score (none in the window): kept, not used for accuracy
     * @param duplicates outcomes already recorded (the same customer, outcome and day), not written again
     * @param erased     the customers refused as erased, in order of their ids
     * @param tallied    the matched outcomes written, tallied per model version as {@link #tallies} does
     */
    public record Written(
            int matched, int unmatched, int duplicates, Set<String> erased, Map<String, OutcomeTally[]> tallied) {}

    /**
     * The customers among {@code outcomes} refused as erased, when {@code refuseErased}: nothing of the request is
     * written.
     *
     * @param customers their ids, in order
     */
    public static final class ErasedCustomersException extends RuntimeException {
        private final transient Set<String> customers;

        ErasedCustomersException(Set<String> customers) {
            super(customers.size() + " erased customer(s)");
            this.customers = customers;
        }

        /** The erased customers' ids, in order. */
        public Set<String> customers() {
            return customers;
        }
    }

    /**
     * Records outcomes in one transaction: each joined with its customer's last score at or before its time and
     * after {@code window} before it (the score's inputs copied beside it), an outcome already recorded (the same
     * customer, outcome and day) left as it is, an erased customer's (erased, and not scored since) refused. The
     * outcomes are distinct by customer, outcome and day. This is where something that must happen with the
     * recording, in its transaction, goes: the outcomes written are the rows staged under the recording's token
     * at the end of it.
     *
     * @param outcomes     the outcomes, distinct by customer, outcome and day
     * @param recordedAt   when they are recorded
     * @param window       how far back a score is looked for
     * @param zone         where a day begins
     * @param refuseErased whether an erased customer refuses the whole write ({@link ErasedCustomersException}),
     *                     rather than his outcomes alone
     * @param longSince    the start of the long window of {@link Written#tallied}
     * @param shortSince   the start of its short window
     */
    public Written record(
            Collection<PostedOutcome> outcomes,
            Instant recordedAt,
            Duration window,
            ZoneId zone,
            boolean refuseErased,
            Instant longSince,
            Instant shortSince) {
        Set<String> customers = new TreeSet<>();
        outcomes.forEach(outcome -> customers.add(outcome.customerId()));
        return holds.recording(customers, () -> {
            for (int attempt = 1; ; attempt++) {
                try {
                    Written written = transactions.execute(status -> recordInTransaction(
                            outcomes, recordedAt, window, zone, refuseErased, longSince, shortSince));
                    DurableWrites.sync(dataSource);
                    return written;
                } catch (PessimisticLockingFailureException raced) {
                    if (attempt == TRIES) {
                        throw raced;
                    }
                }
            }
        });
    }

    private Written recordInTransaction(
            Collection<PostedOutcome> outcomes,
            Instant recordedAt,
            Duration window,
            ZoneId zone,
            boolean refuseErased,
            Instant longSince,
            Instant shortSince) {
        UUID token = UUID.randomUUID();
        boolean postgres = stage(token, outcomes, window, zone);
        if (postgres) {
            // An erasure on another replica is waited for, then seen below (read committed), or it waits for this
            // recording and deletes its outcomes. A state row to lock would not do: a customer never scored has none
            // (34 of 300 of his outcomes outlived such an erasure with it).
            ErasureGuard.write(jdbc);
        }
        Set<String> erased = new TreeSet<>(jdbc.sql("SELECT DISTINCT s.customer_id FROM outcome_staging s"
                        + " WHERE s.token = ? AND EXISTS (SELECT 1 FROM lead_erasure e WHERE e.customer_id = s.customer_id)"
                        + " AND NOT EXISTS (SELECT 1 FROM lead_state t WHERE t.customer_id = s.customer_id)")
                .param(token)
                .query(String.class)
                .list());
        if (!erased.isEmpty()) {
            if (refuseErased) {
                throw new ErasedCustomersException(erased);
            }
            jdbc.sql("DELETE FROM outcome_staging s WHERE s.token = ? AND EXISTS (SELECT 1 FROM lead_erasure e"
                            + " WHERE e.customer_id = s.customer_id) AND NOT EXISTS"
                            + " (SELECT 1 FROM lead_state t WHERE t.customer_id = s.customer_id)")
                    .param(token)
                    .update();
        }
        int duplicates = jdbc.sql("DELETE FROM outcome_staging s WHERE s.token = ? AND EXISTS (SELECT 1"
                        + " FROM lead_outcome o WHERE o.customer_id = s.customer_id AND o.outcome = s.outcome"
                        + " AND o.occurred_on = s.occurred_on)")
                .param(token)
                .update();
        // The customer's last point at or before the outcome within the window: one point per day, its time the
        // day's latest, so the latest such day.
        jdbc.sql("UPDATE outcome_staging s SET scored_on = (SELECT MAX(p.scored_on) FROM lead_point p"
                        + " WHERE p.customer_id = s.customer_id AND p.scored_at <= s.occurred_at"
                        + " AND p.scored_at > s.window_start) WHERE s.token = ?")
                .param(token)
                .update();
        String insert = "INSERT INTO lead_outcome (customer_id, outcome, occurred_at, occurred_on, recorded_at,"
                + " scored_at, score, probability, segment, model_version, " + INPUT_COLUMNS + ")"
                + " SELECT s.customer_id, s.outcome, s.occurred_at, s.occurred_on, ?, p.scored_at, p.score,"
                + " p.probability, p.segment, p.model_version, p.days_since_last_contact, p.total_contacts,"
                + " p.total_spent, p.emails_sent, p.emails_opened, p.website_visits, p.customer_age_days"
                + " FROM outcome_staging s LEFT JOIN lead_point p"
                + " ON p.customer_id = s.customer_id AND p.scored_on = s.scored_on WHERE s.token = ?";
        if (postgres) {
            // Another replica may be recording the same outcomes now, which the filter above cannot see before it
            // commits: standard SQL has no insert that skips such a row, so PostgreSQL's own skips it (after waiting
            // for the other's commit), and the outcomes skipped leave the staged ones as duplicates. Inserted in one
            // order, so that two such writers wait for each other without deadlocking.
            // The keys written come back to the JVM: an anti join of the staged rows against them in SQL was planned
            // as a nested loop once the staging table's statistics said it was empty, as it is between recordings
            // (20 000 outcomes in 26.6 s instead of 0.55 s, quadratic).
            int staged = jdbc.sql("SELECT COUNT(*) FROM outcome_staging WHERE token = ?")
                    .param(token)
                    .query(Integer.class)
                    .single();
            Set<StagedKey> written = new HashSet<>(jdbc.sql(insert
                            + " ORDER BY s.customer_id, s.outcome, s.occurred_on"
                            + " ON CONFLICT ON CONSTRAINT lead_outcome_once DO NOTHING"
                            + " RETURNING customer_id, outcome, occurred_on")
                    .params(time(recordedAt), token)
                    .query(OutcomeRepository::stagedKey)
                    .list());
            if (written.size() < staged) {
                // Another replica recorded some of them meanwhile (rare): their staged rows go, as duplicates.
                List<StagedKey> skipped = jdbc
                        .sql("SELECT customer_id, outcome, occurred_on FROM outcome_staging WHERE token = ?")
                        .param(token)
                        .query(OutcomeRepository::stagedKey)
                        .list()
                        .stream()
                        .filter(key -> !written.contains(key))
                        .toList();
                for (StagedKey key : skipped) {
                    jdbc.sql("DELETE FROM outcome_staging WHERE token = ? AND customer_id = ? AND outcome = ?"
                                    + " AND occurred_on = ?")
                            .params(token, key.customerId(), key.outcome(), key.occurredOn())
                            .update();
                }
                duplicates += skipped.size();
            }
        } else {
            // H2 is embedded: the recordings of the same customers take turns in this process (CustomerHolds).
            jdbc.sql(insert).params(time(recordedAt), token).update();
        }
        int matched = jdbc.sql("SELECT COUNT(*) FROM outcome_staging WHERE token = ? AND scored_on IS NOT NULL")
                .param(token)
                .query(Integer.class)
                .single();
        int written = jdbc.sql("SELECT COUNT(*) FROM outcome_staging WHERE token = ?")
                .param(token)
                .query(Integer.class)
                .single();
        OutcomeListener told = listener;
        if (told != null && written > 0 && told.listening()) {
            told.recorded(writtenOutcomes(token, recordedAt));
        }
        Map<String, OutcomeTally[]> tallied = tally(
                "SELECT p.model_version, p.score, p.probability, s.outcome,"
                        + " SUM(CASE WHEN s.occurred_at >= ? THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN s.occurred_at >= ? THEN 1 ELSE 0 END) FROM outcome_staging s"
                        + " JOIN lead_point p ON p.customer_id = s.customer_id AND p.scored_on = s.scored_on"
                        + " WHERE s.token = ? GROUP BY p.model_version, p.score, p.probability, s.outcome",
                time(longSince),
                time(shortSince),
                token);
        jdbc.sql("DELETE FROM outcome_staging WHERE token = ?").param(token).update();
        return new Written(matched, written - matched, duplicates, erased, tallied);
    }

    /** A staged outcome's key: the customer, the outcome and its day, as the unique key of {@code lead_outcome}. */
    private record StagedKey(String customerId, String outcome, LocalDate occurredOn) {}

    private static StagedKey stagedKey(ResultSet row, int number) throws SQLException {
        return new StagedKey(row.getString(1), row.getString(2), row.getObject(3, LocalDate.class));
    }

    /** The outcomes this transaction wrote: the rows left staged under its token, each with its matched score. */
    private List<OutcomeListener.WrittenOutcome> writtenOutcomes(UUID token, Instant recordedAt) {
        return jdbc.sql("SELECT s.customer_id, s.outcome, s.occurred_at, p.score, p.probability, p.segment,"
                        + " p.model_version FROM outcome_staging s LEFT JOIN lead_point p"
                        + " ON p.customer_id = s.customer_id AND p.scored_on = s.scored_on WHERE s.token = ?"
                        + " ORDER BY s.customer_id, s.occurred_at, s.outcome")
                .param(token)
                .query((rs, row) -> new OutcomeListener.WrittenOutcome(
                        rs.getString(1),
                        rs.getString(2),
                        instant(rs, 3),
                        recordedAt,
                        rs.getObject(4) == null ? null : rs.getInt(4),
                        rs.getObject(5) == null ? null : ScoredRow.probability(rs.getDouble(5)),
                        rs.getString(6),
                        rs.getString(7)))
                .list();
    }

    /**
     * Stages the outcomes under {@code token}: by COPY on PostgreSQL, by a JDBC batch elsewhere.
     *
     * @return whether the database is PostgreSQL
     */
    private boolean stage(UUID token, Collection<PostedOutcome> outcomes, Duration window, ZoneId zone) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            if (connection.isWrapperFor(PGConnection.class)) {
                PostgresCopy.copyIn(
                        connection,
                        "outcome_staging",
                        STAGED_COLUMNS,
                        outcomes.stream()
                                .map(outcome -> stagedValues(token, outcome, window, zone))
                                .toList());
                return true;
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO outcome_staging (" + STAGED_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
                for (PostedOutcome outcome : outcomes) {
                    Object[] values = stagedValues(token, outcome, window, zone);
                    for (int i = 0; i < values.length; i++) {
                        insert.setObject(i + 1, values[i]);
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return false;
        } catch (SQLException | IOException e) {
            throw new DataAccessResourceFailureException("The outcomes could not be staged", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static Object[] stagedValues(UUID token, PostedOutcome outcome, Duration window, ZoneId zone) {
        return new Object[] {
            token,
            outcome.customerId(),
            outcome.outcome().name(),
            time(outcome.at()),
            LocalDate.ofInstant(outcome.at(), zone),
            time(outcome.at().minus(window))
        };
    }

    /** A customer's outcomes, newest first, at most {@code limit}. */
    List<RecordedOutcome> of(String customerId, int limit) {
        return jdbc.sql("SELECT outcome, occurred_at, recorded_at, scored_at, score, probability, segment,"
                        + " model_version FROM lead_outcome WHERE customer_id = ? ORDER BY occurred_at DESC, id DESC"
                        + " FETCH FIRST " + limit + " ROWS ONLY")
                .param(customerId)
                .query((rs, row) -> new RecordedOutcome(
                        Outcome.valueOf(rs.getString(1)),
                        instant(rs, 2),
                        instant(rs, 3),
                        rs.getObject(4) == null
                                ? null
                                : new RecordedOutcome.MatchedScore(
                                        instant(rs, 4),
                                        rs.getInt(5),
                                        ScoredRow.probability(rs.getDouble(6)),
                                        rs.getString(7),
                                        rs.getString(8))))
                .list();
    }

    /**
     * The matched outcomes since {@code longSince} per model version, tallied twice: all of them, and those since
     * {@code shortSince} (later). One grouped query: a few thousand rows per version whatever the outcomes.
     *
     * @return per model version, the tally since {@code longSince} then the one since {@code shortSince}
     */
    Map<String, OutcomeTally[]> tallies(Instant longSince, Instant shortSince) {
        return tally(
                "SELECT model_version, score, probability, outcome, COUNT(*),"
                        + " SUM(CASE WHEN occurred_at >= ? THEN 1 ELSE 0 END) FROM lead_outcome"
                        + " WHERE occurred_at >= ? AND model_version IS NOT NULL"
                        + " GROUP BY model_version, score, probability, outcome",
                time(shortSince),
                time(longSince));
    }

    /**
     * The rows of a grouped query (version, score, probability, outcome, count in the long window, count in the short
     * one) as tallies per version.
     */
    private Map<String, OutcomeTally[]> tally(String sql, Object... params) {
        Map<String, OutcomeTally[]> tallies = new HashMap<>();
        jdbc.sql(sql).params(params).query(rs -> {
            OutcomeTally[] pair = tallies.computeIfAbsent(
                    rs.getString(1), version -> new OutcomeTally[] {new OutcomeTally(), new OutcomeTally()});
            int score = rs.getInt(2);
            double probability = rs.getDouble(3);
            boolean converted = Outcome.converted.name().equals(rs.getString(4));
            pair[0].add(score, probability, converted, rs.getLong(5));
            pair[1].add(score, probability, converted, rs.getLong(6));
        });
        return tallies;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
