package com.smoft.crm.scoring;

/**
 * Score thresholds of the segments: Hot from {@code hot}, Warm from {@code warm}, Cold below. The one declaration of
 * the segment rule: the scorer segments with it, a model card records the thresholds its Hot figures were computed
 * at, and the service's settings ({@code crm.segments.*}) default to {@link #DEFAULT}.
 *
 * @param hot  lowest score of a Hot customer ({@value #DEFAULT_HOT} by default)
 * @param warm lowest score of a Warm customer ({@value #DEFAULT_WARM} by default)
 */
public record SegmentThresholds(int hot, int warm) {

    /** The product's lowest Hot score. */
    public static final int DEFAULT_HOT = 70;
    /** The product's lowest Warm score. */
    public static final int DEFAULT_WARM = 40;
    /** The highest score, which a Hot threshold may reach. */
    public static final int MAX_SCORE = 100;

    /** The product's thresholds: Hot >= 70, Warm 40-69, Cold < 40. */
    public static final SegmentThresholds DEFAULT = new SegmentThresholds(DEFAULT_HOT, DEFAULT_WARM);

    public SegmentThresholds {
        if (warm < 1 || hot > MAX_SCORE || hot <= warm) {
            throw new IllegalArgumentException(
                    "segment thresholds need 1 <= warm < hot <= " + MAX_SCORE + ", got hot=" + hot + ", warm=" + warm);
        }
    }

    /** The segment of a score from 0 to 100. */
    public Segment segmentOf(int score) {
        if (score >= hot) {
            return Segment.HOT;
        }
        return score >= warm ? Segment.WARM : Segment.COLD;
    }

    /** The lowest score of a segment: {@link #hot()}, {@link #warm()} or 0. */
    public int lowestScore(Segment segment) {
        return switch (segment) {
            case HOT -> hot;
            case WARM -> warm;
            case COLD -> 0;
        };
    }

    /** The scores of a segment in words: {@code >= 70}, {@code 40-69} or {@code < 40}. */
    public String rangeOf(Segment segment) {
        return switch (segment) {
            case HOT -> ">= " + hot;
            case WARM -> warm + "-" + (hot - 1);
            case COLD -> "< " + warm;
        };
    }
}
