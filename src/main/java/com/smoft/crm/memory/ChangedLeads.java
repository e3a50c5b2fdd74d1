package com.smoft.crm.memory;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads back, inside a write's transaction, the segment changes that write inserted (the rows of {@code lead_change}
 * matching a score of the write's staged scores on customer and time: PostgreSQL's temporary table, H2's arrays) and hands them to the listener
 * with what the memory's tables do not hold (the probability, the model, the inputs).
 */
final class ChangedLeads {

    private ChangedLeads() {}

    /** Tells the listener, if one listens, of the changes this transaction inserted. */
    static void announce(
            JdbcClient jdbc,
            SegmentChangeListener listener,
            Collection<RememberedScore> scores,
            String staged,
            List<Object> stagedParams) {
        if (listener == null || !listener.listening()) {
            return;
        }
        Map<String, RememberedScore> byCustomer = new HashMap<>(scores.size() * 4 / 3 + 1);
        for (RememberedScore score : scores) {
            byCustomer.put(score.customerId(), score);
        }
        List<SegmentChangeListener.ChangedLead> changes = jdbc.sql(
                        "SELECT c.customer_id, c.changed_at, c.from_segment, c.to_segment, c.score_before,"
                                + " c.score_after FROM lead_change c JOIN " + staged + " s"
                                + " ON c.customer_id = s.customer_id AND c.changed_at = s.scored_at")
                .params(stagedParams)
                .query((rs, row) -> {
                    RememberedScore score = byCustomer.get(rs.getString(1));
                    Instant changedAt = rs.getObject(2, OffsetDateTime.class).toInstant();
                    Object before = rs.getObject(5);
                    return new SegmentChangeListener.ChangedLead(
                            rs.getString(1),
                            changedAt,
                            rs.getString(3),
                            rs.getString(4),
                            before == null ? null : ((Number) before).intValue(),
                            rs.getInt(6),
                            score.probability(),
                            score.modelVersion(),
                            score.inputs());
                })
                .list();
        if (!changes.isEmpty()) {
            listener.changed(changes);
        }
    }
}
