package com.smoft.crm.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The what-if search's speed on the shipped model (issue 26): one customer below Hot (the next step), one Hot
 * customer (the days before he falls), each against the plain score of the same customers, and a batch of 100 000
 * customers with the search. Sampled, so JMH gives the median and the tail per call. Run with
 * {@code ./mvnw -Pbench test-compile exec:exec -Djmh.args="WhatIfBenchmark ..."}; see docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WhatIfBenchmark {

    private static final int POOL = 4096;
    private static final int BATCH = 100_000;

    LeadScorer scorer;
    Customer[] belowHot;
    Customer[] hot;
    List<Customer> batch;

    @Setup(Level.Trial)
    public void load() {
        scorer = LeadScorer.of(ModelFiles.load(ShippedModel.PATH));
        SplittableRandom random = new SplittableRandom(26);
        List<Customer> below = new ArrayList<>();
        List<Customer> above = new ArrayList<>();
        batch = new ArrayList<>(BATCH);
        for (long id = 0; below.size() < POOL || above.size() < POOL || batch.size() < BATCH; id++) {
            // Every other customer drawn where Hot ones are common, so both pools fill.
            Customer customer = id % 2 == 0 ? randomCustomer(random, id) : engagedCustomer(random, id);
            if (batch.size() < BATCH && id % 2 == 0) {
                batch.add(customer);
            }
            List<Customer> pool = scorer.score(customer).segment() == Segment.HOT ? above : below;
            if (pool.size() < POOL) {
                pool.add(customer);
            }
        }
        belowHot = below.toArray(Customer[]::new);
        hot = above.toArray(Customer[]::new);
    }

    private static Customer randomCustomer(SplittableRandom random, long id) {
        int sent = random.nextInt(0, 60);
        return new Customer(
                id,
                random.nextInt(0, 300),
                random.nextInt(0, 40),
                random.nextDouble(0, 4000),
                sent,
                sent == 0 ? 0 : random.nextInt(0, sent + 1),
                random.nextInt(0, 80),
                random.nextInt(1, 3000));
    }

    private static Customer engagedCustomer(SplittableRandom random, long id) {
        int sent = random.nextInt(5, 40);
        return new Customer(
                id,
                random.nextInt(0, 30),
                random.nextInt(10, 40),
                random.nextDouble(0, 4000),
                sent,
                random.nextInt(sent / 2, sent + 1),
                random.nextInt(10, 80),
                random.nextInt(1, 3000));
    }

    /** Per-thread cursor over a pool, so one-customer calls do not score the same one. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int advance() {
            next = (next + 1) & (POOL - 1);
            return next;
        }
    }

    @Benchmark
    public LeadScore nextStepOneCustomer(Cursor cursor) {
        return scorer.score(belowHot[cursor.advance()], Locale.FRENCH, false, true);
    }

    @Benchmark
    public LeadScore atRiskOneCustomer(Cursor cursor) {
        return scorer.score(hot[cursor.advance()], Locale.FRENCH, false, true);
    }

    /** The same customers below Hot, scored without the search: what the search adds. */
    @Benchmark
    public LeadScore scoreOnlyOneCustomer(Cursor cursor) {
        return scorer.score(belowHot[cursor.advance()], Locale.FRENCH, false, false);
    }

    /** 100 000 customers with the search, split over the common pool as the service's batch path does. */
    @Benchmark
    @Threads(1)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public LeadScorer.ScoredBatch batchWithWhatIf() {
        return scorer.scoreBatch(batch, true);
    }
}
