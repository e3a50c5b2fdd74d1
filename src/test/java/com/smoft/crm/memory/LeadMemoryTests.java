package com.smoft.crm.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.smoft.crm.scoring.Customer;
import com.smoft.crm.scoring.CustomerId;
import com.smoft.crm.scoring.LeadScorer;
import com.smoft.crm.scoring.ShippedModel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the service promises of its memory: kept before a batch's answer, within a second for a single score, on stop;
 * counted when it cannot be kept. (An outage and its recovery: {@link MemoryDownTests}, over HTTP.)
 */
@Execution(ExecutionMode.CONCURRENT)
class LeadMemoryTests {

    private static final LeadScorer SCORER = LeadScorer.load(ShippedModel.PATH);

    private LeadMemory memory;

    @AfterEach
    void stopMemory() throws InterruptedException {
        if (memory != null) {
            memory.stop();
        }
    }

    @Test
    void shouldWriteASingleScoreWithinTheFlushInterval() {
        try (var database = TestDatabases.open(TestDatabases.Kind.H2)) {
            memory = memory(database.repository(), "50ms", "100");
            rememberOne("SOLO", 5);

            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(memory.lead("SOLO", 10)).isPresent());
            assertThat(memory.status().recorded()).isEqualTo(1);
        }
    }

    @Test
    void shouldRememberABatchBeforeReturningACustomerTwiceByHisLastRow() {
        try (var database = TestDatabases.open(TestDatabases.Kind.H2)) {
            memory = memory(database.repository(), "60s", "100");
            memory.remember(SCORER.scoreBatch(List.of(customer("A", 5), customer("B", 300), customer("A", 40))));

            assertThat(memory.lead("A", 10))
                    .hasValueSatisfying(lead -> assertThat(lead.history())
                            .singleElement()
                            .satisfies(point -> assertThat(point.inputs().daysSinceLastContact())
                                    .isEqualTo(40)));
            assertThat(memory.lead("B", 10)).isPresent();
            assertThat(memory.status().queued()).isZero();
        }
    }

    @Test
    void shouldKeepABatchAndTheWrittenSingleScoresThroughACrash(@TempDir Path directory) {
        var database = TestDatabases.openFile(directory);
        memory = memory(database.repository(), "60s", "100");
        memory.remember(SCORER.scoreBatch(List.of(customer("BATCH-1", 5), customer("BATCH-2", 300))));
        rememberOne("SINGLE", 5);
        memory.flush();

        TestDatabases.crashH2(database);

        try (var restarted = TestDatabases.openFile(directory)) {
            assertThat(List.of("BATCH-1", "BATCH-2", "SINGLE"))
                    .allSatisfy(
                            id -> assertThat(restarted.repository().state(id)).isPresent());
        }
    }

    @Test
    void shouldRecordTheChangeToASingleScoreStillQueuedWhenABatchFollows() {
        try (var database = TestDatabases.open(TestDatabases.Kind.H2)) {
            memory = memory(database.repository(), "60s", "100");
            Customer hot = new Customer(CustomerId.of("BOTH"), 2, 20, 4000, 10, 9, 40, 200);
            Customer cooled = customer("BOTH", 300);
            String first = SCORER.score(hot).segment().label();
            String then = SCORER.score(cooled).segment().label();
            assertThat(first).as("the two scores' segments differ").isNotEqualTo(then);
            memory.remember(hot, SCORER.score(hot));
            memory.remember(SCORER.scoreBatch(List.of(cooled)));

            assertThat(memory.lead("BOTH", 10))
                    .hasValueSatisfying(lead -> assertThat(lead.changes())
                            .extracting(SegmentChange::from, SegmentChange::to)
                            .containsExactly(tuple(first, then), tuple(null, first)));
        }
    }

    @Test
    void shouldWriteTheQueueOnStop() {
        try (var database = TestDatabases.open(TestDatabases.Kind.H2)) {
            memory = memory(database.repository(), "60s", "100");
            rememberOne("LAST", 5);
            assertThat(memory.lead("LAST", 10)).isEmpty();

            stopQuietly();

            assertThat(database.repository().state("LAST")).isPresent();
        }
    }

    @Test
    void shouldEraseACustomerWithTheScoresStillQueued() {
        try (var database = TestDatabases.open(TestDatabases.Kind.H2)) {
            memory = memory(database.repository(), "60s", "100");
            memory.remember(SCORER.scoreBatch(List.of(customer("GONE", 5))));
            rememberOne("GONE", 6);

            assertThat(memory.erase("GONE")).isTrue();
            memory.flush();

            assertThat(memory.lead("GONE", 10)).isEmpty();
            assertThat(database.count("lead_change")).isZero();
        }
    }

    @Test
    void shouldFlushOtherCustomersWhileAnErasureWaitsForARecordingOfHisOutcomes() throws Exception {
        try (var database = TestDatabases.open(TestDatabases.Kind.H2)) {
            CustomerHolds holds = new CustomerHolds();
            memory = memory(
                    new MemoryRepository(
                            database.dataSource(),
                            new TransactionTemplate(new DataSourceTransactionManager(database.dataSource())),
                            holds),
                    "60s",
                    "100");
            CountDownLatch recording = new CountDownLatch(1);
            CountDownLatch recorded = new CountDownLatch(1);
            Thread recorder = Thread.ofPlatform()
                    .start(() -> holds.recording(Set.of("GONE"), () -> {
                        recording.countDown();
                        try {
                            recorded.await(60, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return null;
                    }));
            assertThat(recording.await(10, TimeUnit.SECONDS)).isTrue();
            Thread eraser = Thread.ofPlatform().start(() -> memory.erase("GONE"));
            await().atMost(Duration.ofSeconds(10)).until(() -> eraser.getState() == Thread.State.WAITING);

            try {
                rememberOne("OTHER", 5);
                assertTimeoutPreemptively(Duration.ofSeconds(5), memory::flush);
                assertThat(memory.lead("OTHER", 10)).isPresent();
            } finally {
                recorded.countDown();
            }
            recorder.join(10_000);
            eraser.join(10_000);
            assertThat(eraser.isAlive()).isFalse();
        }
    }

    @Test
    void shouldFlushWhatWasQueuedWhenTheFlushBeganLeavingLaterScoresToTheNext() {
        try (var database = TestDatabases.open(TestDatabases.Kind.H2)) {
            // A score arrives while each of the first five writes runs, as under steady traffic.
            AtomicInteger arrivals = new AtomicInteger();
            MemoryRepository arrivingWhileWriting =
                    new MemoryRepository(
                            database.dataSource(),
                            new TransactionTemplate(new DataSourceTransactionManager(database.dataSource())),
                            new CustomerHolds()) {
                        @Override
                        void write(Collection<RememberedScore> scores, ZoneId zone, int trendDays, int trendPoints) {
                            super.write(scores, zone, trendDays, trendPoints);
                            if (arrivals.get() < 5) {
                                rememberOne("LATER-" + arrivals.incrementAndGet(), 5);
                            }
                        }
                    };
            memory = memory(arrivingWhileWriting, "60s", "100");
            for (String id : new String[] {"FIRST-1", "FIRST-2"}) {
                rememberOne(id, 5);
            }

            memory.flush();

            assertThat(memory.status().recorded()).isEqualTo(2);
            assertThat(memory.status().queued()).isEqualTo(1);
            memory.flush();
            assertThat(memory.status().recorded()).isEqualTo(3);
            assertThat(memory.lead("LATER-1", 10)).isPresent();
        }
    }

    @Test
    void shouldSayItErasedACustomerWhoseOnlyScoreWasStillQueued() {
        try (var database = TestDatabases.open(TestDatabases.Kind.H2)) {
            memory = memory(database.repository(), "60s", "100");
            rememberOne("QUEUED", 5);

            assertThat(memory.erase("QUEUED")).isTrue();
            assertThat(memory.status().queued()).isZero();
            assertThat(memory.erase("QUEUED")).isFalse();
        }
    }

    @Test
    void shouldCountWhatTheQueueCannotHoldWhileTheDatabaseIsDown() {
        try (var unreachable = TestDatabases.unreachable()) {
            memory = memory(
                    new MemoryRepository(
                            unreachable,
                            new TransactionTemplate(new DataSourceTransactionManager(unreachable)),
                            new CustomerHolds()),
                    "60s",
                    "2");
            for (int i = 0; i < 5; i++) {
                rememberOne("FULL-" + i, 5);
            }
            memory.flush();

            assertThat(memory.status().queued()).isEqualTo(2);
            assertThat(memory.status().unrecorded()).isEqualTo(3);
        }
    }

    @Test
    void shouldKeepTheQueuedScoresPlacesWhileAFailedFlushHoldsThem() throws Exception {
        try (var database = TestDatabases.served()) {
            memory = memory(database.repository(), "60s", "2");
            database.stop();
            for (String id : new String[] {"KEPT-1", "KEPT-2"}) {
                rememberOne(id, 5);
            }
            // While the flush holds both scores and waits on the database, later scores find no place of theirs.
            Thread flush = Thread.ofVirtual().start(memory::flush);
            int later = 0;
            while (flush.isAlive()) {
                rememberOne("LATER-" + later++, 5);
            }
            flush.join();

            assertThat(memory.status().queued()).isEqualTo(2);
            assertThat(memory.status().unrecorded()).isEqualTo(later);
            database.start();
            // As the writer does each second: a connection the pool kept from before the stop may fail one more.
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                memory.flush();
                return memory.status().queued() == 0;
            });
            assertThat(JdbcClient.create(database.direct().dataSource())
                            .sql("SELECT customer_id FROM lead_point ORDER BY customer_id")
                            .query(String.class)
                            .list())
                    .containsExactly("KEPT-1", "KEPT-2");
            assertThat(memory.status().recorded()).isEqualTo(2);
        }
    }

    private void stopQuietly() {
        try {
            memory.stop();
            memory = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A single score of a customer, as {@code POST /api/score} hands it to the memory. */
    private void rememberOne(String id, int daysSinceLastContact) {
        Customer customer = customer(id, daysSinceLastContact);
        memory.remember(customer, SCORER.score(customer));
    }

    private static LeadMemory memory(MemoryRepository repository, String flushInterval, String capacity) {
        return new LeadMemory(
                repository,
                TestDatabases.properties(
                        Map.of("crm.memory.flush-interval", flushInterval, "crm.memory.queue-capacity", capacity)));
    }

    private static Customer customer(String id, int daysSinceLastContact) {
        return new Customer(CustomerId.of(id), daysSinceLastContact, 10, 1500.5, 8, 6, 15, 120);
    }
}
