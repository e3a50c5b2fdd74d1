package com.smoft.crm.scoring;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** How the service has been scoring since it started: counts per segment and the score distribution. */
public final class ScoreStatistics {

    /** Ten bins of ten points: 0-9, 10-19, ..., 90-100. */
    public static final int BINS = 10;

    private final Instant startedAt = Instant.now();
    private final LongAdder scored = new LongAdder();
    private final Map<Segment, LongAdder> perSegment = new EnumMap<>(Segment.class);
    private final LongAdder[] distribution = new LongAdder[BINS];

    public ScoreStatistics() {
        for (Segment segment : Segment.values()) {
            perSegment.put(segment, new LongAdder());
        }
        for (int bin = 0; bin < BINS; bin++) {
            distribution[bin] = new LongAdder();
        }
    }

    /** Counts one scored customer. */
    public void record(LeadScore lead) {
        record(lead.score(), lead.segment());
    }

    /** Counts one scored customer. */
    public void record(int score, Segment segment) {
        scored.increment();
        perSegment.get(segment).increment();
        distribution[Math.min(BINS - 1, score / 10)].increment();
    }

    /** Customers scored since start. */
    public long scored() {
        return scored.sum();
    }

    /** Customers scored per segment since start. */
    public long scored(Segment segment) {
        return perSegment.get(segment).sum();
    }

    /** Customers per bin of ten points, the last bin holding 90 to 100. */
    public long[] distribution() {
        long[] counts = new long[BINS];
        for (int bin = 0; bin < BINS; bin++) {
            counts[bin] = distribution[bin].sum();
        }
        return counts;
    }

    /** When the service started. */
    public Instant startedAt() {
        return startedAt;
    }

    /** Time since start. */
    public Duration uptime() {
        return Duration.between(startedAt, Instant.now());
    }
}
