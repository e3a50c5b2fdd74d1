package com.smoft.crm.memory;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * A change of a lead's segment against his previous point. His first score is a change from nothing.
 *
 * @param id          the change's place in the memory (for cursors; not on the wire)
 * @param customerId  the customer's identifier, as text
 * @param changedAt   when the score that changed it was made
 * @param from        the segment before, {@code null} for a first score
 * @param to          the segment after
 * @param scoreBefore the score before, {@code null} for a first score
 * @param scoreAfter  the score after
 */
public record SegmentChange(
        @JsonIgnore long id,
        String customerId,
        Instant changedAt,
        String from,
        String to,
        Integer scoreBefore,
        int scoreAfter) {}
