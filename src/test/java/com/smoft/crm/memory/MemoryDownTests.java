package com.smoft.crm.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.smoft.crm.LocalService;
import com.smoft.crm.OpenApiDocument;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service on a real PostgreSQL server whose network link goes down and comes back: scoring goes on, the reads of
 * the memory answer 503 with Retry-After as the document says, health shows the memory DOWN while readiness stays
 * up, and the scores answered meanwhile are written once the database answers again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MemoryDownTests {

    private static final String ADMIN_KEY = "admin-key-memory";
    private static TestDatabases.ServedDatabase database;

    private final LocalService service;
    private final JsonMapper json = JsonMapper.builder().build();

    MemoryDownTests(@LocalServerPort int port) {
        this.service = new LocalService(port);
    }

    /** Before the context: without PostgreSQL, the test is skipped (failed in CI) rather than its context broken. */
    @BeforeAll
    static void requirePostgres() {
        TestDatabases.requirePostgres();
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        database = TestDatabases.served();
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", () -> database.dataSource().getUsername());
        registry.add("spring.datasource.password", () -> database.dataSource().getPassword());
        registry.add("spring.datasource.hikari.schema", () -> database.direct().schema());
        registry.add("spring.flyway.schemas", () -> database.direct().schema());
        registry.add("spring.datasource.hikari.connection-timeout", () -> "250");
        registry.add("crm.memory.flush-interval", () -> "100ms");
        registry.add("crm.memory.queue-capacity", () -> "2");
        registry.add("crm.security.admin-api-keys", () -> ADMIN_KEY);
    }

    @AfterAll
    static void closeDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void shouldScoreThroughAnOutageAnswer503OnReadsAndWriteTheScoresWhenTheDatabaseIsBack() throws Exception {
        OpenApiDocument document = OpenApiDocument.servedBy(service);
        assertThat(service.postJson("/api/batch_score", batchOf("BEFORE")).statusCode())
                .isEqualTo(200);
        assertThat(service.get("/api/leads/BEFORE").statusCode()).isEqualTo(200);

        database.stop();
        try {
            assertThat(service.postJson("/api/batch_score", batchOf("DURING-1")).statusCode())
                    .isEqualTo(200);
            assertThat(service.postJson("/api/score", customer("DURING-2")).statusCode())
                    .isEqualTo(200);
            // The queue (2 here) is full: a batch is still scored, and its answer says what the memory could not keep.
            HttpResponse<String> overflow = service.postJson(
                    "/api/batch_score",
                    "{\"clients\": [" + customer("LOST-1") + ", " + customer("LOST-2") + ", " + customer("LOST-3")
                            + "]}");
            assertThat(overflow.statusCode()).isEqualTo(200);
            assertThat(overflow.headers().firstValue("X-Memory-Unrecorded")).hasValue("3");

            for (String[] read : new String[][] {
                {"GET", "/api/leads/BEFORE", "/api/leads/{customer_id}"},
                {"GET", "/api/leads/changes", "/api/leads/changes"},
                {"GET", "/api/leads", "/api/leads"},
                {"DELETE", "/api/leads/BEFORE", "/api/leads/{customer_id}"},
                {"GET", "/api/lead?customer_id=BEFORE", "/api/lead"},
                {"DELETE", "/api/lead?customer_id=BEFORE", "/api/lead"}
            }) {
                HttpResponse<String> answer = service.send(service.request(read[1])
                        .header("X-API-Key", ADMIN_KEY)
                        .method(read[0], java.net.http.HttpRequest.BodyPublishers.noBody()));
                assertThat(answer.statusCode()).as(read[1]).isEqualTo(503);
                assertThat(answer.headers().firstValue("Retry-After"))
                        .as(read[1])
                        .isPresent();
                assertThat(answer.body()).doesNotContain("jdbc:", "postgres", "Exception");
                assertThat(document.mismatches(read[0], read[2], answer))
                        .as(read[1])
                        .isEmpty();
            }

            HttpResponse<String> outcome = service.send(service.request("/api/outcomes")
                    .header("X-API-Key", ADMIN_KEY)
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            "[{\"customer_id\": \"BEFORE\", \"outcome\": \"lost\"}]")));
            assertThat(outcome.statusCode()).isEqualTo(503);
            assertThat(outcome.headers().firstValue("Retry-After")).isPresent();
            assertThat(document.mismatches("POST", "/api/outcomes", outcome)).isEmpty();
            // The models and their live accuracy as last tallied: the store answers without the database.
            assertThat(service.send(service.request("/api/models").header("X-API-Key", ADMIN_KEY))
                            .statusCode())
                    .isEqualTo(200);

            HttpResponse<String> health = service.get("/actuator/health");
            assertThat(json.readTree(health.body())
                            .get("components")
                            .get("memory")
                            .get("status")
                            .asString())
                    .isEqualTo("DOWN");
            assertThat(service.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
            JsonNode memory = json.readTree(service.get("/api/stats").body()).get("memory");
            assertThat(memory.get("up").asBoolean()).isFalse();
            assertThat(memory.get("queued").asInt()).isEqualTo(2);
        } finally {
            database.start();
        }

        await().atMost(Duration.ofSeconds(10))
                .until(() -> service.get("/api/leads/DURING-2").statusCode() == 200);
        assertThat(service.get("/api/leads/DURING-1").statusCode()).isEqualTo(200);
        JsonNode memory = json.readTree(service.get("/api/stats").body()).get("memory");
        assertThat(memory.get("up").asBoolean()).isTrue();
        assertThat(memory.get("queued").asInt()).isZero();
        assertThat(memory.get("unrecorded").asInt()).isEqualTo(3);
        assertThat(service.get("/api/leads/LOST-1").statusCode()).isEqualTo(404);
    }

    private static String batchOf(String id) {
        return "{\"clients\": [" + customer(id) + "]}";
    }

    private static String customer(String id) {
        return """
                {"customer_id": "%s", "days_since_last_contact": 5, "total_contacts": 10, "total_spent": 1500.5,
                 "emails_sent": 8, "emails_opened": 6, "website_visits": 15, "customer_age_days": 120}""".formatted(id);
    }
}
