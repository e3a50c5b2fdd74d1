package com.smoft.crm.outcomes;

import com.smoft.crm.scoring.Outcome;
import java.time.Instant;

/**
 * An outcome as the memory keeps it, beside a lead's history.
 *
 * @param outcome    what happened
 * @param at         when it happened
 * @param recordedAt when it was recorded
 * @param matched    the customer's last score before it, which live accuracy judges; {@code null} when none lay
 *                   within crm.memory.outcome-window (unmatched)
 */
public record RecordedOutcome(Outcome outcome, Instant at, Instant recordedAt, MatchedScore matched) {

    /**
     * The score an outcome was joined with.
     *
     * @param scoredAt     when it was made
     * @param score        the score
     * @param probability  its probability
     * @param segment      its segment
     * @param modelVersion the model that made it
     */
    public record MatchedScore(Instant scoredAt, int score, double probability, String segment, String modelVersion) {}
}
