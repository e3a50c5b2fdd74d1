package com.smoft.crm.outcomes;

import com.smoft.crm.memory.DurableWrites;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outcomes' table (migration {@code V3__lead_outcome.sql}) in standard SQL that H2 and PostgreSQL both run: the
 * outcomes of a request are staged in a temporary table (by PostgreSQL's COPY where it is there), joined with the
 * memory's points there, and written in one transaction; live accuracy reads them back as one grouped query.
 */
@Repository
@ConditionalOnBooleanProperty(name = "crm.memory.enabled", matchIfMissing = true)
public class OutcomeRepository {

    /** Tries of one write when another writer records the same outcomes at once. */
    private static final int TRIES = 3;

    private static final String STAGING_TABLE = "CREATE LOCAL TEMPORARY TABLE IF NOT EXISTS outcome_batch ("
            + "customer_id VARCHAR(128) NOT NULL, outcome VARCHAR(9) NOT NULL,"
            + " occurred_at TIMESTAMP WITH TIME ZONE NOT NULL, occurred_on DATE NOT NULL,"
            + " window_start TIMESTAMP WITH TIME ZONE NOT NULL, scored_on DATE,"
            + " PRIMARY KEY (customer_id, outcome, occurred_on)) ON COMMIT DELETE ROWS";

    private static final String STAGED_COLUMNS = "customer_id, outcome, occurred_at, occurred_on, window_start";

    private static final String INPUT_COLUMNS = "days_since_last_contact, total_contacts, total_spent, emails_sent,"
            + " emails_opened, website_visits, customer_age_days";

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    /** Told of the outcomes of each recording, in its transaction (the events outbox), or {@code null}. */
    private OutcomeListener listener;

    OutcomeRepository(DataSource dataSource, TransactionTemplate transactions) {
        this.dataSource = dataSource;
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
     * recording, in its transaction, goes: the outcomes written are the rows of the temporary table
     * {@code outcome_batch} at the end of it.
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
        for (int attempt = 1; ; attempt++) {
            try {
                Written written = transactions.execute(status ->
                        recordInTransaction(outcomes, recordedAt, window, zone, refuseErased, longSince, shortSince));
                DurableWrites.sync(dataSource);
                return written;
            } catch (DuplicateKeyException | PessimisticLockingFailureException raced) {
                if (attempt == TRIES) {
                    throw raced;
                }
            }
        }
    }

    private Written recordInTransaction(
            Collection<PostedOutcome> outcomes,
            Instant recordedAt,
            Duration window,
            ZoneId zone,
            boolean refuseErased,
            Instant longSince,
            Instant shortSince) {
        jdbc.sql(STAGING_TABLE).update();
        stage(outcomes, window, zone);
        Set<String> erased = new TreeSet<>(jdbc.sql("SELECT DISTINCT s.customer_id FROM outcome_batch s WHERE EXISTS"
                        + " (SELECT 1 FROM lead_erasure e WHERE e.customer_id = s.customer_id) AND NOT EXISTS"
                        + " (SELECT 1 FROM lead_state t WHERE t.customer_id = s.customer_id)")
                .query(String.class)
                .list());
        if (!erased.isEmpty()) {
            if (refuseErased) {
                throw new ErasedCustomersException(erased);
            }
            jdbc.sql("DELETE FROM outcome_batch WHERE EXISTS (SELECT 1 FROM lead_erasure e"
                            + " WHERE e.customer_id = outcome_batch.customer_id) AND NOT EXISTS"
                            + " (SELECT 1 FROM lead_state t WHERE t.customer_id = outcome_batch.customer_id)")
                    .update();
        }
        int duplicates = jdbc.sql("DELETE FROM outcome_batch WHERE EXISTS (SELECT 1 FROM lead_outcome o"
                        + " WHERE o.customer_id = outcome_batch.customer_id AND o.outcome = outcome_batch.outcome"
                        + " AND o.occurred_on = outcome_batch.occurred_on)")
                .update();
        // The customer's last point at or before the outcome within the window: one point per day, its time the
        // day's latest, so the latest such day.
        jdbc.sql("UPDATE outcome_batch SET scored_on = (SELECT MAX(p.scored_on) FROM lead_point p"
                        + " WHERE p.customer_id = outcome_batch.customer_id AND p.scored_at <= outcome_batch.occurred_at"
                        + " AND p.scored_at > outcome_batch.window_start)")
                .update();
        int matched = jdbc.sql("SELECT COUNT(*) FROM outcome_batch WHERE scored_on IS NOT NULL")
                .query(Integer.class)
                .single();
        int written = jdbc.sql("INSERT INTO lead_outcome (customer_id, outcome, occurred_at, occurred_on, recorded_at,"
                        + " scored_at, score, probability, segment, model_version, " + INPUT_COLUMNS + ")"
                        + " SELECT s.customer_id, s.outcome, s.occurred_at, s.occurred_on, ?, p.scored_at, p.score,"
                        + " p.probability, p.segment, p.model_version, p.days_since_last_contact, p.total_contacts,"
                        + " p.total_spent, p.emails_sent, p.emails_opened, p.website_visits, p.customer_age_days"
                        + " FROM outcome_batch s LEFT JOIN lead_point p"
                        + " ON p.customer_id = s.customer_id AND p.scored_on = s.scored_on")
                .param(time(recordedAt))
                .update();
        OutcomeListener told = listener;
        if (told != null && written > 0 && told.listening()) {
            told.recorded(writtenOutcomes(recordedAt));
        }
        Map<String, OutcomeTally[]> tallied = tally(
                "SELECT p.model_version, p.score, p.probability, s.outcome,"
                        + " SUM(CASE WHEN s.occurred_at >= ? THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN s.occurred_at >= ? THEN 1 ELSE 0 END) FROM outcome_batch s JOIN lead_point p"
                        + " ON p.customer_id = s.customer_id AND p.scored_on = s.scored_on"
                        + " GROUP BY p.model_version, p.score, p.probability, s.outcome",
                time(longSince),
                time(shortSince));
        return new Written(matched, written - matched, duplicates, erased, tallied);
    }

    /** The outcomes this transaction wrote: the rows left in its temporary table, each with its matched score. */
    private List<OutcomeListener.WrittenOutcome> writtenOutcomes(Instant recordedAt) {
        return jdbc.sql("SELECT s.customer_id, s.outcome, s.occurred_at, p.score, p.probability, p.segment,"
                        + " p.model_version FROM outcome_batch s LEFT JOIN lead_point p"
                        + " ON p.customer_id = s.customer_id AND p.scored_on = s.scored_on"
                        + " ORDER BY s.customer_id, s.occurred_at, s.outcome")
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

    /** Loads the outcomes into the transaction's temporary table: by COPY on PostgreSQL, by a JDBC batch elsewhere. */
    private void stage(Collection<PostedOutcome> outcomes, Duration window, ZoneId zone) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            if (connection.isWrapperFor(PGConnection.class)) {
                PostgresCopy.copyIn(
                        connection,
                        "outcome_batch",
                        STAGED_COLUMNS,
                        outcomes.stream()
                                .map(outcome -> stagedValues(outcome, window, zone))
                                .toList());
            } else {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO outcome_batch (" + STAGED_COLUMNS + ") VALUES (?, ?, ?, ?, ?)")) {
                    for (PostedOutcome outcome : outcomes) {
                        Object[] values = stagedValues(outcome, window, zone);
                        for (int i = 0; i < values.length; i++) {
                            insert.setObject(i + 1, values[i]);
                        }
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
        } catch (SQLException | IOException e) {
            throw new DataAccessResourceFailureException("The outcomes could not be staged", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static Object[] stagedValues(PostedOutcome outcome, Duration window, ZoneId zone) {
        return new Object[] {
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
