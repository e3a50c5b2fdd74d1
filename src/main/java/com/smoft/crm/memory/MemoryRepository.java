package com.smoft.crm.memory;

import com.smoft.crm.scoring.Customer;
import com.smoft.crm.scoring.ScoredRow;
import com.smoft.crm.scoring.Segment;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The memory's tables (migration {@code V1__lead_memory.sql}), in standard SQL that H2 and PostgreSQL both run: the
 * writes as multi-row {@code MERGE} statements of up to {@value #ROWS_PER_STATEMENT} customers, the reads as indexed
 * queries with keyset pagination. Knows no HTTP and no settings beyond what each call is given.
 */
@Repository
class MemoryRepository {

    /** Customers per statement: a few hundred keep the statements' parameters well within every driver's limits. */
    static final int ROWS_PER_STATEMENT = 500;

    /** Tries of one write when another writer holds the same customers (a deadlock, or a first score raced). */
    private static final int TRIES = 3;

    private static final String POINT_COLUMNS = "customer_id, scored_on, scored_at, score, probability, segment, "
            + "model_version, days_since_last_contact, total_contacts, total_spent, emails_sent, emails_opened, "
            + "website_visits, customer_age_days";

    private static final String POINT_ROW = "(CAST(? AS VARCHAR(128)), CAST(? AS DATE), CAST(? AS TIMESTAMP WITH TIME "
            + "ZONE), CAST(? AS SMALLINT), CAST(? AS DOUBLE PRECISION), CAST(? AS VARCHAR(4)), CAST(? AS VARCHAR(64)), "
            + "CAST(? AS INTEGER), CAST(? AS INTEGER), CAST(? AS DOUBLE PRECISION), CAST(? AS INTEGER), "
            + "CAST(? AS INTEGER), CAST(? AS INTEGER), CAST(? AS INTEGER))";

    private static final String STATE_COLUMNS = "customer_id, scored_at, score, probability, segment, model_version, trend";

    private static final String STATE_ROW = "(CAST(? AS VARCHAR(128)), CAST(? AS TIMESTAMP WITH TIME ZONE), "
            + "CAST(? AS SMALLINT), CAST(? AS DOUBLE PRECISION), CAST(? AS VARCHAR(4)), CAST(? AS VARCHAR(64)), "
            + "CAST(? AS VARCHAR(12)))";

    private static final String CHANGE_ROW = "(CAST(? AS VARCHAR(128)), CAST(? AS TIMESTAMP WITH TIME ZONE), "
            + "CAST(? AS VARCHAR(4)), CAST(? AS VARCHAR(4)), CAST(? AS SMALLINT), CAST(? AS SMALLINT))";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    MemoryRepository(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * Writes scores in one transaction: each customer's point of the day (unless a later score of that day is kept
     * already), his state and trend, and a change when his segment differs from his previous point's. A customer
     * twice among the scores is written once, by his latest score.
     *
     * @param scores      what to write, at most a few thousand (one transaction)
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
                transactions.executeWithoutResult(status -> writeInTransaction(latest, zone, trendDays, trendPoints));
                return;
            } catch (DuplicateKeyException | PessimisticLockingFailureException raced) {
                if (attempt == TRIES) {
                    throw raced;
                }
            }
        }
    }

    private void writeInTransaction(
            Map<String, RememberedScore> scores, ZoneId zone, int trendDays, int trendPoints) {
        List<String> ids = new ArrayList<>(scores.keySet());
        for (int from = 0; from < ids.size(); from += ROWS_PER_STATEMENT) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + ROWS_PER_STATEMENT));
            Map<String, State> previous = lockStates(chunk);
            List<RememberedScore> current = new ArrayList<>();
            List<RememberedScore> points = new ArrayList<>();
            for (String id : chunk) {
                RememberedScore score = scores.get(id);
                points.add(score);
                State before = previous.get(id);
                // A score older than the one kept (written behind, after a later batch) is history, not news.
                if (before == null || !score.at().isBefore(before.scoredAt())) {
                    current.add(score);
                }
            }
            mergePoints(points, zone);
            Map<String, Integer> references = referenceScores(current, zone, trendDays);
            mergeStates(current, references, trendPoints);
            insertChanges(current, previous);
        }
    }

    private Map<String, State> lockStates(List<String> ids) {
        return jdbc.sql("SELECT customer_id, scored_at, score, segment FROM lead_state WHERE customer_id IN ("
                        + placeholders(ids.size()) + ") ORDER BY customer_id FOR UPDATE")
                .params(ids)
                .query((rs, row) -> new State(
                        rs.getString(1), instant(rs, 2), rs.getInt(3), Segment.valueOf(rs.getString(4).toUpperCase(Locale.ROOT))))
                .stream()
                .collect(Collectors.toMap(State::customerId, Function.identity()));
    }

    private void mergePoints(List<RememberedScore> points, ZoneId zone) {
        List<Object> params = new ArrayList<>(points.size() * 14);
        for (RememberedScore point : points) {
            Customer inputs = point.inputs();
            params.addAll(List.of(
                    point.customerId(),
                    LocalDate.ofInstant(point.at(), zone),
                    time(point.at()),
                    point.score(),
                    point.probability(),
                    point.segment().label(),
                    point.modelVersion(),
                    inputs.daysSinceLastContact(),
                    inputs.totalContacts(),
                    inputs.totalSpent(),
                    inputs.emailsSent(),
                    inputs.emailsOpened(),
                    inputs.websiteVisits(),
                    inputs.customerAgeDays()));
        }
        jdbc.sql("MERGE INTO lead_point t USING (VALUES " + rows(POINT_ROW, points.size()) + ") AS s(" + POINT_COLUMNS
                        + ") ON t.customer_id = s.customer_id AND t.scored_on = s.scored_on"
                        + " WHEN MATCHED AND t.scored_at <= s.scored_at THEN UPDATE SET scored_at = s.scored_at,"
                        + " score = s.score, probability = s.probability, segment = s.segment,"
                        + " model_version = s.model_version, days_since_last_contact = s.days_since_last_contact,"
                        + " total_contacts = s.total_contacts, total_spent = s.total_spent,"
                        + " emails_sent = s.emails_sent, emails_opened = s.emails_opened,"
                        + " website_visits = s.website_visits, customer_age_days = s.customer_age_days"
                        + " WHEN NOT MATCHED THEN INSERT (" + POINT_COLUMNS + ") VALUES (" + prefixed(POINT_COLUMNS)
                        + ")")
                .params(params)
                .update();
    }

    /** Each customer's score on his latest day at least trend-days before the day being written. */
    private Map<String, Integer> referenceScores(List<RememberedScore> scores, ZoneId zone, int trendDays) {
        Map<String, Integer> references = new HashMap<>();
        Map<LocalDate, List<String>> byCutoff = new LinkedHashMap<>();
        for (RememberedScore score : scores) {
            byCutoff.computeIfAbsent(
                            LocalDate.ofInstant(score.at(), zone).minusDays(trendDays), day -> new ArrayList<>())
                    .add(score.customerId());
        }
        byCutoff.forEach((cutoff, ids) -> {
            List<Object> params = new ArrayList<>(ids);
            params.add(cutoff);
            jdbc.sql("SELECT p.customer_id, p.score FROM lead_point p WHERE p.customer_id IN ("
                            + placeholders(ids.size()) + ") AND p.scored_on = (SELECT MAX(q.scored_on) FROM lead_point q"
                            + " WHERE q.customer_id = p.customer_id AND q.scored_on <= ?)")
                    .params(params)
                    .query((rs, row) -> references.put(rs.getString(1), rs.getInt(2)))
                    .list();
        });
        return references;
    }

    private void mergeStates(List<RememberedScore> scores, Map<String, Integer> references, int trendPoints) {
        if (scores.isEmpty()) {
            return;
        }
        List<Object> params = new ArrayList<>(scores.size() * 7);
        for (RememberedScore score : scores) {
            params.addAll(List.of(
                    score.customerId(),
                    time(score.at()),
                    score.score(),
                    score.probability(),
                    score.segment().label(),
                    score.modelVersion(),
                    Trend.of(score.score(), references.get(score.customerId()), trendPoints)
                            .name()));
        }
        jdbc.sql("MERGE INTO lead_state t USING (VALUES " + rows(STATE_ROW, scores.size()) + ") AS s(" + STATE_COLUMNS
                        + ") ON t.customer_id = s.customer_id"
                        + " WHEN MATCHED AND t.scored_at <= s.scored_at THEN UPDATE SET scored_at = s.scored_at,"
                        + " score = s.score, probability = s.probability, segment = s.segment,"
                        + " model_version = s.model_version, trend = s.trend"
                        + " WHEN NOT MATCHED THEN INSERT (" + STATE_COLUMNS + ") VALUES (" + prefixed(STATE_COLUMNS)
                        + ")")
                .params(params)
                .update();
    }

    private void insertChanges(List<RememberedScore> scores, Map<String, State> previous) {
        List<Object> params = new ArrayList<>();
        int count = 0;
        for (RememberedScore score : scores) {
            State before = previous.get(score.customerId());
            if (before != null && before.segment() == score.segment()) {
                continue;
            }
            count++;
            params.add(score.customerId());
            params.add(time(score.at()));
            params.add(before == null ? null : before.segment().label());
            params.add(score.segment().label());
            params.add(before == null ? null : before.score());
            params.add(score.score());
        }
        if (count > 0) {
            jdbc.sql("INSERT INTO lead_change (customer_id, changed_at, from_segment, to_segment, score_before, "
                            + "score_after) VALUES " + rows(CHANGE_ROW, count))
                    .params(params)
                    .update();
        }
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
     * when given.
     */
    List<SegmentChange> changes(Instant since, Segment to, Cursor.ChangePosition after, int limit) {
        StringBuilder sql = new StringBuilder(
                "SELECT id, customer_id, changed_at, from_segment, to_segment, score_before, score_after"
                        + " FROM lead_change WHERE changed_at >= ?");
        List<Object> params = new ArrayList<>(List.of(time(since)));
        if (to != null) {
            sql.append(" AND to_segment = ?");
            params.add(to.label());
        }
        if (after != null) {
            sql.append(" AND (changed_at < ? OR (changed_at = ? AND id < ?))");
            params.addAll(List.of(time(after.changedAt()), time(after.changedAt()), after.id()));
        }
        sql.append(" ORDER BY changed_at DESC, id DESC FETCH FIRST ").append(limit).append(" ROWS ONLY");
        return jdbc.sql(sql.toString())
                .params(params)
                .query(MemoryRepository::change)
                .list();
    }

    /** Current leads, highest score first then by id, of a segment and a trend when given, after a cursor. */
    List<LeadState> leads(Segment segment, Trend trend, Cursor.LeadPosition after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + STATE_COLUMNS + " FROM lead_state WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (segment != null) {
            sql.append(" AND segment = ?");
            params.add(segment.label());
        }
        if (trend != null) {
            sql.append(" AND trend = ?");
            params.add(trend.name());
        }
        if (after != null) {
            sql.append(" AND (score < ? OR (score = ? AND customer_id > ?))");
            params.addAll(List.of(after.score(), after.score(), after.customerId()));
        }
        sql.append(" ORDER BY score DESC, customer_id FETCH FIRST ").append(limit).append(" ROWS ONLY");
        return jdbc.sql(sql.toString())
                .params(params)
                .query(MemoryRepository::leadState)
                .list();
    }

    /** Erases every record of a customer; whether there was any. */
    boolean erase(String customerId) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            int erased = 0;
            for (String table : List.of("lead_point", "lead_state", "lead_change")) {
                erased += jdbc.sql("DELETE FROM " + table + " WHERE customer_id = ?")
                        .param(customerId)
                        .update();
            }
            return erased > 0;
        }));
    }

    /**
     * Forgets what is older than {@code before}: points of earlier days, changes, and leads last scored before it.
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
                        .update());
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

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private static String rows(String row, int count) {
        StringJoiner rows = new StringJoiner(", ");
        for (int i = 0; i < count; i++) {
            rows.add(row);
        }
        return rows.toString();
    }

    private static String prefixed(String columns) {
        return "s." + columns.replace(", ", ", s.");
    }

    /** What the lock read of a lead gives: enough to tell a change of segment. */
    private record State(String customerId, Instant scoredAt, int score, Segment segment) {}
}
