package com.smoft.crm.memory;

import static org.assertj.core.api.Assertions.assertThat;

import com.smoft.crm.scoring.Customer;
import com.smoft.crm.scoring.CustomerId;
import com.smoft.crm.scoring.Segment;
import com.smoft.crm.scoring.SegmentThresholds;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The memory's tables and queries, on H2 and on a real PostgreSQL server, through the same SQL. */
@Execution(ExecutionMode.CONCURRENT)
class MemoryRepositoryTests {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final SegmentThresholds THRESHOLDS = SegmentThresholds.DEFAULT;
    private static final Instant MONDAY =
            ZonedDateTime.of(2026, 11, 2, 10, 0, 0, 0, PARIS).toInstant();

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void shouldKeepOnePointPerCustomerAndDayTheDaysLatest(TestDatabases.Kind kind) {
        try (var database = TestDatabases.open(kind)) {
            MemoryRepository repository = database.repository();
            write(repository, score("C-1", MONDAY, 50));
            write(repository, score("C-1", MONDAY.plus(Duration.ofHours(5)), 60));
            // Written after, scored before: history, not news.
            write(repository, score("C-1", MONDAY.plus(Duration.ofHours(2)), 40));

            List<HistoryPoint> history = repository.history("C-1", 90);
            assertThat(history).singleElement().satisfies(point -> {
                assertThat(point.score()).isEqualTo(60);
                assertThat(point.inputs().customerId()).isEqualTo("C-1");
                assertThat(point.inputs().totalSpent()).isEqualTo(1500.5);
            });
            assertThat(repository.state("C-1"))
                    .hasValueSatisfying(state -> assertThat(state.score()).isEqualTo(60));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void shouldRecordAChangeWhenTheSegmentDiffersFromThePreviousPoint(TestDatabases.Kind kind) {
        try (var database = TestDatabases.open(kind)) {
            MemoryRepository repository = database.repository();
            write(repository, score("C-1", MONDAY, 55));
            write(repository, score("C-1", MONDAY.plus(Duration.ofDays(1)), 60));
            write(repository, score("C-1", MONDAY.plus(Duration.ofDays(2)), 75));

            List<SegmentChange> changes = repository.changesOf("C-1", 10);
            assertThat(changes)
                    .extracting(
                            SegmentChange::from,
                            SegmentChange::to,
                            SegmentChange::scoreBefore,
                            SegmentChange::scoreAfter)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("Warm", "Hot", 60, 75),
                            org.assertj.core.groups.Tuple.tuple(null, "Warm", null, 55));
            assertThat(repository.history("C-1", 90))
                    .extracting(HistoryPoint::score)
                    .containsExactly(75, 60, 55);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void shouldCompareTheLatestScoreWithTheScoreAtLeastTrendDaysEarlier(TestDatabases.Kind kind) {
        try (var database = TestDatabases.open(kind)) {
            MemoryRepository repository = database.repository();
            write(repository, score("C-1", MONDAY, 50));
            write(repository, score("C-1", day(3), 60));
            assertThat(trendOf(repository)).isEqualTo(Trend.insufficient);
            write(repository, score("C-1", day(8), 58));
            assertThat(trendOf(repository)).as("58 against day 0's 50").isEqualTo(Trend.improving);
            write(repository, score("C-1", day(9), 52));
            assertThat(trendOf(repository)).as("52 against day 0's 50").isEqualTo(Trend.steady);
            write(repository, score("C-1", day(11), 40));
            assertThat(trendOf(repository)).as("40 against day 3's 60").isEqualTo(Trend.declining);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void shouldPageChangesNewestFirstNeitherRepeatingNorSkippingWhileScoresArrive(TestDatabases.Kind kind) {
        try (var database = TestDatabases.open(kind)) {
            MemoryRepository repository = database.repository();
            // 25 customers turning Hot, five by five at the same instant: ties the cursor must break.
            for (int i = 0; i < 25; i++) {
                write(repository, score("C-" + i, MONDAY.plus(Duration.ofMinutes(i / 5)), 80));
            }
            List<String> seen = new ArrayList<>();
            Cursor.ChangePosition after = null;
            do {
                List<SegmentChange> page = repository.changes(MONDAY, Segment.HOT, after, 7);
                page.forEach(change -> seen.add(change.customerId()));
                after = page.size() < 7
                        ? null
                        : new Cursor.ChangePosition(
                                page.getLast().changedAt(), page.getLast().id());
                // A newer change meanwhile belongs before the first page, not in the next one.
                write(repository, score("NEW-" + seen.size(), MONDAY.plus(Duration.ofHours(1)), 90));
            } while (after != null);

            assertThat(seen).hasSize(25).doesNotHaveDuplicates().noneMatch(id -> id.startsWith("NEW-"));
            assertThat(seen.getFirst()).isIn("C-20", "C-21", "C-22", "C-23", "C-24");
            assertThat(seen.getLast()).isIn("C-0", "C-1", "C-2", "C-3", "C-4");
            assertThat(repository.changes(MONDAY.plus(Duration.ofMinutes(30)), null, null, 100))
                    .allMatch(change -> change.customerId().startsWith("NEW-"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void shouldListCurrentLeadsBySegmentAndTrendHighestScoreFirst(TestDatabases.Kind kind) {
        try (var database = TestDatabases.open(kind)) {
            MemoryRepository repository = database.repository();
            for (int i = 0; i < 30; i++) {
                write(repository, score("C-" + i, MONDAY, 70 + i % 3));
            }
            for (int i = 0; i < 10; i++) {
                // Ten of them cool off a week later, still Hot.
                write(repository, score("C-" + i, day(8), 80 - 9));
            }
            write(repository, score("C-0", day(8), 30));

            List<LeadState> all = everyLead(repository, Segment.HOT, 4);
            assertThat(all).hasSize(29).extracting(LeadState::customerId).doesNotHaveDuplicates();
            assertThat(all).extracting(LeadState::score).isSortedAccordingTo(java.util.Comparator.reverseOrder());

            assertThat(repository.leads(Segment.HOT, Trend.steady, null, 100))
                    .as("71 against 70, 72 or 71 a week before: within 5 points")
                    .hasSize(9);
            assertThat(repository.leads(Segment.COLD, Trend.declining, null, 100))
                    .extracting(LeadState::customerId)
                    .containsExactly("C-0");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void shouldListEverySegmentMergedInTheCursorsOrderWhateverTheThresholdsWere(TestDatabases.Kind kind) {
        try (var database = TestDatabases.open(kind)) {
            MemoryRepository repository = database.repository();
            List<RememberedScore> scores = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                RememberedScore score = score("C-" + i, MONDAY.plus(Duration.ofMinutes(i % 4)), (i * 37) % 101);
                // Every fifth written under other thresholds: its segment is not the one its score has today.
                Segment written = i % 5 == 0 ? Segment.values()[(score.segment().ordinal() + 1) % 3] : score.segment();
                scores.add(new RememberedScore(
                        score.customerId(),
                        score.at(),
                        score.score(),
                        score.probability(),
                        written,
                        score.modelVersion(),
                        score.inputs()));
            }
            repository.write(scores, PARIS, 7, 5);

            assertThat(everyLead(repository, null, 3))
                    .extracting(LeadState::customerId)
                    .containsExactlyElementsOf(scores.stream()
                            .sorted(java.util.Comparator.comparingInt(RememberedScore::score)
                                    .reversed()
                                    .thenComparing(RememberedScore::customerId))
                            .map(RememberedScore::customerId)
                            .toList());

            List<SegmentChange> changes = new ArrayList<>();
            Cursor.ChangePosition after = null;
            do {
                List<SegmentChange> page = repository.changes(MONDAY, null, after, 3);
                changes.addAll(page);
                after = page.size() < 3
                        ? null
                        : new Cursor.ChangePosition(
                                page.getLast().changedAt(), page.getLast().id());
            } while (after != null);
            assertThat(changes)
                    .hasSize(40)
                    .extracting(SegmentChange::customerId)
                    .doesNotHaveDuplicates();
            assertThat(changes)
                    .as("newest first, the id breaking ties")
                    .isSortedAccordingTo(java.util.Comparator.comparing(SegmentChange::changedAt)
                            .thenComparingLong(SegmentChange::id)
                            .reversed());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void shouldEraseEveryRecordOfACustomerAndNoOtherOne(TestDatabases.Kind kind) {
        try (var database = TestDatabases.open(kind)) {
            MemoryRepository repository = database.repository();
            write(repository, score("C-1", MONDAY, 50), score("C-2", MONDAY, 50));
            write(repository, score("C-1", day(1), 80));

            assertThat(repository.erase("C-1", day(2))).isTrue();
            assertThat(repository.erase("C-1", day(2))).as("nothing left").isFalse();
            // A batch scored before the erasure and written after it does not bring him back; a later score does.
            write(repository, score("C-1", day(1), 60), score("C-2", day(1), 60));
            assertThat(repository.state("C-1")).isEmpty();
            assertThat(repository.state("C-2"))
                    .hasValueSatisfying(state -> assertThat(state.score()).isEqualTo(60));
            assertThat(repository.state("C-1")).isEmpty();
            assertThat(repository.history("C-1", 90)).isEmpty();
            assertThat(repository.changesOf("C-1", 90)).isEmpty();
            assertThat(repository.changes(MONDAY, null, null, 100))
                    .extracting(SegmentChange::customerId)
                    .containsOnly("C-2");
            write(repository, score("C-1", day(3), 80));
            assertThat(repository.state("C-1")).isPresent();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void shouldPruneWhatIsOlderThanTheRetention(TestDatabases.Kind kind) {
        try (var database = TestDatabases.open(kind)) {
            MemoryRepository repository = database.repository();
            write(repository, score("OLD", MONDAY, 50));
            write(repository, score("BOTH", MONDAY, 50));
            write(repository, score("BOTH", day(20), 80));

            int pruned = repository.prune(day(10), PARIS);

            assertThat(repository.state("OLD")).isEmpty();
            assertThat(repository.history("BOTH", 90))
                    .extracting(HistoryPoint::score)
                    .containsExactly(80);
            assertThat(repository.changesOf("BOTH", 90))
                    .extracting(SegmentChange::to)
                    .containsExactly("Hot");
            assertThat(pruned).isEqualTo(2 + 2 + 1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void shouldEraseAndPruneOutcomesAndRememberAnErasureForTheRetention(TestDatabases.Kind kind) {
        try (var database = TestDatabases.open(kind)) {
            MemoryRepository repository = database.repository();
            var jdbc = org.springframework.jdbc.core.simple.JdbcClient.create(database.dataSource());
            for (String[] outcome : new String[][] {{"ONLY-OUTCOME", "20"}, {"OLD", "1"}, {"RECENT", "20"}}) {
                Instant at = day(Integer.parseInt(outcome[1]));
                jdbc.sql("INSERT INTO lead_outcome (customer_id, outcome, occurred_at, occurred_on, recorded_at)"
                                + " VALUES (?, 'lost', ?, ?, ?)")
                        .params(
                                outcome[0],
                                at.atOffset(java.time.ZoneOffset.UTC),
                                java.time.LocalDate.ofInstant(at, PARIS),
                                at.atOffset(java.time.ZoneOffset.UTC))
                        .update();
            }

            // A customer the memory knows by an outcome alone is erased all the same.
            assertThat(repository.erase("ONLY-OUTCOME", day(21))).isTrue();
            repository.prune(day(10), PARIS);

            assertThat(jdbc.sql("SELECT customer_id FROM lead_outcome")
                            .query(String.class)
                            .list())
                    .containsExactly("RECENT");
            // Kept beyond a day, for the retention: his outcomes are refused while he is not scored again.
            assertThat(database.count("lead_erasure")).isEqualTo(1);
            repository.prune(day(22), PARIS);
            assertThat(database.count("lead_erasure")).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void shouldWriteConcurrentBatchesOfTheSameCustomersWithoutLosingOne(TestDatabases.Kind kind) throws Exception {
        try (var database = TestDatabases.open(kind)) {
            MemoryRepository repository = database.repository();
            var pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> writes = new ArrayList<>();
                for (int writer = 0; writer < 4; writer++) {
                    int offset = writer;
                    writes.add(pool.submit((Callable<Void>) () -> {
                        // Each writer the same 600 customers, a different score, in a different order.
                        List<RememberedScore> scores = new ArrayList<>(IntStream.range(0, 600)
                                .mapToObj(i -> score("C-" + i, MONDAY.plusMillis(offset), 20 + 20 * offset))
                                .toList());
                        java.util.Collections.rotate(scores, offset * 150);
                        write(repository, scores.toArray(RememberedScore[]::new));
                        return null;
                    }));
                }
                for (Future<?> write : writes) {
                    write.get();
                }
            } finally {
                pool.shutdown();
            }
            assertThat(database.count("lead_state")).isEqualTo(600);
            assertThat(database.count("lead_point")).isEqualTo(600);
            // The latest writer's score stands, whatever the order the writers committed in.
            assertThat(repository.state("C-7"))
                    .hasValueSatisfying(state -> assertThat(state.score()).isEqualTo(80));
            // No two writers read the same previous segment: each customer's changes form one chain.
            Map<String, List<String[]>> chains = new HashMap<>();
            JdbcClient.create(database.dataSource())
                    .sql("SELECT customer_id, from_segment, to_segment FROM lead_change ORDER BY id")
                    .query((rs, row) -> chains.computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
                            .add(new String[] {rs.getString(2), rs.getString(3)}))
                    .list();
            assertThat(chains).hasSize(600).allSatisfy((customer, changes) -> {
                assertThat(changes.getFirst()[0])
                        .as(customer + "'s first change")
                        .isNull();
                for (int i = 1; i < changes.size(); i++) {
                    assertThat(changes.get(i)[0])
                            .as(customer + "'s change " + i)
                            .isEqualTo(changes.get(i - 1)[1]);
                }
            });
        }
    }

    /**
     * A score made before its customer's erasure is never written after it: on H2 one process writes and erases,
     * holding its customers in one place; on PostgreSQL two replicas do, with nothing held in common, and the
     * customers are new ones, with no state yet that the write and the erasure could both lock.
     */
    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void shouldLetNoScoreOfANewCustomerOutliveHisErasureOnAnotherReplica(TestDatabases.Kind kind) throws Exception {
        try (var database = TestDatabases.open(kind, 8)) {
            CustomerHolds writerHolds = new CustomerHolds();
            CustomerHolds eraserHolds = kind == TestDatabases.Kind.H2 ? writerHolds : new CustomerHolds();
            MemoryRepository writer = new MemoryRepository(
                    database.dataSource(),
                    new TransactionTemplate(new DataSourceTransactionManager(database.dataSource())),
                    writerHolds);
            var both = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    String id = "N-" + i;
                    CountDownLatch start = new CountDownLatch(1);
                    done.add(both.submit(() -> {
                        start.await();
                        return TestDatabases.erase(database, eraserHolds, id, MONDAY.plusSeconds(60));
                    }));
                    done.add(both.submit(() -> {
                        start.countDown();
                        write(writer, score(id, MONDAY, 80));
                        return null;
                    }));
                }
                for (Future<?> each : done) {
                    each.get(60, TimeUnit.SECONDS);
                }
            } finally {
                both.shutdownNow();
            }
            assertThat(database.count("lead_erasure")).isEqualTo(200);
            assertThat(database.count("lead_state")).isZero();
            assertThat(database.count("lead_point")).isZero();
            assertThat(database.count("lead_change")).isZero();
        }
    }

    /**
     * On PostgreSQL an erasure waits for the writes in flight on other replicas, not for every write that comes while it
     * waits: writes that never stop do not hold it off, and none of theirs fails for it.
     */
    @Test
    void shouldEraseWhileWritesOfOtherCustomersKeepComingOnAnotherReplica() throws Exception {
        try (var database = TestDatabases.open(TestDatabases.Kind.POSTGRESQL, 8)) {
            MemoryRepository writer = database.repository();
            AtomicBoolean erased = new AtomicBoolean();
            AtomicInteger writes = new AtomicInteger();
            Instant giveUp = Instant.now().plusSeconds(60);
            var writers = Executors.newFixedThreadPool(3);
            try {
                List<Future<Integer>> done = new ArrayList<>();
                for (int thread = 0; thread < 3; thread++) {
                    int each = thread;
                    done.add(writers.submit(() -> {
                        int written = 0;
                        // Overlapping writes, one after the other on each thread, until the erasure is done.
                        while (!erased.get() && Instant.now().isBefore(giveUp)) {
                            int round = written;
                            write(
                                    writer,
                                    IntStream.range(0, 300)
                                            .mapToObj(i -> score("W-" + each + "-" + round + "-" + i, MONDAY, 80))
                                            .toArray(RememberedScore[]::new));
                            written++;
                            writes.incrementAndGet();
                        }
                        return written;
                    }));
                }
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> writes.get() >= 6);

                TestDatabases.erase(database, new CustomerHolds(), "GONE", MONDAY.plusSeconds(60));
                boolean writersStillWriting = Instant.now().isBefore(giveUp);
                erased.set(true);

                int written = 0;
                for (Future<Integer> each : done) {
                    written += each.get(60, TimeUnit.SECONDS);
                }
                assertThat(writersStillWriting)
                        .as("the erasure ended while the writes still came")
                        .isTrue();
                assertThat(database.count("lead_state")).isEqualTo(300L * written);
            } finally {
                writers.shutdownNow();
            }
        }
    }

    /**
     * On PostgreSQL an erasure that waits for a long write in flight (a big recording, a row another session locks)
     * gives way after a while to the writes queued behind it, rather than holding every write that long.
     */
    @Test
    void shouldLetQueuedWritesPassAnErasureWaitingForALongWriteOnPostgres() throws Exception {
        try (var database = TestDatabases.open(TestDatabases.Kind.POSTGRESQL, 8)) {
            MemoryRepository writer = database.repository();
            var both = Executors.newFixedThreadPool(2);
            try (Connection longWrite = database.dataSource().getConnection()) {
                longWrite.setAutoCommit(false);
                try (var statement = longWrite.createStatement()) {
                    statement.execute("LOCK TABLE erasure_guard IN ROW EXCLUSIVE MODE");
                }
                Future<Boolean> erasure =
                        both.submit(() -> TestDatabases.erase(database, new CustomerHolds(), "GONE", MONDAY));
                JdbcClient jdbc = JdbcClient.create(database.dataSource());
                Awaitility.await()
                        .atMost(Duration.ofSeconds(10))
                        .until(() ->
                                jdbc.sql("SELECT COUNT(*) FROM pg_locks WHERE relation = to_regclass('erasure_guard')"
                                                        + " AND NOT granted")
                                                .query(Long.class)
                                                .single()
                                        > 0);
                // Queued behind the waiting erasure, this write goes through while the long write still runs.
                Future<?> queued = both.submit(() -> write(writer, score("OTHER", MONDAY, 80)));
                queued.get(15, TimeUnit.SECONDS);
                longWrite.rollback();
                assertThat(erasure.get(30, TimeUnit.SECONDS)).isFalse();
            } finally {
                both.shutdownNow();
            }
            assertThat(writer.state("OTHER")).isPresent();
            assertThat(database.count("lead_erasure")).isEqualTo(1);
        }
    }

    /** Two replicas erasing the same customer at once: both done, his erasure recorded once, no error. */
    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void shouldEraseTheSameCustomerOnTwoReplicasAtOnce(TestDatabases.Kind kind) throws Exception {
        try (var database = TestDatabases.open(kind, 8)) {
            var both = Executors.newFixedThreadPool(4);
            try {
                List<Future<Boolean>> done = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    String id = "TWICE-" + i;
                    CountDownLatch start = new CountDownLatch(1);
                    done.add(both.submit(() -> {
                        start.await();
                        return TestDatabases.erase(database, new CustomerHolds(), id, MONDAY);
                    }));
                    done.add(both.submit(() -> {
                        start.countDown();
                        return TestDatabases.erase(database, new CustomerHolds(), id, MONDAY);
                    }));
                }
                for (Future<Boolean> each : done) {
                    assertThat(each.get(60, TimeUnit.SECONDS)).isFalse();
                }
            } finally {
                both.shutdownNow();
            }
            assertThat(database.count("lead_erasure")).isEqualTo(100);
        }
    }

    /**
     * On H2, where the service alone writes, a write of a customer another write holds waits for it before reading
     * anything, rather than reading his previous segment and failing on his row (PostgreSQL locks the row itself:
     * {@link #shouldWriteConcurrentBatchesOfTheSameCustomersWithoutLosingOne}).
     */
    @Test
    void shouldLetASecondWriteOfACustomerWaitUntilTheFirstHasCommittedOnH2() throws Exception {
        try (var database = TestDatabases.open(TestDatabases.Kind.H2)) {
            MemoryRepository repository = database.repository();
            write(repository, score("A", MONDAY, 20));
            // The first write pauses inside its transaction, once it has inserted A's change to Hot.
            CountDownLatch paused = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            List<String> announced = new CopyOnWriteArrayList<>();
            repository.listen(new SegmentChangeListener() {
                @Override
                public boolean listening() {
                    return true;
                }

                @Override
                public void changed(List<ChangedLead> changes) {
                    changes.forEach(change -> announced.add(change.toSegment()));
                    if (paused.getCount() > 0) {
                        paused.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }

                @Override
                public void erased(String customerId) {}
            });
            var pool = Executors.newFixedThreadPool(2);
            try {
                Future<?> first = pool.submit(() -> write(repository, score("A", MONDAY.plusSeconds(1), 80)));
                paused.await();
                AtomicReference<Thread> secondThread = new AtomicReference<>();
                Future<?> second = pool.submit(() -> {
                    secondThread.set(Thread.currentThread());
                    write(repository, score("A", MONDAY.plusSeconds(2), 50));
                });
                Awaitility.await()
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> announced.size() > 1 || second.isDone() || waitsToHold(secondThread.get()));

                assertThat(announced)
                        .as("changes told while the first write is open")
                        .containsExactly("Hot");
                release.countDown();
                first.get();
                second.get();
            } finally {
                release.countDown();
                pool.shutdown();
            }
            assertThat(repository.changesOf("A", 10))
                    .extracting(SegmentChange::from)
                    .containsExactly("Hot", "Cold", null);
        }
    }

    /** Whether a thread waits in {@code CustomerHolds.hold} for another write's customers. */
    private static boolean waitsToHold(Thread thread) {
        if (thread == null) {
            return false;
        }
        List<String> frames = Arrays.stream(thread.getStackTrace())
                .map(frame -> frame.getClassName() + "." + frame.getMethodName())
                .toList();
        return frames.contains("java.lang.Object.wait") && frames.contains(CustomerHolds.class.getName() + ".hold");
    }

    @Test
    void shouldRewriteALeadsStateOnItsOwnPageOnPostgres() {
        try (var database = TestDatabases.open(TestDatabases.Kind.POSTGRESQL)) {
            MemoryRepository repository = database.repository();
            write(repository, customers(1_000, MONDAY, 50));
            JdbcClient jdbc = JdbcClient.create(database.dataSource());
            String onFirstPage = " FROM lead_state WHERE (ctid::text::point)[0] = 0";
            List<String> firstPage = jdbc.sql(
                            "SELECT customer_id" + onFirstPage + " ORDER BY customer_id FETCH FIRST 10 ROWS ONLY")
                    .query(String.class)
                    .list();
            assertThat(firstPage).hasSize(10);

            // A later score, nothing indexed changed: the new version beside the old one, where a full page would
            // send it to another page and through every index.
            write(
                    repository,
                    firstPage.stream()
                            .map(id -> score(id, MONDAY.plusSeconds(60), 50))
                            .toArray(RememberedScore[]::new));
            assertThat(jdbc.sql("SELECT customer_id" + onFirstPage + " AND customer_id IN (:ids)")
                            .param("ids", firstPage)
                            .query(String.class)
                            .list())
                    .containsExactlyInAnyOrderElementsOf(firstPage);
        }
    }

    @Test
    void shouldReadTheMemorysTablesByKeyWhenWritingABatchOnPostgres() {
        try (var database = TestDatabases.open(TestDatabases.Kind.POSTGRESQL)) {
            MemoryRepository repository = database.repository();
            write(repository, customers(20_000, MONDAY, 50));
            // Half the customers again, the next day: a write as large as the tables are, where reading them whole
            // looks cheapest to a planner that knows nothing of the scores staged.
            TransactionTemplate transaction =
                    new TransactionTemplate(new DataSourceTransactionManager(database.dataSource()));
            JdbcClient jdbc = JdbcClient.create(database.dataSource());
            List<Long> wholeReads = transaction.execute(status -> {
                new MemoryRepository(database.dataSource(), transaction, new CustomerHolds())
                        .write(
                                IntStream.range(0, 10_000)
                                        .mapToObj(i -> score("C-" + (i * 2), day(1), 90))
                                        .toList(),
                                PARIS,
                                7,
                                5);
                return jdbc.sql("SELECT seq_scan FROM pg_stat_xact_user_tables WHERE schemaname = current_schema()"
                                + " AND relname IN ('lead_state', 'lead_point')")
                        .query(Long.class)
                        .list();
            });
            assertThat(wholeReads).containsExactly(0L, 0L);
            assertThat(repository.state("C-2").orElseThrow().score()).isEqualTo(90);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void shouldOrderLeadsOfEqualScoreByTheirIdsBytesOnEveryDatabase(TestDatabases.Kind kind) {
        try (var database = TestDatabases.open(kind)) {
            MemoryRepository repository = database.repository();
            List<String> ids = List.of("b", "B", "a", "é", "Z", "_", "A-10", "A-9", "ä");
            write(repository, ids.stream().map(id -> score(id, MONDAY, 75)).toArray(RememberedScore[]::new));

            assertThat(repository.leads(null, null, null, 100))
                    .extracting(LeadState::customerId)
                    .containsExactlyElementsOf(ids.stream().sorted().toList());
        }
    }

    @Test
    void shouldKeepEveryCustomerIdInTheBytewiseCollationOnPostgres() {
        try (var database = TestDatabases.open(TestDatabases.Kind.POSTGRESQL)) {
            assertThat(JdbcClient.create(database.dataSource())
                            // But the outcomes' staging table: a recording's rows, only ever joined by key, as the
                            // memory's temporary staging table is.
                            .sql("SELECT table_name, collation_name FROM information_schema.columns"
                                    + " WHERE table_schema = current_schema() AND column_name = 'customer_id'"
                                    + " AND table_name <> 'outcome_staging'")
                            .query((rs, row) -> rs.getString(1) + " " + rs.getString(2))
                            .list())
                    .containsExactlyInAnyOrder(
                            "lead_point C",
                            "lead_state C",
                            "lead_change C",
                            "lead_erasure C",
                            "lead_outcome C",
                            "event_outbox C");
        }
    }

    @Test
    void shouldMigrateToBytewiseIdsWhileAWriterHoldsTheStatesAndWantsThePoints() throws Exception {
        // The order of the memory's writes: the migration must not hold the points while it waits for the states.
        migrateToBytewiseIdsWhileAWriterHoldsTheStatesThen("LOCK TABLE lead_point IN ROW EXCLUSIVE MODE");
    }

    @Test
    void shouldMigrateToBytewiseIdsOnceAWriterTakingTheTablesInAnotherOrderHasFinished() throws Exception {
        // A deadlock with the migration, which lets its locks go, lets the writer finish, and takes them again.
        migrateToBytewiseIdsWhileAWriterHoldsTheStatesThen("LOCK TABLE lead_erasure IN ACCESS SHARE MODE");
    }

    /**
     * Runs V8 on a V7 schema while a writer holds {@code lead_state}; once the migration waits for it, the writer
     * takes one more lock and commits. The migration must then succeed.
     */
    private static void migrateToBytewiseIdsWhileAWriterHoldsTheStatesThen(String writersNextLock) throws Exception {
        try (var database = TestDatabases.openAt(TestDatabases.Kind.POSTGRESQL, "7");
                Connection writer = database.dataSource().getConnection();
                var migrator = Executors.newSingleThreadExecutor()) {
            writer.setAutoCommit(false);
            writer.createStatement().execute("SELECT customer_id FROM lead_state FOR UPDATE");
            Future<Integer> migrated = migrator.submit(() -> Flyway.configure()
                    .dataSource(database.dataSource())
                    .schemas(database.schema())
                    .target("8")
                    .load()
                    .migrate()
                    .migrationsExecuted);
            JdbcClient jdbc = JdbcClient.create(database.dataSource());
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> jdbc.sql("SELECT COUNT(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation"
                                            + " WHERE c.relname = 'lead_state' AND NOT l.granted")
                                    .query(Long.class)
                                    .single()
                            > 0);
            writer.createStatement().execute(writersNextLock);
            writer.commit();

            assertThat(migrated.get(30, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(jdbc.sql("SELECT collation_name FROM information_schema.columns WHERE table_schema ="
                                    + " current_schema() AND table_name = 'lead_point' AND column_name = 'customer_id'")
                            .query(String.class)
                            .single())
                    .isEqualTo("C");
        }
    }

    /** Every current lead of a segment (or all), page after page of {@code pageSize}, following the cursor. */
    private static List<LeadState> everyLead(MemoryRepository repository, Segment segment, int pageSize) {
        List<LeadState> all = new ArrayList<>();
        Cursor.LeadPosition after = null;
        do {
            List<LeadState> page = repository.leads(segment, null, after, pageSize);
            all.addAll(page);
            after = page.size() < pageSize
                    ? null
                    : new Cursor.LeadPosition(
                            page.getLast().score(), page.getLast().customerId());
        } while (after != null);
        return all;
    }

    /** Scores of customers C-0 to C-(count - 1), all made at {@code at}. */
    private static RememberedScore[] customers(int count, Instant at, int score) {
        return IntStream.range(0, count)
                .mapToObj(i -> score("C-" + i, at, score))
                .toArray(RememberedScore[]::new);
    }

    private static Trend trendOf(MemoryRepository repository) {
        return repository.state("C-1").orElseThrow().trend();
    }

    private static Instant day(int days) {
        return MONDAY.plus(Duration.ofDays(days));
    }

    private static void write(MemoryRepository repository, RememberedScore... scores) {
        repository.write(List.of(scores), PARIS, 7, 5);
    }

    static RememberedScore score(String id, Instant at, int score) {
        return new RememberedScore(
                id,
                at,
                score,
                score / 100.0,
                THRESHOLDS.segmentOf(score),
                "v1",
                new Customer(CustomerId.of(id), 5, 10, 1500.5, 8, 6, 15, 120));
    }
}
