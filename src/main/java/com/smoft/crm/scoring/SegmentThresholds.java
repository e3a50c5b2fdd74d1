package com.smoft.crm.scoring;

/**
 * Score thresholds of the segments: Hot from {@code hot}, Warm from {@code warm}, Cold below.
 *
 * @param hot  lowest score of a Hot customer (70 by default)
 * @param warm lowest score of a Warm customer (40 by default)
 */
public record SegmentThresholds(int hot, int warm) {

    /** The product's thresholds: Hot >= 70, Warm 40-69, Cold < 40. */
    public static final SegmentThresholds DEFAULT = new SegmentThresholds(70, 40);

    public SegmentThresholds {
        if (warm < 1 || hot > 100 || hot <= warm) {
            throw new IllegalArgumentException(
                    "segment thresholds need 1 <= warm < hot <= 100, got hot=" + hot + ", warm=" + warm);
        }
    }

    /** The segment of a score from 0 to 100. */
    public Segment segmentOf(int score) {
        if (score >= hot) {
            return Segment.HOT;
        }
        return score >= warm ? Segment.WARM : Segment.COLD;
    }
}
