package com.smoft.crm.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.smoft.crm.scoring.Customer;
import com.smoft.crm.scoring.CustomerId;
import com.smoft.crm.scoring.IsotonicCalibrator;
import com.smoft.crm.scoring.LeadScorer;
import com.smoft.crm.scoring.LoadedModel;
import com.smoft.crm.scoring.ModelCard;
import com.smoft.crm.scoring.ModelFiles;
import com.smoft.crm.scoring.ModelRegistry;
import com.smoft.crm.scoring.ModelStore;
import com.smoft.crm.scoring.ScoreStatistics;
import com.smoft.crm.scoring.SegmentThresholds;
import com.smoft.crm.scoring.ShippedModel;
import com.smoft.crm.scoring.Texts;
import com.smoft.crm.scoring.TrainedModel;
import com.smoft.crm.system.CrmProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The events the service writes itself, outside the memory's transactions: {@code model.promoted} when the registry
 * swaps a model (promotion, rollback), {@code drift.status_changed} when the served scores' drift changes status.
 */
class EventServiceTests {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final LoadedModel SHIPPED = ModelFiles.load(ShippedModel.PATH);

    @TempDir
    Path folder;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
    }

    @Test
    void shouldWriteOneModelPromotedPerSwapForEveryInstanceThatSeesItAndAnotherForTheRollback() throws Exception {
        OutboxDatabases.Database db = database();
        ModelStore store = store();
        String variant = addVariant(store);
        ModelRegistry here = ModelRegistry.ofStore(store);
        // The store's serving version: the serving one, or the one a retraining promoted (as the README allows).
        String serving = here.current().version();
        ModelRegistry there = ModelRegistry.ofStore(new ModelStore(store.folder()));
        service(db, here, new ScoreStatistics());
        service(db, there, new ScoreStatistics());

        here.promote(variant);
        there.followStore();
        here.rollback();

        List<JsonNode> events = events(db, "model.promoted").stream()
                .sorted(java.util.Comparator.comparing(
                        event -> event.get("data").get("promoted_by").asString()))
                .toList();
        assertThat(events).hasSize(2);
        JsonNode promoted = events.get(0).get("data");
        assertThat(promoted.get("version").asString()).isEqualTo(variant);
        assertThat(promoted.get("previous_version").asString()).isEqualTo(serving);
        assertThat(promoted.get("promoted_by").asString()).isEqualTo("api");
        assertThat(promoted.get("holdout").get("auc").asDouble())
                .isEqualTo(SHIPPED.card().holdout().auc());
        JsonNode rolledBack = events.get(1).get("data");
        assertThat(rolledBack.get("version").asString()).isEqualTo(serving);
        assertThat(rolledBack.get("promoted_by").asString()).isEqualTo("rollback");
        assertThat(events.get(0).get("id").asString())
                .isEqualTo(Event.idOf("model.promoted|" + serving + "|" + variant + "|"
                        + java.time.LocalDate.now(java.time.ZoneOffset.UTC)));
        assertThat(db.count("SELECT COUNT(*) FROM event_outbox WHERE event_key = '" + variant + "'"))
                .isEqualTo(1);
    }

    @Test
    void shouldWriteADriftStatusChangeOnlyWhenTheStatusMoves() {
        OutboxDatabases.Database db = database();
        ModelRegistry models = new ModelRegistry(SHIPPED);
        ScoreStatistics statistics = new ScoreStatistics();
        EventService service = service(db, models, statistics);
        LeadScorer scorer = new LeadScorer(models, SegmentThresholds.DEFAULT, Texts.bundled());

        service.checkDrift();
        service.checkDrift();
        assertThat(events(db, "drift.status_changed")).isEmpty();
        // Only Hot customers: far from the holdout's spread.
        for (int i = 0; i < 600; i++) {
            statistics.record(scorer.score(new Customer(CustomerId.of("C-" + i), 2, 20, 4000, 10, 9, 40, 200)));
        }
        service.checkDrift();
        service.checkDrift();

        assertThat(events(db, "drift.status_changed")).singleElement().satisfies(event -> {
            JsonNode data = event.get("data");
            assertThat(data.get("from").asString()).isEqualTo("insufficient");
            assertThat(data.get("to").asString()).isEqualTo("shift");
            assertThat(data.get("customers").asLong()).isEqualTo(600);
            assertThat(data.get("psi").asDouble()).isGreaterThan(0.25);
            assertThat(data.get("model_version").asString()).isEqualTo(SHIPPED.version());
        });
    }

    private OutboxDatabases.Database database() {
        OutboxDatabases.Database db = OutboxDatabases.open(false);
        opened.add(db);
        return db;
    }

    /** A copy of the shipped store. */
    private ModelStore store() throws Exception {
        Path model = folder.resolve("model");
        Files.createDirectories(model.resolve("versions"));
        try (var files = Files.list(ModelStore.DEFAULT_FOLDER.resolve("versions"))) {
            for (Path file : files.toList()) {
                Files.copy(file, model.resolve("versions").resolve(file.getFileName()));
            }
        }
        Files.copy(ModelStore.DEFAULT_FOLDER.resolve("store.json"), model.resolve("store.json"));
        return new ModelStore(model);
    }

    /** The shipped forest with another calibration curve: another version. */
    private static String addVariant(ModelStore store) throws Exception {
        IsotonicCalibrator calibrator =
                IsotonicCalibrator.fit(new double[] {0.1, 0.5, 0.9, 0.3}, new int[] {0, 1, 1, 1});
        ModelCard card = SHIPPED.card();
        return store.add(
                        new TrainedModel(
                                SHIPPED.trained().forest(), SHIPPED.trained().cutPoints(), calibrator),
                        new ModelCard(
                                null,
                                "2026-12-01T00:00:00Z",
                                "variant",
                                card.rowCount(),
                                card.features(),
                                card.hyperparameters(),
                                card.split(),
                                card.holdout(),
                                card.outOfBag(),
                                card.featureImportance(),
                                card.rfmCutPoints(),
                                card.thresholds(),
                                card.calibration(),
                                card.trainingSeconds(),
                                card.convertedCount(),
                                card.warnings(),
                                card.holdoutScores(),
                                null))
                .version();
    }

    private static EventService service(OutboxDatabases.Database db, ModelRegistry models, ScoreStatistics statistics) {
        CrmProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                        "crm.events.webhooks[0].url",
                        "http://127.0.0.1:9/hooks",
                        "crm.events.webhooks[0].secret",
                        SECRET)))
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
                statistics);
    }

    /** The events of a type in the outbox. */
    private static List<JsonNode> events(OutboxDatabases.Database db, String type) {
        return db
                .jdbc()
                .sql("SELECT payload FROM event_outbox WHERE type = ?")
                .param(type)
                .query(String.class)
                .list()
                .stream()
                .map(EventJson.MAPPER::readTree)
                .toList();
    }
}
