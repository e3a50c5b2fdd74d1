package com.smoft.crm.events;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.smoft.crm.memory.DurableWrites;
import com.smoft.crm.memory.SegmentChangeListener;
import com.smoft.crm.memory.TestDatabases;
import com.smoft.crm.outcomes.OutcomeListener;
import com.smoft.crm.scoring.Customer;
import com.smoft.crm.scoring.LeadScorer;
import com.smoft.crm.scoring.LiveStatus;
import com.smoft.crm.scoring.ModelCard;
import com.smoft.crm.scoring.ModelFiles;
import com.smoft.crm.scoring.ModelRegistry;
import com.smoft.crm.scoring.OutcomeTally;
import com.smoft.crm.scoring.ScoreStatistics;
import com.smoft.crm.scoring.SegmentThresholds;
import com.smoft.crm.scoring.ShippedModel;
import com.smoft.crm.scoring.Texts;
import com.smoft.crm.system.CrmProperties;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The outbox delivered to a real HTTP receiver on loopback: down, then up; answering 410; failing past the last
 * attempt; a worker killed in the middle of its attempts; two workers on one PostgreSQL database. Retries are
 * milliseconds apart here (the schedule is a setting), and every wait is on a condition.
 */
@Execution(ExecutionMode.CONCURRENT)
class EventDeliveryTests {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final ModelRegistry MODELS = new ModelRegistry(ModelFiles.load(ShippedModel.PATH));
    private static final LeadScorer SCORER = new LeadScorer(MODELS, SegmentThresholds.DEFAULT, Texts.bundled());

