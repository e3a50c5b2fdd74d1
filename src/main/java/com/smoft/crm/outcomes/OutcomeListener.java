package com.smoft.crm.outcomes;

import java.time.Instant;
import java.util.List;

/**
 * Told of the outcomes a recording writes, inside the recording's own transaction, so that what it writes commits or
 * rolls back with them: the events outbox (issue "Tell the CRM when it matters") listens.
 */
public interface OutcomeListener {

    /** Whether anyone listens now: when not, the recording does not even read its outcomes back. */
    boolean listening();

    /** The outcomes a recording just wrote; called in its transaction, on its connection. */
    void recorded(List<WrittenOutcome> outcomes);

    /**
     * One outcome written, with the score it was matched with.
     *
     * @param customerId   the customer
     * @param outcome      what happened, e.g. {@code converted}
     * @param occurredAt   when it happened
     * @param recordedAt   when it was recorded
     * @param score        his last score before it within the window, {@code null} when unmatched
     * @param probability  that score's calibrated probability, {@code null} when unmatched
     * @param segment      his segment then, {@code null} when unmatched
     * @param modelVersion the model that scored him then, {@code null} when unmatched
     */
    record WrittenOutcome(
            String customerId,
            String outcome,
            Instant occurredAt,
            Instant recordedAt,
            Integer score,
            Double probability,
            String segment,
            String modelVersion) {}
}
