package com.smoft.crm.scoring;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Customers per segment: how a batch's summary, the service's statistics and the holdout's figures count
 * segments. Not safe for use by several threads at once.
 */
public final class SegmentCounts {

    private final long[] counts = new long[Segment.values().length];

    /** Counts one more customer in {@code segment}. */
    public void add(Segment segment) {
        counts[segment.ordinal()]++;
    }

    /** Counts {@code customers} more in {@code segment}. */
    public void add(Segment segment, long customers) {
        counts[segment.ordinal()] += customers;
    }

    /** The customers counted in {@code segment}. */
    public long of(Segment segment) {
        return counts[segment.ordinal()];
    }

    /** The customers counted in every segment. */
    public long total() {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }

    /** The counts by segment label, Hot first: {@code {"Hot": n, "Warm": n, "Cold": n}}. */
    public Map<String, Long> byLabel() {
        Map<String, Long> byLabel = new LinkedHashMap<>();
        for (Segment segment : Segment.values()) {
            byLabel.put(segment.label(), of(segment));
        }
        return byLabel;
    }

    /** The customers of each segment among holdout or served customers counted per score ({@code perScore[s]} scored s). */
    public static SegmentCounts ofScores(int[] perScore, SegmentThresholds thresholds) {
        SegmentCounts counts = new SegmentCounts();
        for (int score = 0; score < perScore.length; score++) {
            counts.add(thresholds.segmentOf(score), perScore[score]);
        }
        return counts;
    }
}
