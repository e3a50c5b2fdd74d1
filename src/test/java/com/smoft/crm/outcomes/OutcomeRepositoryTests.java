package com.smoft.crm.outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smoft.crm.memory.CustomerHolds;
import com.smoft.crm.memory.DurableWrites;
import com.smoft.crm.memory.TestDatabases;
import com.smoft.crm.scoring.Outcome;
import com.smoft.crm.scoring.OutcomeTally;
import com.smoft.crm.scoring.PostedOutcome;
import com.smoft.crm.scoring.SegmentThresholds;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionException;

/** The outcomes' table and queries, on H2 and on a real PostgreSQL server, through the same SQL. */
@Execution(ExecutionMode.CONCURRENT)
class OutcomeRepositoryTests {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Duration WINDOW = Duration.ofDays(90);
    private static final Instant MONDAY =
            ZonedDateTime.of(2026, 11, 2, 10, 0, 0, 0, PARIS).toInstant();

    private static final Instant LONG_SINCE = MONDAY.minus(Duration.ofDays(90));
    private static final Instant SHORT_SINCE = MONDAY.minus(Duration.ofDays(30));

    private static PostedOutcome outcome(String id, Outcome outcome, Instant at) {
        return new PostedOutcome(0, id, outcome, at);
    }

    /** C-1 converted the day after MONDAY, recorded the day after. */
    private static void recordConversionOfC1(OutcomeRepository repository) {
        repository.record(
                List.of(outcome("C-1", Outcome.converted, MONDAY.plus(Duration.ofDays(1)))),
                MONDAY.plus(Duration.ofDays(2)),
                WINDOW,
                PARIS,
                true,
                LONG_SINCE,
                SHORT_SINCE);
    }

    /** A listener that always listens, told of each recording's outcomes. */
    private static OutcomeListener listening(Consumer<List<OutcomeListener.WrittenOutcome>> told) {
        return new OutcomeListener() {
            @Override
            public boolean listening() {
                return true;
            }

            @Override
            public void recorded(List<WrittenOutcome> outcomes) {
                told.accept(outcomes);
            }
        };
    }

    @ParameterizedTest
    @EnumSource(OutcomeDatabases.Kind.class)
    void shouldJoinEachOutcomeWithTheCustomersLastScoreBeforeItWithinTheWindow(OutcomeDatabases.Kind kind) {
        try (var database = OutcomeDatabases.open(kind)) {
            database.point("C-1", MONDAY, 40, "v1", PARIS);
            database.point("C-1", MONDAY.plus(Duration.ofDays(3)), 80, "v2", PARIS);
            // After the outcome: not what the outcome judges.
            database.point("C-1", MONDAY.plus(Duration.ofDays(10)), 20, "v2", PARIS);
            // Scored once, long before the window.
            database.point("C-2", MONDAY.minus(Duration.ofDays(200)), 70, "v1", PARIS);
            OutcomeRepository repository = database.repository();

            OutcomeRepository.Written written = repository.record(
                    List.of(
                            outcome("C-1", Outcome.converted, MONDAY.plus(Duration.ofDays(5))),
                            outcome("C-2", Outcome.lost, MONDAY),
                            outcome("NEVER", Outcome.lost, MONDAY)),
                    MONDAY.plus(Duration.ofDays(6)),
                    WINDOW,
                    PARIS,
                    true,
                    LONG_SINCE,
                    SHORT_SINCE);

            assertThat(written.matched()).isEqualTo(1);
            assertThat(written.unmatched()).isEqualTo(2);
            assertThat(written.duplicates()).isZero();
            assertThat(repository.of("C-1", 10)).singleElement().satisfies(recorded -> {
                assertThat(recorded.outcome()).isEqualTo(Outcome.converted);
                assertThat(recorded.matched().score()).isEqualTo(80);
                assertThat(recorded.matched().modelVersion()).isEqualTo("v2");
                assertThat(recorded.matched().scoredAt()).isEqualTo(MONDAY.plus(Duration.ofDays(3)));
            });
            assertThat(repository.of("C-2", 10))
                    .singleElement()
                    .satisfies(recorded -> assertThat(recorded.matched()).isNull());
        }
    }

