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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The engine's speed on the shipped model: Smile's stock predict against the compiled forest, one
 * customer at a time and in batches, and the whole scorer (signals, calibration, texts).
 * Run with {@code ./mvnw -Pbench test-compile exec:exec}; see docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EngineBenchmark {

    private static final int POOL = 4096;

    @Param({"1000", "100000", "1000000"})
    int customers;

    LoadedModel model;
    LeadScorer scorer;
    Signals[] pool;
    double[][] poolArrays;
    double[] flatSignals;
    List<Customer> batch;

    @Setup(Level.Trial)
    public void load() {
        model = ModelFiles.load(ShippedModel.PATH);
        scorer = new LeadScorer(new ModelRegistry(model), SegmentThresholds.DEFAULT, Texts.bundled());
        SplittableRandom random = new SplittableRandom(42);
        pool = new Signals[POOL];
        poolArrays = new double[POOL][];
        for (int i = 0; i < POOL; i++) {
            pool[i] = model.signals(randomCustomer(random, i));
            poolArrays[i] = pool[i].toArray();
        }
        batch = new ArrayList<>(customers);
        flatSignals = new double[customers * Signals.COUNT];
        for (int i = 0; i < customers; i++) {
            Customer customer = randomCustomer(random, i);
            batch.add(customer);
            System.arraycopy(model.signals(customer).toArray(), 0, flatSignals, i * Signals.COUNT, Signals.COUNT);
        }
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

    /** Per-thread cursor over the pool of customers, so one-customer calls do not score the same one. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int advance() {
            next = (next + 1) & (POOL - 1);
            return next;
        }
    }

    @Benchmark
    public double smilePredictOneCustomer(Cursor cursor) {
        return model.trained().smileVoteShare(pool[cursor.advance()]);
    }

    @Benchmark
    public double compiledOneCustomer(Cursor cursor) {
        return model.compiled().voteShare(poolArrays[cursor.advance()]);
    }

    /** Scores the whole batch in this thread: with -t 2, two threads each score a batch. */
    @Benchmark
    public double[] compiledBatch() {
        double[] shares = new double[customers];
        model.compiled().voteShares(flatSignals, 0, customers, shares);
        return shares;
    }

    /** The whole scorer, which splits the batch over the common pool itself: one calling thread. */
    @Benchmark
    @Threads(1)
    public List<LeadScore> scorerBatch() {
        return scorer.scoreAll(batch, Locale.FRENCH, false);
    }

    @Benchmark
    @Threads(1)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public LeadScore scorerExplainOneCustomer(Cursor cursor) {
        return scorer.score(batch.get(cursor.advance() % customers), Locale.FRENCH, true);
    }
}
