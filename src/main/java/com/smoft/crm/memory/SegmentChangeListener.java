package com.smoft.crm.memory;

import com.smoft.crm.scoring.Customer;
import java.time.Instant;
import java.util.List;

/**
 * Told of what a write of the memory changes, inside the write's own transaction, so that what it writes commits or
 * rolls back with the change: the events outbox (issue "Tell the CRM when it matters") listens.
 */
public interface SegmentChangeListener {

    /** Whether anyone listens now: when not, the memory does not even read its changes back (events off cost nothing). */
    boolean listening();

    /** The segment changes a write just inserted; called in its transaction, on its connection. */
    void changed(List<ChangedLead> changes);

    /** A customer and all his records are being erased, in the erasure's transaction. */
    void erased(String customerId);

    /**
     * One change of segment, with the score that made it.
     *
     * @param customerId   the customer
     * @param changedAt    when he was scored into his new segment
     * @param fromSegment  his segment before, or {@code null} at his first score
     * @param toSegment    his segment now
     * @param scoreBefore  his score before, or {@code null} at his first score
     * @param scoreAfter   his score now
     * @param probability  the calibrated probability of his score now
     * @param modelVersion the model that scored him
     * @param inputs       the customer as scored
     */
    record ChangedLead(
            String customerId,
            Instant changedAt,
            String fromSegment,
            String toSegment,
            Integer scoreBefore,
            int scoreAfter,
            double probability,
            String modelVersion,
            Customer inputs) {}
}
