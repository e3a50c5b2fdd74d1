package com.smoft.crm.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.smoft.crm.LocalService;
import com.smoft.crm.OpenApiDocument;
import com.smoft.crm.scoring.Customer;
import com.smoft.crm.scoring.HostileModelFiles;
import com.smoft.crm.scoring.ModelStore;
import com.smoft.crm.system.ServerDatabase;
import com.smoft.crm.training.ModelsCommand;
import com.smoft.crm.training.ShiftedWorld;
import com.smoft.crm.training.TrainCommand;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A server on a model store of its own: versions listed, promoted, rolled back, and followed when a command changes them. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"crm.security.admin-api-keys=" + ModelStoreApiTests.ADMIN_KEY, "crm.model.watch-interval=200ms"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModelStoreApiTests {

    static final String ADMIN_KEY = "store-admin-key-2026";

    private static final Path STORE = createStore();
    private static final ModelStore MODELS = new ModelStore(STORE);

    private final LocalService service;

    @Autowired
    private DataSource dataSource;

    private final JsonMapper json = JsonMapper.builder().build();
    private OpenApiDocument document;

    /** Two versions: the first serving, the second a candidate. */
    private static Path createStore() {
        try {
            Path store = Files.createTempDirectory("smoft-store").resolve("model");
            assertThat(TrainCommand.run(
                            new String[] {
                                "--store",
                                store.toString(),
                                "--rows",
                                "1500",
                                "--trees",
                                "5",
                                "--seed",
                                "1",
                                "--promote",
                                "always"
                            },
                            ServerDatabase::open))
                    .isZero();
            assertThat(TrainCommand.run(
                            new String[] {
                                "--store",
                                store.toString(),
                                "--rows",
                                "1500",
                                "--trees",
                                "5",
                                "--seed",
                                "2",
                                "--promote",
                                "never"
                            },
                            ServerDatabase::open))
                    .isZero();
            return store;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    ModelStoreApiTests(@LocalServerPort int port) {
        this.service = new LocalService(port);
    }

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry properties) {
        properties.add("crm.model.store", STORE::toString);
        // The tests' default single file (the shipped model by its version) gives way to this store.
        properties.add("crm.model.path", () -> "");
    }

    /**
     * Sends a request, and holds its answer to the served OpenAPI document: the store's answers (versions listed with
     * their decisions or unreadable, promoted, rolled back, refused) are produced here only.
     */
    private HttpResponse<String> send(String method, String path, String key) throws Exception {
        HttpRequest.Builder request = service.request(path).method(method, HttpRequest.BodyPublishers.noBody());
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return described(method, path, service.send(request));
    }

    private HttpResponse<String> described(String method, String path, HttpResponse<String> answer) {
        if (document == null) {
            document = OpenApiDocument.servedBy(service);
        }
        String template = path.replaceFirst("/models/[^/]+/promote$", "/models/{version}/promote");
        assertThat(document.mismatches(method, template, answer))
                .as("the document describes " + method + " " + path)
                .isEmpty();
        return answer;
    }

    private String servingHere() throws Exception {
        return json.readTree(send("GET", "/health", null).body())
                .get("model_version")
                .asString();
    }

    /** The version not serving: a candidate at first, retired once it has served. */
    private String other() {
        String serving = MODELS.serving().orElseThrow();
        return MODELS.versions().stream()
                .map(v -> v.card().version())
                .filter(v -> !v.equals(serving))
                .findFirst()
                .orElseThrow();
    }

    @Test
    @Order(1)
    void shouldListEveryVersionWithItsFiguresStatusAndDecision() throws Exception {
        HttpResponse<String> response = send("GET", "/api/models", null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        String serving = MODELS.serving().orElseThrow();
        assertThat(body.get("serving").asString()).isEqualTo(serving).isEqualTo(servingHere());
        assertThat(body.get("source").asString()).isEqualTo("store");
        assertThat(body.get("models")).hasSize(2);
        for (JsonNode model : body.get("models")) {
            boolean isServing = model.get("version").asString().equals(serving);
            assertThat(model.get("status").asString()).isEqualTo(isServing ? "serving" : "candidate");
            assertThat(model.get("serving").asBoolean()).isEqualTo(isServing);
            assertThat(model.get("rows").asInt()).isEqualTo(1500);
            assertThat(model.get("data_source").asString()).startsWith("sample data");
            for (String figure :
                    new String[] {"auc", "accuracy", "brier_score", "calibration_error", "hot_precision", "hot_recall"
                    }) {
                assertThat(model.get("holdout").has(figure)).as(figure).isTrue();
            }
            assertThat(model.get("promotion").get("rule").asString()).isEqualTo(isServing ? "always" : "never");
            assertThat(model.get("warnings").isArray()).isTrue();
        }
    }

    @Test
    @Order(2)
    void shouldPromoteRollBackAndRefuseWhatCannotBeDone() throws Exception {
        String first = servingHere();
        String second = other();
        assertThat(send("POST", "/api/admin/models/" + second.substring(0, 10) + "/promote", null)
                        .statusCode())
                .isEqualTo(401);
        assertThat(send("POST", "/api/admin/models/" + second.substring(0, 10) + "/promote", "not-the-key")
                        .statusCode())
                .isEqualTo(401);

        HttpResponse<String> promoted =
                send("POST", "/api/admin/models/" + second.substring(0, 10) + "/promote", ADMIN_KEY);
        assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(200);
        assertThat(json.readTree(promoted.body()).get("previous_version").asString())
                .isEqualTo(first);
        assertThat(servingHere()).isEqualTo(second);
        assertThat(MODELS.serving()).hasValue(second);

        HttpResponse<String> unknown = send("POST", "/api/admin/models/0123456789abcdef/promote", ADMIN_KEY);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        // Refused by the firewall before any operation (an encoded slash): no operation's answer to describe.
        assertThat(service.send(service.request("/api/admin/models/..%2F..%2Fetc/promote")
                                .header("X-API-Key", ADMIN_KEY)
                                .POST(HttpRequest.BodyPublishers.noBody()))
                        .statusCode())
                .isBetween(400, 404);

        HttpResponse<String> rolledBack = send("POST", "/api/admin/models/rollback", ADMIN_KEY);
        assertThat(rolledBack.statusCode()).isEqualTo(200);
        assertThat(servingHere()).isEqualTo(first);
        assertThat(MODELS.versions())
                .filteredOn(v -> v.card().version().equals(second))
                .first()
                .extracting(ModelStore.Version::status)
                .isEqualTo(ModelStore.Status.retired);
        HttpResponse<String> nothingBefore = send("POST", "/api/admin/models/rollback", ADMIN_KEY);
        assertThat(nothingBefore.statusCode()).isEqualTo(409);
        assertThat(nothingBefore.body()).contains("no version served before").doesNotContain(STORE.toString());
        assertThat(servingHere()).isEqualTo(first);
    }

    @Test
    @Order(3)
    void shouldRefuseToPromoteOrRollBackToATamperedVersionAndKeepServing() throws Exception {
        String serving = servingHere();
        String candidate = other();
        byte[] original = Files.readAllBytes(MODELS.file(candidate));
        byte[] tampered = original.clone();
        tampered[tampered.length - 50] ^= 1;
        Files.write(MODELS.file(candidate), tampered);
        try {
            HttpResponse<String> refused = send("POST", "/api/admin/models/" + candidate + "/promote", ADMIN_KEY);
            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(refused.body()).contains("does not match its card").doesNotContain(STORE.toString());
            assertThat(servingHere()).isEqualTo(serving);
            assertThat(MODELS.serving()).hasValue(serving);
        } finally {
            Files.write(MODELS.file(candidate), original);
        }
        assertThat(send("POST", "/api/admin/models/" + candidate + "/promote", ADMIN_KEY)
                        .statusCode())
                .isEqualTo(200);
        byte[] before = Files.readAllBytes(MODELS.file(serving));
        byte[] damaged = before.clone();
        damaged[damaged.length - 50] ^= 1;
        Files.write(MODELS.file(serving), damaged);
        try {
            HttpResponse<String> refused = send("POST", "/api/admin/models/rollback", ADMIN_KEY);
            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(servingHere()).isEqualTo(candidate);
        } finally {
            Files.write(MODELS.file(serving), before);
        }
        assertThat(send("POST", "/api/admin/models/rollback", ADMIN_KEY).statusCode())
                .isEqualTo(200);
        assertThat(servingHere()).isEqualTo(serving);
    }

    @Test
    @Order(4)
    void shouldFollowAPromotionMadeByTheCommandWithoutARestart() throws Exception {
        String candidate = other();
        assertThat(ModelsCommand.run(new String[] {"promote", candidate, "--store", STORE.toString()}))
                .isZero();
        HttpResponse<String> reloaded = send("POST", "/api/admin/model/reload", ADMIN_KEY);
        assertThat(reloaded.statusCode()).isEqualTo(200);
        assertThat(json.readTree(reloaded.body()).get("model_version").asString())
                .isEqualTo(candidate);
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> servingHere().equals(candidate));
        assertThat(ModelsCommand.run(new String[] {"rollback", "--store", STORE.toString()}))
                .isZero();
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> !servingHere().equals(candidate));
    }

    @Test
    @Order(5)
    void shouldListEveryVersionAndMarkTheFilesThatAreNoneUnreadable() throws Exception {
        String serving = servingHere();
        Path versions = MODELS.file(serving).getParent();
        List<Path> planted = new ArrayList<>();
        try {
            planted.add(Files.writeString(versions.resolve("1".repeat(64) + ".bin"), "not a model"));
            planted.add(Files.createDirectory(versions.resolve("2".repeat(64) + ".bin")));
            planted.add(Files.createSymbolicLink(versions.resolve("3".repeat(64) + ".bin"), MODELS.file(serving)));
            planted.add(HostileModelFiles.pipe(versions.resolve("f".repeat(64) + ".bin")));

            HttpResponse<String> response = described(
                    "GET",
                    "/api/models",
                    service.send(service.request("/api/models").timeout(Duration.ofSeconds(10))));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode models = json.readTree(response.body()).get("models");
            assertThat(models).hasSize(2 + planted.size());
            assertThat(models.get(0).get("status").asString()).isIn("serving", "retired", "candidate");
            assertThat(models.get(1).get("status").asString()).isIn("serving", "retired", "candidate");
            for (int i = 2; i < models.size(); i++) {
                JsonNode model = models.get(i);
                assertThat(model.get("status").asString()).isEqualTo("unreadable");
                assertThat(model.get("serving").asBoolean()).isFalse();
                assertThat(model.get("holdout").isNull()).isTrue();
                // Said in the service's default language, French, as the web page's French shows it.
                assertThat(model.get("problem").asString())
                        .isIn("ce n'est pas un fichier de modèle SMOFT", "son fichier n'est pas un fichier ordinaire");
            }
            assertThat(response.body()).doesNotContain(STORE.toString());
            HttpResponse<String> english = described(
                    "GET",
                    "/api/models",
                    service.send(service.request("/api/models")
                            .header("Accept-Language", "en")
                            .timeout(Duration.ofSeconds(10))));
            JsonNode listed = json.readTree(english.body()).get("models");
            for (int i = 2; i < listed.size(); i++) {
                assertThat(listed.get(i).get("problem").asString())
                        .isIn("the file is not a SMOFT model file", "its file is not a regular file");
            }
        } finally {
            for (Path file : planted) {
                Files.delete(file);
            }
        }
    }

    @Test
    @Order(6)
    void shouldAnswerAProblemWhenThePointerCannotBeReadAndKeepServing() throws Exception {
        String serving = servingHere();
        Path pointer = STORE.resolve("store.json");
        byte[] original = Files.readAllBytes(pointer);
        try {
            Files.writeString(pointer, "{\"serving\": [");
            HttpResponse<String> refused = send("GET", "/api/models", null);
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(refused.body())
                    .contains("pointer cannot be read", serving + " reste en service")
                    .doesNotContain(STORE.toString());
            assertThat(servingHere()).isEqualTo(serving);
        } finally {
            Files.write(pointer, original);
        }
    }

    /**
     * The loop of issue 24 end to end: customers scored by the serving model, what they did posted from a world whose
     * behaviour has shifted since it was trained, its live status degraded; {@code train --from-memory} on the
     * server's own database promotes a model that the server then serves, and that ranks fresh outcomes better.
     */
    @Test
    @Order(7)
    void shouldRetrainFromWhatHappenedInAShiftedWorldAndServeTheModelThatRanksFreshOutcomesBetter() throws Exception {
        String old = servingHere();
        assertThat(record("LOOP", ShiftedWorld.leads(7, 4000))).isEqualTo(4000);
        JsonNode oldLive = listed(old).get("live");
        assertThat(oldLive.get("live_status").asString()).isEqualTo("degraded");
        double oldAuc = oldLive.get("last_90_days").get("auc").get("live").asDouble();
        assertThat(oldAuc).isLessThan(0.5);

        assertThat(TrainCommand.run(
                        new String[] {
                            "--from-memory",
                            "--store",
                            STORE.toString(),
                            "--trees",
                            "20",
                            "--spring.datasource.url=" + ((HikariDataSource) dataSource).getJdbcUrl(),
                            "--spring.datasource.username=sa"
                        },
                        ServerDatabase::open))
                .isZero();
        String retrained = MODELS.serving().orElseThrow();
        assertThat(retrained).isNotEqualTo(old);
        assertThat(MODELS.versions())
                .filteredOn(v -> v.card().version().equals(retrained))
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.decision().promoted()).isTrue();
                    assertThat(v.decision().serving().version()).isEqualTo(old);
                    assertThat(v.card().memoryHistory().outcomes()).isEqualTo(4000);
                });
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> servingHere().equals(retrained));

        // Fresh customers of the same world, scored by the retrained model, and what they did.
        assertThat(record("FRESH", ShiftedWorld.leads(8, 1000))).isEqualTo(1000);
        JsonNode listed = listed(retrained);
        assertThat(listed.get("data_source").asString()).startsWith("memory (4000 matched outcomes from ");
        JsonNode newLive = listed.get("live");
        assertThat(newLive.get("last_90_days").get("outcomes").asLong()).isEqualTo(1000);
        assertThat(newLive.get("last_90_days").get("auc").get("live").asDouble())
                .isGreaterThan(0.7)
                .isGreaterThan(oldAuc + 0.2);
        assertThat(newLive.get("live_status").asString()).isEqualTo("ok");
    }

    /** Scores the leads as a batch with ids of their own, then posts what they did; returns the matched outcomes. */
    private int record(String prefix, List<ShiftedWorld.Lead> leads) throws Exception {
        List<String> customers = new ArrayList<>();
        StringBuilder outcomes = new StringBuilder("customer_id,outcome\n");
        for (int i = 0; i < leads.size(); i++) {
            Customer customer = leads.get(i).customer();
            customers.add(json.writeValueAsString(new LinkedHashMap<>(Map.of(
                    "customer_id", prefix + "-" + i,
                    "days_since_last_contact", customer.daysSinceLastContact(),
                    "total_contacts", customer.totalContacts(),
                    "total_spent", customer.totalSpent(),
                    "emails_sent", customer.emailsSent(),
                    "emails_opened", customer.emailsOpened(),
                    "website_visits", customer.websiteVisits(),
                    "customer_age_days", customer.customerAgeDays()))));
            outcomes.append(prefix).append('-').append(i).append(leads.get(i).converted() ? ",converted\n" : ",lost\n");
        }
        HttpResponse<String> scored = service.postJson(
                "/api/batch_score?view=compact", "{\"clients\": [" + String.join(",", customers) + "]}");
        assertThat(scored.statusCode()).as(scored.body()).isEqualTo(200);
        HttpResponse<String> recorded = service.post("/api/outcomes", "text/csv", outcomes.toString());
        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(200);
        return json.readTree(recorded.body()).get("matched").asInt();
    }

    /** A version as GET /api/models lists it. */
    private JsonNode listed(String version) throws Exception {
        for (JsonNode model :
                json.readTree(send("GET", "/api/models", null).body()).get("models")) {
            if (model.get("version").asString().equals(version)) {
                return model;
            }
        }
        throw new AssertionError("no version " + version);
    }
}