    private final List<AutoCloseable> opened = new ArrayList<>();
    private final List<EventDispatcher> running = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (EventDispatcher dispatcher : running) {
            dispatcher.stop();
        }
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
    }

    @Test
    void shouldDeliverEveryEventSignedOnceTheReceiverIsBackUp() throws Exception {
        Receiver receiver = receiver();
        OutboxDatabases.Database db = database(false);
        EventOutbox outbox = outbox(db, receiver, List.of());
        write(outbox, db, 50);

        start(outbox, "50ms,100ms,200ms,400ms,800ms,1600ms,3s");
        awaitTrue(() -> db.count("SELECT COUNT(*) FROM event_delivery WHERE attempts >= 2") == 50);
        assertThat(receiver.received()).isEmpty();
        receiver.up();

        awaitTrue(() -> db.count("SELECT COUNT(*) FROM event_delivery WHERE status = 'delivered'") == 50);
        Map<String, Long> perId = receiver.received().stream()
                .collect(Collectors.groupingBy(Receiver.Delivery::id, Collectors.counting()));
        assertThat(perId).hasSize(50);
        assertThat(receiver.received()).allMatch(Receiver.Delivery::signed);
        JsonNode event =
                EventJson.MAPPER.readTree(receiver.received().getFirst().body());
        assertThat(event.get("type").asString()).isEqualTo("lead.segment_changed");
        assertThat(event.get("schema_version").asInt()).isEqualTo(1);
        assertThat(event.get("data").get("to").asString()).isEqualTo("Hot");
        assertThat(event.get("data").get("next_action").get("action").asString())
                .isEqualTo("CALL");
        assertThat(event.get("data").get("reasons")).hasSize(3);
    }

    @Test
    void shouldLetEventsWaitAtMostThirtySecondsWhileBatchesAreInFlight() throws Exception {
        Receiver receiver = receiver();
        receiver.up();
        OutboxDatabases.Database db = database(false);
        EventOutbox outbox = outbox(db, receiver, List.of());
        AtomicBoolean remembering = new AtomicBoolean(true);
        AtomicInteger rounds = new AtomicInteger();
        EventDispatcher dispatcher = start(outbox, "50ms");
        dispatcher.giveWayWhile(remembering::get);
        dispatcher.alsoEachRound(rounds::incrementAndGet);
        write(outbox, db, 5);

        int seen = rounds.get();
        awaitTrue(() -> rounds.get() >= seen + 3);
        assertThat(db.count("SELECT COUNT(*) FROM event_delivery WHERE attempts > 0"))
                .as("attempts while a batch is in flight")
                .isZero();

        // Batch after batch: once due for 30 s, they go anyway.
        db.jdbc()
                .sql("UPDATE event_delivery SET next_attempt_at = ?")
                .param(OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(31))
                .update();
        awaitTrue(() -> db.count("SELECT COUNT(*) FROM event_delivery WHERE status = 'delivered'") == 5);

        write(outbox, db, 3);
        int later = rounds.get();
        awaitTrue(() -> rounds.get() >= later + 3);
        assertThat(db.count("SELECT COUNT(*) FROM event_delivery WHERE attempts = 0"))
                .isEqualTo(3);
        remembering.set(false);
        awaitTrue(() -> db.count("SELECT COUNT(*) FROM event_delivery WHERE status = 'delivered'") == 8);
        assertThat(receiver.received()).hasSize(8);
    }

    @Test
    void shouldDisableASubscriptionWhoseReceiverAnswersGone() throws Exception {
        Receiver receiver = receiverAnswering(410);
        OutboxDatabases.Database db = database(false);
        EventOutbox outbox = outbox(db, receiver, List.of());
        write(outbox, db, 3);
        start(outbox, "50ms");

        awaitTrue(() -> db.count("SELECT COUNT(*) FROM event_delivery WHERE status = 'failed'") == 3);
        assertThat(db.count("SELECT COUNT(*) FROM event_subscription")).isEqualTo(1);
        assertThat(outbox.disabled()).containsExactly(Subscriptions.targetOf(receiver.url()));
        write(outbox, db, 2);
        assertThat(db.count("SELECT COUNT(*) FROM event_outbox"))
                .as("no target left")
                .isEqualTo(3);
    }

    @Test
    void shouldKeepAnAppendedEventAndItsRedeliveryThroughACrash(@TempDir Path directory) throws Exception {
        Receiver receiver = receiver();
        TestDatabases.Database file = TestDatabases.openFile(directory);
        EventOutbox outbox = outbox(new OutboxDatabases.Database(file.dataSource(), file), receiver, List.of());
        Event promoted = Event.of(EventType.MODEL_PROMOTED, Instant.now(), Map.of("version", "v2"));
        assertThat(outbox.append(promoted, EventType.MODEL_PROMOTED, "v2", null))
                .isTrue();

        TestDatabases.crashH2(file);

        file = TestDatabases.openFile(directory);
        assertThat(new OutboxDatabases.Database(file.dataSource(), file).count("SELECT COUNT(*) FROM event_delivery"))
                .isEqualTo(1);
        JdbcClient.create(file.dataSource())
                .sql("UPDATE event_delivery SET status = 'failed'")
                .update();
        DurableWrites.sync(file.dataSource());
        outbox = outbox(new OutboxDatabases.Database(file.dataSource(), file), receiver, List.of());
        assertThat(outbox.redeliver(promoted.id())).isTrue();

        TestDatabases.crashH2(file);

        try (var restarted = TestDatabases.openFile(directory)) {
            assertThat(JdbcClient.create(restarted.dataSource())
                            .sql("SELECT status FROM event_delivery")
                            .query(String.class)
                            .single())
                    .isEqualTo("pending");
        }
    }

    @Test
    void shouldKeepAFailedDeliveryAfterTheLastAttemptAndSendItAgainOnDemand() throws Exception {
        Receiver receiver = receiverAnswering(500);
        OutboxDatabases.Database db = database(false);
        EventOutbox outbox = outbox(db, receiver, List.of());
        write(outbox, db, 1);
        start(outbox, "20ms,20ms");

        awaitTrue(() -> db.count("SELECT COUNT(*) FROM event_delivery WHERE status = 'failed' AND attempts = 3") == 1);
        assertThat(receiver.received()).hasSize(3);
        assertThat(receiver.received().stream().map(Receiver.Delivery::id).distinct())
                .hasSize(1);

        receiver.answer(200);
        String id =
                db.jdbc().sql("SELECT id FROM event_outbox").query(String.class).single();
        assertThat(outbox.redeliver(id)).isTrue();
        assertThat(outbox.redeliver("evt_none")).isFalse();
        awaitTrue(() -> db.count("SELECT COUNT(*) FROM event_delivery WHERE status = 'delivered'") == 1);
    }

    @Test
    void shouldLogOnceWhenAReceiverStartsFailingAndOnceWhenItTakesDeliveriesAgain() throws Exception {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger logger = (Logger) LoggerFactory.getLogger(EventDispatcher.class);
        logger.addAppender(logged);
        try {
            Receiver receiver = receiverAnswering(500);
            OutboxDatabases.Database db = database(false);
            EventOutbox outbox = outbox(db, receiver, List.of());
            write(outbox, db, 3);
            start(outbox, "20ms,20ms,20ms,20ms,20ms");
            awaitTrue(() -> receiver.received().size() >= 6);
            receiver.answer(204);
            awaitTrue(() -> db.count("SELECT COUNT(*) FROM event_delivery WHERE status = 'delivered'") == 3);

            String target = Subscriptions.targetOf(receiver.url());
            String host = "127.0.0.1:" + URI.create(receiver.url()).getPort();
            List<String> lines = logged.list.stream()
                    .map(event -> event.getLevel() + " " + event.getFormattedMessage())
                    .filter(line -> line.contains(target))
                    .toList();
            assertThat(lines)
                    .as("one line when it starts failing, one when it recovers, whatever the attempts between")
                    .containsExactly(
                            "WARN Events: webhook " + target + " at " + host
                                    + " does not take deliveries (HTTP 500); they are retried as scheduled",
                            "INFO Events: webhook " + target + " at " + host + " takes deliveries again");
        } finally {
            logger.detachAppender(logged);
        }
    }

    @Test
    void shouldDeliverWhatAWorkerKilledInTheMiddleOfItsAttemptsHadClaimed() throws Exception {
        Receiver receiver = receiver();
        receiver.up();
        OutboxDatabases.Database db = database(false);
        EventOutbox outbox = outbox(db, receiver, List.of());
        write(outbox, db, 5);
        // A worker claims them, then dies before sending: its lease is all that is left of it.
        assertThat(outbox.claim(10, Duration.ofMillis(300), target -> 10, Duration.ZERO))
                .hasSize(5);

        start(outbox, "50ms");
        awaitTrue(() -> db.count("SELECT COUNT(*) FROM event_delivery WHERE status = 'delivered'") == 5);
        assertThat(receiver.received()).hasSize(5);
    }

    @Test
    void shouldSendEachEventOnceWithTwoWorkersOnOnePostgresDatabase() throws Exception {
        Receiver receiver = receiver();
        receiver.up();
        OutboxDatabases.Database db = database(true);
        EventOutbox first = outbox(db, receiver, List.of());
        EventOutbox second = outbox(db, receiver, List.of());
        write(first, db, 120);
        // Attempts given all the time they need: on a machine loaded enough to stall an answer past a short timeout,
        // the event would rightly be sent again (at least once), which is not what this test is about.
        start(first, "50ms", Duration.ofSeconds(30), 4);
        start(second, "50ms", Duration.ofSeconds(30), 4);

        awaitTrue(() -> db.count("SELECT COUNT(*) FROM event_delivery WHERE status = 'delivered'") == 120);
        assertThat(receiver.received()).hasSize(120);
        assertThat(receiver.received().stream().map(Receiver.Delivery::id).distinct())
                .hasSize(120);
        assertThat(running.get(0).delivered()).isPositive();
        assertThat(running.get(1).delivered()).isPositive();
    }

    @Test
    void shouldDeliverEachOutcomeRecordedSignedWithTheScoreItWasMatchedWith() throws Exception {
        Receiver receiver = receiver();
        receiver.up();
        OutboxDatabases.Database db = database(false);
        EventOutbox outbox = outbox(db, receiver, List.of("Hot"));
        Instant at = Instant.parse("2026-11-02T10:00:00Z");
        db.transactions()
                .executeWithoutResult(status -> outbox.recorded(List.of(
                        new OutcomeListener.WrittenOutcome(
                                "C-1", "converted", at, at.plusSeconds(60), 82, 0.81, "Hot", "v1"),
                        new OutcomeListener.WrittenOutcome(
                                "C-2", "lost", at, at.plusSeconds(60), null, null, null, null))));
        start(outbox, "50ms");

        awaitTrue(() -> db.count("SELECT COUNT(*) FROM event_delivery WHERE status = 'delivered'") == 2);
        assertThat(receiver.received()).allMatch(Receiver.Delivery::signed);
        List<JsonNode> events = receiver.received().stream()
                .map(delivery -> EventJson.MAPPER.readTree(delivery.body()))
                .sorted(java.util.Comparator.comparing(
                        event -> event.get("data").get("customer_id").asString()))
                .toList();
        assertThat(events).allMatch(event -> event.get("type").asString().equals("lead.outcome_recorded"));
        JsonNode matched = events.getFirst().get("data");
        assertThat(matched.get("outcome").asString()).isEqualTo("converted");
        assertThat(matched.get("score").asInt()).isEqualTo(82);
        assertThat(matched.get("segment").asString()).isEqualTo("Hot");
        assertThat(matched.get("model_version").asString()).isEqualTo("v1");
        assertThat(matched.get("occurred_at").asString()).isEqualTo("2026-11-02T10:00:00Z");
        assertThat(events.getLast().get("data").get("score").isNull()).isTrue();
        assertThat(db.count("SELECT COUNT(*) FROM event_outbox WHERE customer_id = 'C-1'"))
                .as("erased with the customer")
                .isEqualTo(1);
    }

    @Test
    void shouldDeliverALiveStatusChangeSignedOnceForEveryInstanceThatSeesIt() throws Exception {
        Receiver receiver = receiver();
        receiver.up();
        OutboxDatabases.Database db = database(false);
        ModelRegistry models = new ModelRegistry(ModelFiles.load(ShippedModel.PATH));
        EventService first = service(db, receiver, models);
        EventService second = service(db, receiver, models);
        ModelCard card = first.card(models.current().version());
        OutcomeTally tally = new OutcomeTally();
        tally.add(10, 0.1, true, 120);
        tally.add(90, 0.9, false, 120);

        first.changed(card, LiveStatus.insufficient, LiveStatus.degraded, tally);
        second.changed(card, LiveStatus.insufficient, LiveStatus.degraded, tally);
        first.start();

        awaitTrue(() -> db.count("SELECT COUNT(*) FROM event_delivery WHERE status = 'delivered'") == 1);
        first.stop();
        assertThat(first.card("no-such-version")).isNull();
        Receiver.Delivery delivery = receiver.received().getFirst();
        assertThat(delivery.signed()).isTrue();
        JsonNode event = EventJson.MAPPER.readTree(delivery.body());
        assertThat(event.get("type").asString()).isEqualTo("model.live_status_changed");
        JsonNode data = event.get("data");
        assertThat(data.get("model_version").asString()).isEqualTo(card.version());
        assertThat(data.get("from").asString()).isEqualTo("insufficient");
        assertThat(data.get("to").asString()).isEqualTo("degraded");
        assertThat(data.get("outcomes").asLong()).isEqualTo(240);
        assertThat(data.get("converted").asLong()).isEqualTo(120);
        assertThat(data.get("auc").asDouble()).isZero();
        assertThat(data.get("holdout_auc").asDouble()).isEqualTo(card.holdout().auc());
    }

    private EventService service(OutboxDatabases.Database db, Receiver receiver, ModelRegistry models) {
        CrmProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                        "crm.events.webhooks[0].url",
                        receiver.url(),
                        "crm.events.webhooks[0].secret",
                        SECRET,
                        "crm.events.poll-interval",
                        "50ms")))
                .bindOrCreate("crm", CrmProperties.class);
        EventOutbox outbox = new EventOutbox(
                db.dataSource(),
                db.transactions(),
                new Subscriptions(properties.events()),
                EventJson.MAPPER,
                Clock.systemUTC());
        return new EventService(
                outbox,
                properties,
                new LeadScorer(models, SegmentThresholds.DEFAULT, Texts.bundled()),
                models,
                new ScoreStatistics());
    }

    @Test
    void shouldWriteNothingWhenNothingIsSubscribed() {
        OutboxDatabases.Database db = database(false);
        EventOutbox outbox = new EventOutbox(
                db.dataSource(),
                db.transactions(),
                new Subscriptions(settings(Map.of())),
                EventJson.MAPPER,
                Clock.systemUTC());

        assertThat(outbox.listening()).isFalse();
    }

    @Test
    void shouldDeliverToAFastReceiverWhileASlowOneHoldsItsAttempts() throws Exception {
        deliverToAFastReceiverWhileASlowOneHoldsItsAttempts(false);
    }

    @Test
    void shouldDeliverToAFastReceiverWhileASlowOneHoldsItsAttemptsOnPostgres() throws Exception {
        deliverToAFastReceiverWhileASlowOneHoldsItsAttempts(true);
    }

    private void deliverToAFastReceiverWhileASlowOneHoldsItsAttempts(boolean postgres) throws Exception {
        Receiver slow = receiver();
        slow.hold();
        slow.up();
        Receiver fast = receiver();
        fast.up();
        OutboxDatabases.Database db = database(postgres);
        EventOutbox outbox = outbox(db, List.of(slow, fast), List.of());
        write(outbox, db, 40);
        // Attempts that wait for an answer far longer than the test: the slow receiver holds them all along.
        start(outbox, "50ms", Duration.ofSeconds(60), 4);

        awaitTrue(() ->
                fast.received().stream().map(Receiver.Delivery::id).distinct().count() == 40);
        assertThat(slow.received())
                .as("nothing answered by the slow receiver yet")
                .isEmpty();
        assertThat(slow.arrived()).as("half the 4 threads at most").isBetween(1, 2);

        slow.release();
        awaitTrue(() -> db.count("SELECT COUNT(*) FROM event_delivery WHERE status = 'delivered'") == 80);
        assertThat(slow.received().stream().map(Receiver.Delivery::id).distinct())
                .hasSize(40);
    }

    @Test
    void shouldDisableOnceASubscriptionWhoseReceiverAnswersGoneToSeveralAttemptsAtOnce() throws Exception {
        disableOnceWhenSeveralAttemptsAreAnsweredGoneAtOnce(false);
    }

    @Test
    void shouldDisableOnceASubscriptionWhoseReceiverAnswersGoneToSeveralAttemptsAtOnceOnPostgres() throws Exception {
        disableOnceWhenSeveralAttemptsAreAnsweredGoneAtOnce(true);
    }

    private void disableOnceWhenSeveralAttemptsAreAnsweredGoneAtOnce(boolean postgres) throws Exception {
        Receiver receiver = receiver();
        receiver.answer(410);
        receiver.hold();
        receiver.up();
        OutboxDatabases.Database db = database(postgres);
        EventOutbox outbox = outbox(db, receiver, List.of());
        write(outbox, db, 30);
        start(outbox, "50ms", Duration.ofSeconds(60), 8);

        awaitTrue(() -> receiver.arrived() == 4);
        receiver.release();

        awaitTrue(() -> db.count("SELECT COUNT(*) FROM event_delivery WHERE status = 'failed'") == 30);
        assertThat(db.count("SELECT COUNT(*) FROM event_subscription")).isEqualTo(1);
        assertThat(db.jdbc()
                        .sql("SELECT DISTINCT last_error FROM event_delivery")
                        .query(String.class)
                        .list())
                .isSubsetOf("410 Gone: the subscription is disabled", "subscription disabled: 410 Gone");
        assertThat(receiver.arrived()).as("no attempt after the 410s").isEqualTo(4);
    }

    private Receiver receiver() throws Exception {
        Receiver receiver = new Receiver(SECRET);
        opened.add(receiver);
        return receiver;
    }

    /** A receiver up, answering {@code status} to every delivery until told otherwise. */
    private Receiver receiverAnswering(int status) throws Exception {
        Receiver receiver = receiver();
        receiver.answer(status);
        receiver.up();
        return receiver;
    }

    private OutboxDatabases.Database database(boolean postgres) {
        OutboxDatabases.Database db = OutboxDatabases.open(postgres);
        opened.add(db);
        return db;
    }

    private static EventOutbox outbox(OutboxDatabases.Database db, Receiver receiver, List<String> segments) {
        return outbox(db, List.of(receiver), segments);
    }

    private static EventOutbox outbox(OutboxDatabases.Database db, List<Receiver> receivers, List<String> segments) {
        Map<String, String> settings = new java.util.HashMap<>();
        for (int i = 0; i < receivers.size(); i++) {
            settings.put("crm.events.webhooks[" + i + "].url", receivers.get(i).url());
            settings.put("crm.events.webhooks[" + i + "].secret", SECRET);
        }
        for (int i = 0; i < segments.size(); i++) {
            settings.put("crm.events.webhooks[0].segments[" + i + "]", segments.get(i));
        }
        return new EventOutbox(
                db.dataSource(),
                db.transactions(),
                new Subscriptions(settings(settings)),
                EventJson.MAPPER,
                Clock.systemUTC());
    }

    static CrmProperties.Events settings(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("crm", CrmProperties.class)
                .events();
    }

    private EventDispatcher start(EventOutbox outbox, String schedule) {
        return start(outbox, schedule, Duration.ofSeconds(2), 4);
    }

    private EventDispatcher start(EventOutbox outbox, String schedule, Duration timeout, int threads) {
        EventDispatcher dispatcher = new EventDispatcher(
                outbox,
                outbox.subscriptions(),
                new WebhookSender(timeout),
                null,
                new Explainer(SCORER, MODELS, EventJson.MAPPER, Texts.DEFAULT_LOCALE),
                new RetrySchedule(
                        java.util.Arrays.stream(schedule.split(","))
                                .map(wait -> org.springframework.boot.convert.DurationStyle.detectAndParse(wait))
                                .toList(),
                        new Random(7)),
                Clock.systemUTC(),
                Duration.ofMillis(50),
                Duration.ofMillis(100),
                threads);
        running.add(dispatcher);
        dispatcher.start();
        return dispatcher;
    }

    /** Customers moved into Hot, written to the outbox in one transaction as the memory's write does. */
    private static void write(EventOutbox outbox, OutboxDatabases.Database db, int customers) {
        Instant now = Instant.now();
        List<SegmentChangeListener.ChangedLead> changes = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            String id = "C-" + now.toEpochMilli() + "-" + i;
            changes.add(new SegmentChangeListener.ChangedLead(
                    id, now, "Warm", "Hot", 60, 85, 0.85, MODELS.current().version(), hot(id)));
        }
        db.transactions().executeWithoutResult(status -> outbox.changed(changes));
    }

    private static Customer hot(String id) {
        return new Customer(com.smoft.crm.scoring.CustomerId.of(id), 2, 20, 4000, 10, 9, 40, 200);
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 20 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
