package com.smoft.crm.memory;

/**
 * Where a lead's score is going: its latest score against its score at least {@code crm.memory.trend-days} days
 * earlier, {@code crm.memory.trend-points} points either way. Computed as each score is written
 * ({@link MemoryRepository}); the names are the wire's.
 */
public enum Trend {
    /** Up by trend-points or more. */
    improving,
    /** Within trend-points either way. */
    steady,
    /** Down by trend-points or more. */
    declining,
    /** No score at least trend-days older than the latest. */
    insufficient
}
