package com.smoft.crm.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.smoft.crm.LocalService;
import com.smoft.crm.scoring.Feature;
import com.smoft.crm.scoring.ScoredRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The events in the running service: a webhook subscription in its settings, a real HTTP receiver on loopback that
 * verifies every signature. The one Spring set-up of the events' tests.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"crm.security.admin-api-keys=" + EventsApiTests.ADMIN_KEY, "crm.events.poll-interval=100ms"})
class EventsApiTests {

    static final String ADMIN_KEY = "events-admin-key-2468";
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final Receiver RECEIVER = up();

    private final LocalService service;

    EventsApiTests(@LocalServerPort int port) {
        this.service = new LocalService(port);
    }

    @DynamicPropertySource
    static void webhook(DynamicPropertyRegistry registry) {
        registry.add("crm.events.webhooks[0].url", RECEIVER::url);
        registry.add("crm.events.webhooks[0].secret", () -> SECRET);
        registry.add("crm.events.webhooks[0].segments", () -> "Hot");
    }

    @AfterAll
    static void down() {
        RECEIVER.close();
    }

    @Test
    void shouldDeliverASignedSegmentChangeOnceABatchScoresALeadIntoHot() throws Exception {
        String id = "EVT-" + UUID.randomUUID();
        HttpResponse<String> scored = service.postJson("/api/batch_score", """
                {"clients": [{"customer_id": "%s", "days_since_last_contact": 2, "total_contacts": 20,
                 "total_spent": 4000, "emails_sent": 10, "emails_opened": 9, "website_visits": 40,
                 "customer_age_days": 200}]}""".formatted(id));
        assertThat(scored.statusCode()).isEqualTo(200);

        awaitTrue(() -> RECEIVER.received().stream()
                .anyMatch(delivery -> delivery.body().contains(id)));
        Receiver.Delivery delivery = RECEIVER.received().stream()
                .filter(received -> received.body().contains(id))
                .findFirst()
                .orElseThrow();
        assertThat(delivery.signed()).as("signature verified with the secret").isTrue();
        JsonNode event = EventJson.MAPPER.readTree(delivery.body());
        assertThat(event.get("id").asString()).isEqualTo(delivery.id());
        assertThat(event.get("type").asString()).isEqualTo("lead.segment_changed");
        JsonNode data = event.get("data");
        assertThat(data.get("customer_id").asString()).isEqualTo(id);
        assertThat(data.get("from").isNull()).isTrue();
        assertThat(data.get("to").asString()).isEqualTo("Hot");
        assertThat(data.get("next_action").get("action").asString()).isEqualTo("CALL");
        assertThat(data.get("reasons")).hasSize(3);
        double probability = data.get("probability").asDouble();
        assertThat(probability).as("rounded as /api/score rounds").isEqualTo(ScoredRow.probability(probability));
        assertThat(data.get("reasons").get(0).get("feature").asString())
                .as("named as /api/score names the signals")
                .isIn(Arrays.stream(Feature.values()).map(Feature::key).toList());

        HttpResponse<String> listed =
                service.send(service.request("/api/admin/events").header("X-API-Key", ADMIN_KEY));
        JsonNode item = EventJson.MAPPER.readTree(listed.body()).get("items").get(0);
        assertThat(item.has("id")).as("no second, internal id beside event_id").isFalse();
        HttpResponse<String> again = service.send(
                service.request("/api/admin/events/" + item.get("event_id").asString() + "/redeliver")
                        .header("X-API-Key", ADMIN_KEY)
                        .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(again.statusCode()).isEqualTo(202);

        HttpResponse<String> tested = service.send(service.request("/api/admin/events/test")
                .header("X-API-Key", ADMIN_KEY)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(tested.statusCode()).isEqualTo(200);
        awaitTrue(() -> RECEIVER.received().stream()
                .anyMatch(received -> received.body().contains("Test de SMOFT CRM")));
    }

    @Test
    void shouldListTheSubscriptionWithoutItsSecret() throws Exception {
        HttpResponse<String> listed =
                service.send(service.request("/api/admin/events/subscriptions").header("X-API-Key", ADMIN_KEY));

        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains(RECEIVER.url()).doesNotContain(SECRET.substring(6));
    }

    private static Receiver up() {
        try {
            Receiver receiver = new Receiver(SECRET);
            receiver.up();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 20 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