    @Test
    void shouldKeepRecordedOutcomesThroughACrash(@TempDir Path directory) {
        var database = new OutcomeDatabases.Database(TestDatabases.openFile(directory));
        database.point("C-1", MONDAY, 40, "v1", PARIS);
        recordConversionOfC1(database.repository());

        TestDatabases.crashH2(database.database());

        try (var restarted = new OutcomeDatabases.Database(TestDatabases.openFile(directory))) {
            assertThat(restarted.repository().of("C-1", 10)).hasSize(1);
        }
    }

    @Test
    void shouldReopenAfterACrashInTheMiddleOfARecordingWithoutAnyOfIt(@TempDir Path directory) throws Exception {
        var database = new OutcomeDatabases.Database(TestDatabases.openFile(directory));
        database.point("C-1", MONDAY, 40, "v1", PARIS);
        OutcomeRepository repository = database.repository();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        // The recording waits inside its transaction, its rows written, until the crash.
        repository.listen(listening(outcomes -> {
            inside.countDown();
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        Thread recording = Thread.ofVirtual().start(() -> {
            try {
                recordConversionOfC1(repository);
            } catch (DataAccessException | TransactionException crashed) {
                // Its database stopped under it (its rollback too): what this test does.
            }
        });
        assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
        // Another write saved meanwhile, the recording's rows and undo log with it, as under load.
        database.point("C-2", MONDAY, 40, "v1", PARIS);
        DurableWrites.sync(database.dataSource());

        TestDatabases.crashH2(database.database());
        recording.interrupt();
        // Ended before the test does, so that nothing of it is reported against another test.
        assertThat(recording.join(Duration.ofSeconds(30))).isTrue();

        try (var restarted = new OutcomeDatabases.Database(TestDatabases.openFile(directory))) {
            assertThat(restarted.repository().of("C-1", 10)).isEmpty();
            assertThat(restarted.count("lead_point")).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(OutcomeDatabases.Kind.class)
    void shouldTellItsListenerExactlyTheOutcomesWrittenInsideTheirTransaction(OutcomeDatabases.Kind kind) {
        try (var database = OutcomeDatabases.open(kind)) {
            database.point("C-1", MONDAY, 70, "v1", PARIS);
            OutcomeRepository repository = database.repository();
            repository.record(
                    List.of(outcome("C-1", Outcome.lost, MONDAY.plus(Duration.ofDays(1)))),
                    MONDAY,
                    WINDOW,
                    PARIS,
                    true,
                    LONG_SINCE,
                    SHORT_SINCE);
            List<OutcomeListener.WrittenOutcome> told = new ArrayList<>();
            repository.listen(listening(outcomes -> {
                told.addAll(outcomes);
                if (outcomes.stream().anyMatch(written -> written.customerId().equals("FAILS"))) {
                    throw new IllegalStateException("the listener's write failed");
                }
            }));

            Instant recordedAt = MONDAY.plus(Duration.ofDays(2));
            repository.record(
                    List.of(
                            outcome("C-1", Outcome.converted, MONDAY.plus(Duration.ofDays(1))),
                            // Recorded already: not written, not told.
                            outcome("C-1", Outcome.lost, MONDAY.plus(Duration.ofDays(1))),
                            outcome("NEVER", Outcome.lost, MONDAY)),
                    recordedAt,
                    WINDOW,
                    PARIS,
                    true,
                    LONG_SINCE,
                    SHORT_SINCE);

            assertThat(told)
                    .containsExactly(
                            new OutcomeListener.WrittenOutcome(
                                    "C-1",
                                    "converted",
                                    MONDAY.plus(Duration.ofDays(1)),
                                    recordedAt,
                                    70,
                                    0.7,
                                    "Warm",
                                    "v1"),
                            new OutcomeListener.WrittenOutcome(
                                    "NEVER", "lost", MONDAY, recordedAt, null, null, null, null));
            // In the recording's transaction: what the listener fails to write, the recording does not write either.
            assertThatThrownBy(() -> repository.record(
                            List.of(outcome("FAILS", Outcome.lost, MONDAY)),
                            recordedAt,
                            WINDOW,
                            PARIS,
                            true,
                            LONG_SINCE,
                            SHORT_SINCE))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(database.count("lead_outcome")).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @EnumSource(OutcomeDatabases.Kind.class)
    void shouldChangeNothingWhenTheSameOutcomesArePostedTwice(OutcomeDatabases.Kind kind) {
        try (var database = OutcomeDatabases.open(kind)) {
            database.point("C-1", MONDAY, 60, "v1", PARIS);
            OutcomeRepository repository = database.repository();
            List<PostedOutcome> file = List.of(
                    outcome("C-1", Outcome.converted, MONDAY.plus(Duration.ofHours(2))),
                    outcome("C-3", Outcome.lost, MONDAY));

            repository.record(file, MONDAY, WINDOW, PARIS, true, LONG_SINCE, SHORT_SINCE);
            // The same customer, outcome and day, at another hour: the same outcome.
            OutcomeRepository.Written again = repository.record(
                    List.of(
                            outcome("C-1", Outcome.converted, MONDAY.plus(Duration.ofHours(5))),
                            outcome("C-3", Outcome.lost, MONDAY)),
                    MONDAY,
                    WINDOW,
                    PARIS,
                    true,
                    LONG_SINCE,
                    SHORT_SINCE);

            assertThat(again.duplicates()).isEqualTo(2);
            assertThat(again.matched() + again.unmatched()).isZero();
            assertThat(database.count("lead_outcome")).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(OutcomeDatabases.Kind.class)
    void shouldCountTheSameOutcomesPostedAtOnceByManyWritersAsDuplicatesWithoutFailingOne(OutcomeDatabases.Kind kind)
            throws Exception {
        try (var database = OutcomeDatabases.open(kind)) {
            List<String> customers =
                    IntStream.range(0, 400).mapToObj(i -> "C-" + i).toList();
            customers.forEach(id -> database.point(id, MONDAY, 60, "v1", PARIS));
            // Six writers post overlapping files at once, three times each: the same customers, outcomes and days. On
            // PostgreSQL they are three replicas, whose writes do not take turns in one process.
            List<OutcomeRepository> replicas = IntStream.range(0, kind == OutcomeDatabases.Kind.POSTGRESQL ? 3 : 1)
                    .mapToObj(replica -> database.repository())
                    .toList();
            List<List<PostedOutcome>> files = new ArrayList<>();
            Random random = new Random(7);
            for (int file = 0; file < 18; file++) {
                List<String> sample = new ArrayList<>(customers);
                Collections.shuffle(sample, random);
                files.add(sample.subList(0, 300).stream()
                        .map(id -> outcome(
                                id,
                                random.nextBoolean() ? Outcome.converted : Outcome.lost,
                                MONDAY.plus(Duration.ofDays(1 + random.nextInt(2)))))
                        .distinct()
                        .toList());
            }
            ExecutorService writers = Executors.newFixedThreadPool(6);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<OutcomeRepository.Written>> written = new ArrayList<>();
                for (int file = 0; file < files.size(); file++) {
                    OutcomeRepository replica = replicas.get(file % replicas.size());
                    List<PostedOutcome> posted = files.get(file);
                    written.add(writers.submit(() -> {
                        start.await();
                        return replica.record(
                                posted, MONDAY.plus(Duration.ofDays(3)), WINDOW, PARIS, true, LONG_SINCE, SHORT_SINCE);
                    }));
                }
                start.countDown();
                int recorded = 0;
                int duplicates = 0;
                for (Future<OutcomeRepository.Written> each : written) {
                    OutcomeRepository.Written one = each.get(60, TimeUnit.SECONDS);
                    recorded += one.matched() + one.unmatched();
                    duplicates += one.duplicates();
                }
                long distinct = files.stream()
                        .flatMap(List::stream)
                        .map(posted -> posted.customerId() + "/" + posted.outcome() + "/"
                                + LocalDate.ofInstant(posted.at(), PARIS))
                        .distinct()
                        .count();
                assertThat(database.count("lead_outcome")).isEqualTo(distinct);
                assertThat(recorded).isEqualTo(distinct);
                assertThat(duplicates)
                        .isEqualTo(files.stream().mapToInt(List::size).sum() - distinct);
            } finally {
                writers.shutdownNow();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(OutcomeDatabases.Kind.class)
    void shouldLetNoOutcomeOutliveAnErasureRecordedAtTheSameTime(OutcomeDatabases.Kind kind) throws Exception {
        try (var database = OutcomeDatabases.open(kind)) {
            // Half of them scored, with a state; half never scored, with nothing of theirs yet.
            List<String> scored =
                    IntStream.range(0, 100).mapToObj(i -> "E-" + i).toList();
            List<String> customers = new ArrayList<>(scored);
            IntStream.range(0, 100).forEach(i -> customers.add("N-" + i));
            JdbcClient jdbc = JdbcClient.create(database.dataSource());
            for (String id : scored) {
                database.point(id, MONDAY, 60, "v1", PARIS);
                jdbc.sql("INSERT INTO lead_state (customer_id, scored_at, score, probability, segment, model_version,"
                                + " trend) VALUES (?, ?, 60, 0.6, 'Warm', 'v1', 'insufficient')")
                        .params(id, MONDAY.atOffset(ZoneOffset.UTC))
                        .update();
            }
            // On H2 one process erases and records, holding its customers in one place; on PostgreSQL the erasures
            // and the recordings come from two replicas, with nothing held in common.
            CustomerHolds recorderHolds = new CustomerHolds();
            CustomerHolds eraserHolds = kind == OutcomeDatabases.Kind.H2 ? recorderHolds : new CustomerHolds();
            OutcomeRepository recorder = database.repository(recorderHolds);
            ExecutorService both = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (String id : customers) {
                    CountDownLatch start = new CountDownLatch(1);
                    done.add(both.submit(() -> {
                        start.await();
                        return TestDatabases.erase(
                                database.database(), eraserHolds, id, MONDAY.plus(Duration.ofDays(3)));
                    }));
                    done.add(both.submit(() -> {
                        start.countDown();
                        return recorder.record(
                                List.of(outcome(id, Outcome.converted, MONDAY.plus(Duration.ofDays(1)))),
                                MONDAY.plus(Duration.ofDays(3)),
                                WINDOW,
                                PARIS,
                                false,
                                LONG_SINCE,
                                SHORT_SINCE);
                    }));
                }
                for (Future<?> each : done) {
                    each.get(60, TimeUnit.SECONDS);
                }
            } finally {
                both.shutdownNow();
            }

            assertThat(database.count("lead_erasure")).isEqualTo(customers.size());
            assertThat(database.count("lead_outcome")).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(OutcomeDatabases.Kind.class)
    void shouldRefuseAnErasedCustomerWholeOrAloneAndAcceptHimOnceScoredAgain(OutcomeDatabases.Kind kind) {
        try (var database = OutcomeDatabases.open(kind)) {
            database.erased("GONE", MONDAY);
            OutcomeRepository repository = database.repository();
            List<PostedOutcome> outcomes =
                    List.of(outcome("OK", Outcome.lost, MONDAY), outcome("GONE", Outcome.converted, MONDAY));

            assertThatThrownBy(() -> repository.record(outcomes, MONDAY, WINDOW, PARIS, true, LONG_SINCE, SHORT_SINCE))
                    .isInstanceOfSatisfying(
                            OutcomeRepository.ErasedCustomersException.class,
                            e -> assertThat(e.customers()).containsExactly("GONE"));
            assertThat(database.count("lead_outcome")).isZero();

            OutcomeRepository.Written skipped =
                    repository.record(outcomes, MONDAY, WINDOW, PARIS, false, LONG_SINCE, SHORT_SINCE);
            assertThat(skipped.erased()).isEqualTo(Set.of("GONE"));
            assertThat(skipped.unmatched()).isEqualTo(1);

            // Scored again after his erasure: a customer again.
            org.springframework.jdbc.core.simple.JdbcClient.create(database.dataSource())
                    .sql("INSERT INTO lead_state (customer_id, scored_at, score, probability, segment, model_version,"
                            + " trend) VALUES ('GONE', ?, 50, 0.5, 'Warm', 'v1', 'insufficient')")
                    .param(MONDAY.plus(Duration.ofDays(1)).atOffset(java.time.ZoneOffset.UTC))
                    .update();
            assertThat(repository
                            .record(outcomes, MONDAY, WINDOW, PARIS, true, LONG_SINCE, SHORT_SINCE)
                            .erased())
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(OutcomeDatabases.Kind.class)
    void shouldTallyTheMatchedOutcomesPerVersionOverBothWindowsAsTheEngineWould(OutcomeDatabases.Kind kind) {
        try (var database = OutcomeDatabases.open(kind)) {
            Instant now = MONDAY.plus(Duration.ofDays(100));
            List<PostedOutcome> outcomes = new ArrayList<>();
            OutcomeTally expectedLong = new OutcomeTally();
            OutcomeTally expectedShort = new OutcomeTally();
            for (int i = 0; i < 60; i++) {
                String id = "T-" + i;
                int score = 10 + i;
                Instant scored = now.minus(Duration.ofDays(i + 1));
                database.point(id, scored, score, "v1", PARIS);
                boolean converted = i % 3 == 0;
                Instant at = scored.plus(Duration.ofHours(1));
                outcomes.add(outcome(id, converted ? Outcome.converted : Outcome.lost, at));
                expectedLong.add(score, score / 100.0, converted, 1);
                if (!at.isBefore(now.minus(Duration.ofDays(30)))) {
                    expectedShort.add(score, score / 100.0, converted, 1);
                }
            }
            OutcomeRepository.Written written = database.repository()
                    .record(
                            outcomes,
                            now,
                            WINDOW,
                            PARIS,
                            true,
                            now.minus(Duration.ofDays(90)),
                            now.minus(Duration.ofDays(30)));

            Map<String, OutcomeTally[]> tallies =
                    database.repository().tallies(now.minus(Duration.ofDays(90)), now.minus(Duration.ofDays(30)));
            // What a recording adds to the live tally is what a full tally finds of it.
            assertThat(written.tallied()).containsOnlyKeys("v1");
            for (int window = 0; window < 2; window++) {
                assertThat(written.tallied().get("v1")[window].metrics(SegmentThresholds.DEFAULT))
                        .isEqualTo(tallies.get("v1")[window].metrics(SegmentThresholds.DEFAULT));
            }

            assertThat(tallies).containsOnlyKeys("v1");
            assertThat(tallies.get("v1")[0].outcomes()).isEqualTo(60);
            assertThat(tallies.get("v1")[0].auc()).isEqualTo(expectedLong.auc());
            assertThat(tallies.get("v1")[0].brierScore()).isEqualTo(expectedLong.brierScore());
            assertThat(tallies.get("v1")[1].outcomes()).isEqualTo(expectedShort.outcomes());
            assertThat(tallies.get("v1")[1].calibrationError()).isEqualTo(expectedShort.calibrationError());
        }
    }
}
