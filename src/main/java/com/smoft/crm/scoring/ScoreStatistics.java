package com.smoft.crm.scoring;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * How the service has been scoring since it started: counts per segment and the score distribution of every
 * answer, and, for drift, the latest score of each distinct customer. Drift rests on customers, not on answers:
 * one caller scoring the same customer six hundred times counts as one customer, so it cannot move the figure
 * every caller reads. The {@value #TRACKED_CUSTOMERS} customers scored most recently are kept; an older one
 * leaves the count when a new one comes.
 */
public final class ScoreStatistics {

    /** Ten bins of ten points: 0-9, 10-19, ..., 90-100. */
    public static final int BINS = 10;

    /** The most distinct customers whose latest score drift rests on (about 7 MB). */
    public static final int TRACKED_CUSTOMERS = 100_000;

    private final Instant startedAt = Instant.now();
    private final LongAdder scored = new LongAdder();
    private final Map<Segment, LongAdder> perSegment = new EnumMap<>(Segment.class);
    private final LongAdder[] distribution = new LongAdder[BINS];
    /** Each tracked customer's key and the bin of his latest score, oldest first. */
    private final LinkedHashMap<Long, Byte> latestBin = new LinkedHashMap<>();

    private final long[] customersPerBin = new long[BINS];

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
        count(lead.score(), lead.segment());
        synchronized (latestBin) {
            remember(lead.customerId(), lead.score());
        }
    }

    /** Counts every customer of a scored batch. */
    public void record(LeadScorer.ScoredBatch batch) {
        long[] bins = new long[BINS];
        for (int i = 0; i < batch.size(); i++) {
            bins[binOf(batch.score(i))]++;
        }
        SegmentCounts segments = batch.segmentCounts();
        scored.add(segments.total());
        for (Segment segment : Segment.values()) {
            perSegment.get(segment).add(segments.of(segment));
        }
        for (int bin = 0; bin < BINS; bin++) {
            distribution[bin].add(bins[bin]);
        }
        synchronized (latestBin) {
            for (int i = 0; i < batch.size(); i++) {
                remember(batch.customerId(i), batch.score(i));
            }
        }
    }

    private void count(int score, Segment segment) {
        scored.increment();
        perSegment.get(segment).increment();
        distribution[binOf(score)].increment();
    }

    private void remember(CustomerId customer, int score) {
        byte bin = (byte) binOf(score);
        Byte before = latestBin.remove(keyOf(customer));
        if (before != null) {
            customersPerBin[before]--;
        } else if (latestBin.size() == TRACKED_CUSTOMERS) {
            var oldest = latestBin.pollFirstEntry();
            customersPerBin[oldest.getValue()]--;
        }
        latestBin.put(keyOf(customer), bin);
        customersPerBin[bin]++;
    }

    private static int binOf(int score) {
        return Math.min(BINS - 1, score / 10);
    }

    /** A customer as a number: his own when it is one (never negative), a 63-bit hash of his text otherwise. */
    private static long keyOf(CustomerId customer) {
        if (customer.number() != null) {
            return customer.number();
        }
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < customer.text().length(); i++) {
            hash = (hash ^ customer.text().charAt(i)) * 0x100000001b3L;
        }
        return hash | Long.MIN_VALUE;
    }

    /** Distinct customers per bin of ten points, each by his latest score: what drift is measured on. */
    public long[] customersPerBin() {
        synchronized (latestBin) {
            return customersPerBin.clone();
        }
    }

    /** Customers scored since start. */
    public long scored() {
        return scored.sum();
    }

    /** Customers scored per segment since start. */
    public long scored(Segment segment) {
        return perSegment.get(segment).sum();
    }

    /** Customers scored per segment since start, as one count. */
    public SegmentCounts perSegment() {
        SegmentCounts counts = new SegmentCounts();
        for (Segment segment : Segment.values()) {
            counts.add(segment, scored(segment));
        }
        return counts;
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
