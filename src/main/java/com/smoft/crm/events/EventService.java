package com.smoft.crm.events;

import com.smoft.crm.outcomes.LiveStatusListener;
import com.smoft.crm.scoring.Drift;
import com.smoft.crm.scoring.LeadScorer;
import com.smoft.crm.scoring.LiveStatus;
import com.smoft.crm.scoring.LoadedModel;
import com.smoft.crm.scoring.ModelCard;
import com.smoft.crm.scoring.ModelRegistry;
import com.smoft.crm.scoring.ModelStore;
import com.smoft.crm.scoring.OutcomeTally;
import com.smoft.crm.scoring.ScoreStatistics;
import com.smoft.crm.scoring.Texts;
import com.smoft.crm.system.BatchAdmission;
import com.smoft.crm.system.CrmProperties;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells the CRM when it matters (issue "Tell the CRM when it matters"): segment changes written by the memory's
 * transaction into the outbox, model promotions and drift changes written as they happen, all delivered from the
 * outbox to the webhooks and to Kafka of {@code crm.events.*}. Needs the memory's database; with no webhook and no
 * Kafka, nothing is written and no thread runs.
 */
@Service
@ConditionalOnBooleanProperty(name = "crm.memory.enabled", matchIfMissing = true)
public class EventService implements SmartLifecycle, LiveStatusListener {

    private static final Logger log = LoggerFactory.getLogger(EventService.class);

    /** How often the outbox's counts are read for the metrics, at most. */
    private static final Duration COUNTS_EVERY = Duration.ofSeconds(5);

    /** How often events past their retention are pruned. */
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    private final EventOutbox outbox;
    private final Subscriptions subscriptions;
    private final CrmProperties.Events settings;
    private final ModelRegistry registry;
    private final ScoreStatistics statistics;
    private final JsonMapper json;
    private final Clock clock;
    private final EventDispatcher dispatcher;
    private final WebhookSender pings;
    /** The text of a test ping, in the language of crm.events.language. */
    private final String pingText;

    private final AtomicLong latencySum = new AtomicLong();
    private final AtomicLong latencyMax = new AtomicLong();
    private volatile EventOutbox.Counts counts = new EventOutbox.Counts(0, 0, 0);
    private volatile Instant countedAt = Instant.EPOCH;
    private volatile Instant prunedAt = Instant.EPOCH;
    private volatile String driftStatus;
    private volatile boolean running;
    private volatile LongConsumer latencyListener = millis -> {};
    /** The cards of earlier versions, read from the store once each, for their live status. */
    private final Map<String, Optional<ModelCard>> cards = new ConcurrentHashMap<>();

    /** The service of the application: its deliveries give way to the batches callers are waiting for. */
    @Autowired
    EventService(
            EventOutbox outbox,
            CrmProperties properties,
            LeadScorer scorer,
            ModelRegistry registry,
            ScoreStatistics statistics,
            BatchAdmission batches) {
        this(outbox, properties, scorer, registry, statistics);
        dispatcher.giveWayWhile(batches::batchesInFlight);
    }

    EventService(
            EventOutbox outbox,
            CrmProperties properties,
            LeadScorer scorer,
            ModelRegistry registry,
            ScoreStatistics statistics) {
        this.outbox = outbox;
        this.subscriptions = outbox.subscriptions();
        this.settings = properties.events();
        this.registry = registry;
        this.statistics = statistics;
        this.json = EventJson.MAPPER;
        this.clock = Clock.systemUTC();
        this.pings = new WebhookSender(settings.timeout());
        this.pingText = Texts.bundled().get("event.ping", null, Texts.supported(settings.locale()));
        this.dispatcher = new EventDispatcher(
                outbox,
                subscriptions,
                new WebhookSender(settings.timeout()),
                settings.kafka().enabled()
                        ? new KafkaSender(
                                settings.kafka().bootstrapServers(),
                                settings.kafka().topic(),
                                settings.timeout())
                        : null,
                new Explainer(scorer, registry, json, settings.locale()),
                new RetrySchedule(settings.retryWaits(), new Random()),
                clock,
                settings.pollInterval(),
                settings.timeout(),
                settings.deliveryThreads());
        dispatcher.measureLatency(millis -> {
            latencySum.addAndGet(millis);
            latencyMax.accumulateAndGet(millis, Math::max);
            latencyListener.accept(millis);
        });
        dispatcher.alsoEachRound(this::checkDrift);
        dispatcher.alsoEachRound(this::housekeep);
        registry.listen(this::modelSwapped);
    }

