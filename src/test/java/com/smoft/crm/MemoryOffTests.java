package com.smoft.crm;

import static com.smoft.crm.scoring.TestCustomers.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With {@code crm.memory.enabled=false} the service scores as it did without a memory: nothing remembered, the memory's
 * reads a 404 that says why, no memory in health. (The set-up of {@link ConfiguredThresholdsTests}: one context.)
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"crm.segments.hot-threshold=80", "crm.segments.warm-threshold=45", "crm.memory.enabled=false"})
class MemoryOffTests {

    private final LocalService service;
    private final JsonMapper json = JsonMapper.builder().build();

    MemoryOffTests(@LocalServerPort int port) {
        this.service = new LocalService(port);
    }

    @Test
    void shouldScoreWithoutRememberingAndSayWhyTheMemoryIsNotThere() throws Exception {
        assertThat(service.postJson("/api/score", CUSTOMER).statusCode()).isEqualTo(200);
        assertThat(service.postJson("/api/batch_score", "{\"clients\": [" + CUSTOMER + "]}")
                        .statusCode())
                .isEqualTo(200);

        HttpResponse<String> lead = service.get("/api/leads/1");
        assertThat(lead.statusCode()).isEqualTo(404);
        assertThat(json.readTree(lead.body()).get("detail").asString()).contains("crm.memory.enabled=false");
        OpenApiDocument document = OpenApiDocument.servedBy(service);
        for (String list : new String[] {"/api/leads/changes", "/api/leads"}) {
            HttpResponse<String> off = service.get(list);
            assertThat(off.statusCode()).as(list).isEqualTo(404);
            assertThat(document.mismatches("GET", list, off)).as(list).isEmpty();
        }
        HttpResponse<String> outcome =
                service.postJson("/api/outcomes", "[{\"customer_id\": 1, \"outcome\": \"converted\"}]");
        assertThat(outcome.statusCode()).isEqualTo(404);
        assertThat(json.readTree(outcome.body()).get("detail").asString()).contains("crm.memory.enabled=false");
        // Without outcomes there is no live accuracy: said as null, the holdout figures as ever.
        assertThat(json.readTree(service.get("/api/models").body())
                        .get("models")
                        .get(0)
                        .get("live")
                        .isNull())
                .isTrue();

        JsonNode memory = json.readTree(service.get("/api/stats").body()).get("memory");
        assertThat(memory.get("enabled").asBoolean()).isFalse();
        JsonNode health = json.readTree(service.get("/actuator/health").body());
        assertThat(health.get("components").has("memory")).isFalse();
        assertThat(health.get("status").asString()).isEqualTo("UP");
    }
}
