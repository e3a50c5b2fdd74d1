package com.smoft.crm.memory;

/**
 * Where a lead's score is going: its latest score against its score at least {@code crm.memory.trend-days} days
 * earlier, {@code crm.memory.trend-points} points either way. The names are the wire's.
 */
public enum Trend {
    /** Up by trend-points or more. */
    improving,
    /** Within trend-points either way. */
    steady,
    /** Down by trend-points or more. */
    declining,
    /** No score at least trend-days older than the latest. */
    insufficient;

    /**
     * The trend of a score against a reference.
     *
     * @param latest    the latest score
     * @param reference the score at least trend-days earlier, or {@code null} when there is none
     * @param points    the points either way that make a trend
     */
    static Trend of(int latest, Integer reference, int points) {
        if (reference == null) {
            return insufficient;
        }
        int change = latest - reference;
        return change >= points ? improving : change <= -points ? declining : steady;
    }
}