    @Override
    public void start() {
        if (subscriptions.any()) {
            log.info(
                    "Events: {} webhook subscription(s){}",
                    subscriptions.webhooks().size(),
                    subscriptions.kafka() ? ", Kafka topic " + settings.kafka().topic() : "");
            dispatcher.start();
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        try {
            dispatcher.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pings.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** A model swapped in: {@code model.promoted}, with one id for every instance that sees the same swap the same day. */
    private void modelSwapped(LoadedModel previous, LoadedModel fresh, ModelRegistry.Cause cause) {
        if (!subscriptions.any()) {
            return;
        }
        Instant now = clock.instant();
        Event event = new Event(
                Event.idOf("model.promoted|" + previous.version() + "|" + fresh.version() + "|"
                        + LocalDate.ofInstant(now, ZoneOffset.UTC)),
                EventType.MODEL_PROMOTED.wire(),
                now,
                EventType.SCHEMA_VERSION,
                new EventPayloads.ModelPromoted(
                        fresh.version(),
                        previous.version(),
                        cause.name(),
                        fresh.card().trainedAt(),
                        fresh.card().holdout(),
                        previous.card().holdout()));
        try {
            outbox.append(event, EventType.MODEL_PROMOTED, fresh.version(), null);
        } catch (DataAccessException | TransactionException e) {
            log.warn("Events: model.promoted for {} could not be written: {}", fresh.version(), e.getMessage());
        }
    }

    @Override
    public boolean listening() {
        return subscriptions.any();
    }

    @Override
    public ModelCard card(String version) {
        LoadedModel serving = registry.current();
        if (serving.version().equals(version)) {
            return serving.card();
        }
        return cards.computeIfAbsent(version, this::storedCard).orElse(null);
    }

    private Optional<ModelCard> storedCard(String version) {
        return registry.store().stream()
                .flatMap(store -> store.versions().stream())
                .filter(stored -> stored.version().equals(version))
                .map(ModelStore.Version::card)
                .filter(java.util.Objects::nonNull)
                .findFirst();
    }

    /**
     * A version's live status changed: {@code model.live_status_changed}, with one id for every instance that sees
     * the same change the same day (the one that recorded the outcomes at once, the others at their next tally).
     */
    @Override
    public void changed(ModelCard card, LiveStatus from, LiveStatus to, OutcomeTally tally) {
        Instant now = clock.instant();
        Event event = new Event(
                Event.idOf("model.live_status_changed|" + card.version() + "|" + from + "|" + to + "|"
                        + LocalDate.ofInstant(now, ZoneOffset.UTC)),
                EventType.MODEL_LIVE_STATUS_CHANGED.wire(),
                now,
                EventType.SCHEMA_VERSION,
                new EventPayloads.LiveStatusChanged(
                        card.version(),
                        from.name(),
                        to.name(),
                        tally.outcomes(),
                        tally.converted(),
                        figure(tally.auc()),
                        card.holdout().auc(),
                        figure(tally.calibrationError())));
        try {
            outbox.append(event, EventType.MODEL_LIVE_STATUS_CHANGED, card.version(), null);
        } catch (DataAccessException | TransactionException e) {
            log.warn(
                    "Events: model.live_status_changed for {} could not be written: {}",
                    card.version(),
                    e.getMessage());
        }
    }

    /** A figure as the wire writes it: four decimals, {@code null} when it cannot be computed. */
    private static Double figure(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? null : Math.round(value * 10_000) / 10_000.0;
    }

    /** The drift of this instance's scores moved to another status: {@code drift.status_changed}. */
    void checkDrift() {
        LoadedModel model = registry.current();
        Drift drift = Drift.of(statistics, model.card());
        String before = driftStatus;
        if (before == null || before.equals(drift.status())) {
            driftStatus = drift.status();
            return;
        }
        Event event = Event.of(
                EventType.DRIFT_STATUS_CHANGED,
                clock.instant(),
                new EventPayloads.DriftStatusChanged(
                        before, drift.status(), drift.psi(), drift.customers(), model.version()));
        outbox.append(event, EventType.DRIFT_STATUS_CHANGED, model.version(), null);
        driftStatus = drift.status();
    }

    private void housekeep() {
        Instant now = clock.instant();
        if (!now.isBefore(countedAt.plus(COUNTS_EVERY))) {
            counts = outbox.counts();
            countedAt = now;
        }
        if (!now.isBefore(prunedAt.plus(PRUNE_EVERY))) {
            int pruned = outbox.prune(now.minus(settings.retention()));
            prunedAt = now;
            if (pruned > 0) {
                log.info("Events: {} events older than {} pruned", pruned, settings.retention());
            }
        }
    }

    /** Told each delivery's latency, from the event to its delivery, in milliseconds: the metrics. */
    void measureLatency(LongConsumer listener) {
        this.latencyListener = listener;
    }

    /** The subscriptions, without their secrets. */
    public List<Subscription> subscriptions() {
        List<Subscription> list = new ArrayList<>();
        for (Subscriptions.Webhook webhook : subscriptions.webhooks()) {
            URI url = webhook.url();
            list.add(new Subscription(
                    webhook.target(),
                    url.getScheme() + "://" + url.getRawAuthority().replaceFirst("^.*@", "")
                            + (url.getRawPath() == null ? "" : url.getRawPath()),
                    webhook.settings().events().isEmpty()
                            ? CrmProperties.Events.EVENT_TYPES
                            : webhook.settings().events(),
                    webhook.settings().segments(),
                    !outbox.disabled().contains(webhook.target())));
        }
        return list;
    }

    /**
     * Deliveries of a status, or all, newest first.
     *
     * @param cursor where the previous page ended, or {@code null}
     * @throws IllegalArgumentException when the cursor is not one this list gave
     */
    public DeliveriesPage deliveries(String status, String cursor, int limit) {
        Long after = cursor == null ? null : decode(cursor);
        List<EventOutbox.Delivery> items = outbox.deliveries(status, after, limit);
        return new DeliveriesPage(
                items, items.size() == limit ? encode(items.getLast().id()) : null);
    }

    /**
     * Sends an event again to every target it went to.
     *
     * @return whether the outbox holds it
     */
    public boolean redeliver(String eventId) {
        return outbox.redeliver(eventId);
    }

    /** Sends a signed {@code ping} to every webhook subscription, now, and says what each answered. */
    public List<PingResult> ping() {
        List<PingResult> answers = new ArrayList<>();
        for (Subscriptions.Webhook webhook : subscriptions.webhooks()) {
            Event event = Event.of(EventType.PING, clock.instant(), new EventPayloads.Ping(pingText));
            Integer status = null;
            String error = null;
            try {
                status = pings.send(webhook, event.id(), json.writeValueAsString(event), clock.instant());
                if (status >= 200 && status < 300 && outbox.disabled().contains(webhook.target())) {
                    outbox.enable(webhook.target());
                }
            } catch (IOException e) {
                error = pings.failure(webhook.url(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted";
            }
            answers.add(new PingResult(
                    webhook.target(), event.id(), status, status != null && status >= 200 && status < 300, error));
        }
        return answers;
    }

    /** How the events are doing, for /api/stats. */
    public EventsStatus status() {
        if (!subscriptions.any()) {
            return EventsStatus.OFF;
        }
        long delivered = dispatcher.delivered();
        return new EventsStatus(
                true,
                subscriptions.webhooks().size(),
                subscriptions.kafka(),
                counts.pending(),
                counts.failed(),
                delivered,
                dispatcher.attempts(),
                delivered == 0 ? null : latencySum.get() / delivered,
                delivered == 0 ? null : latencyMax.get());
    }

    private static String encode(long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("e:" + id).getBytes(StandardCharsets.UTF_8));
    }

    private static long decode(String cursor) {
        try {
            if (cursor.length() > 64) {
                throw new IllegalArgumentException("too long");
            }
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!text.startsWith("e:")) {
                throw new IllegalArgumentException("not a cursor of this list");
            }
            return Long.parseLong(text.substring(2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a cursor of this list", e);
        }
    }

    /**
     * A webhook subscription, without its secret.
     *
     * @param id       its name in the outbox's deliveries
     * @param url      where events go, without credentials or query
     * @param events   the event types it gets
     * @param segments for lead.segment_changed, the segments moved into that it gets; all when empty
     * @param enabled  false once its receiver answered 410 Gone (a 2xx to a test or a redelivery enables it again)
     */
    public record Subscription(String id, String url, List<String> events, List<String> segments, boolean enabled) {}

    /**
     * A page of deliveries.
     *
     * @param items      the page
     * @param nextCursor where the next page starts, or {@code null} when this one is the last
     */
    public record DeliveriesPage(List<EventOutbox.Delivery> items, String nextCursor) {}

    /**
     * What a subscription answered to a test.
     *
     * @param subscription the subscription's id
     * @param eventId      the ping's id
     * @param status       the HTTP status answered, or {@code null} when none came
     * @param delivered    whether it answered 2xx
     * @param error        why no answer came
     */
    public record PingResult(String subscription, String eventId, Integer status, boolean delivered, String error) {}

    /**
     * How the events are doing.
     *
     * @param enabled          whether any webhook or Kafka is configured
     * @param subscriptions    webhook subscriptions
     * @param kafka            whether events go to Kafka
     * @param pending          deliveries waiting or retried, in the outbox (every instance's)
     * @param failed           deliveries given up, kept in the outbox
     * @param delivered        deliveries made by this instance since start
     * @param attempts         attempts made by this instance since start
     * @param meanLatencyMs    mean time from an event to its delivery, in milliseconds
     * @param maxLatencyMs     longest time from an event to its delivery, in milliseconds
     */
    public record EventsStatus(
            boolean enabled,
            int subscriptions,
            boolean kafka,
            long pending,
            long failed,
            long delivered,
            long attempts,
            Long meanLatencyMs,
            Long maxLatencyMs) {

        /** Events off: no webhook, no Kafka, or no memory. */
        public static final EventsStatus OFF = new EventsStatus(false, 0, false, 0, 0, 0, 0, null, null);
    }
}
