package com.smoft.crm;

import static com.smoft.crm.scoring.TestCustomers.batchOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Thresholds set by an operator reach every place that segments or describes segments. (The same set-up as
 * {@link MemoryOffTests}, which shares its context: an operator's settings, the memory off.)
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"crm.segments.hot-threshold=80", "crm.segments.warm-threshold=45", "crm.memory.enabled=false"})
class ConfiguredThresholdsTests {

    private final LocalService service;
    private final JsonMapper json = JsonMapper.builder().build();

    ConfiguredThresholdsTests(@LocalServerPort int port) {
        this.service = new LocalService(port);
    }

    private JsonNode get(String path) throws Exception {
        return json.readTree(service.send(service.request(path)).body());
    }

    @Test
    void shouldDescribeTheThresholdsInForceInTheOpenApiDocument() throws Exception {
        String description = get("/v3/api-docs").get("info").get("description").asString();
        assertThat(description).contains("Hot >= 80, Warm 45-79, Cold < 45").doesNotContain("70");
    }

    @Test
    void shouldSegmentABatchAndCountItsSummaryAtTheThresholdsInForce() throws Exception {
        List<String> customers = new ArrayList<>();
        int id = 0;
        for (int days : new int[] {1, 5, 15, 40, 90}) {
            for (int visits : new int[] {0, 3, 8, 15, 30}) {
                for (int opened : new int[] {0, 2, 5, 8}) {
                    customers.add("{\"customer_id\": " + id++ + ", \"days_since_last_contact\": " + days
                            + ", \"total_contacts\": 10, \"total_spent\": 1500.5, \"emails_sent\": 8, \"emails_opened\": "
                            + opened + ", \"website_visits\": " + visits + ", \"customer_age_days\": 120}");
                }
            }
        }
        JsonNode answer = json.readTree(service.send(service.request("/api/batch_score")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(batchOf(customers.toArray(String[]::new)))))
                .body());
        int hot = 0;
        int warm = 0;
        int cold = 0;
        int warmAboveDefaultHot = 0;
        for (JsonNode result : answer.get("results")) {
            int score = result.get("score").asInt();
            String expected = score >= 80 ? "Hot" : score >= 45 ? "Warm" : "Cold";
            assertThat(result.get("segment").asString()).as("score " + score).isEqualTo(expected);
            switch (expected) {
                case "Hot" -> hot++;
                case "Warm" -> warm++;
                default -> cold++;
            }
            if (score >= 70 && score < 80) {
                warmAboveDefaultHot++;
            }
        }
        assertThat(warmAboveDefaultHot)
                .as("customers Hot at the default thresholds, Warm at these")
                .isPositive();
        assertThat(answer.get("summary").get("Hot").asInt()).isEqualTo(hot);
        assertThat(answer.get("summary").get("Warm").asInt()).isEqualTo(warm);
        assertThat(answer.get("summary").get("Cold").asInt()).isEqualTo(cold);
        assertThat(answer.get("statistics").get("warm_leads").asInt()).isEqualTo(warm);
    }

    @Test
    void shouldGiveTheThresholdsInForceInTheStatisticsAndTheModelList() throws Exception {
        JsonNode stats = get("/api/stats");
        assertThat(stats.get("segments").get("Hot").asString()).isEqualTo("Score >= 80");
        assertThat(stats.get("segments").get("Warm").asString()).isEqualTo("Score 45-79");
        assertThat(stats.get("segments").get("Cold").asString()).isEqualTo("Score < 45");
        assertThat(stats.get("model").get("thresholds").get("hot").asInt()).isEqualTo(80);
        assertThat(stats.get("model").get("thresholds").get("warm").asInt()).isEqualTo(45);

        JsonNode models = get("/api/models");
        assertThat(models.get("thresholds").get("hot").asInt()).isEqualTo(80);
        // The shipped model was trained at 70: its Hot figures are recomputed at 80 from its holdout's scores.
        JsonNode holdout = models.get("models").get(0).get("holdout");
        JsonNode card = stats.get("model").get("holdout");
        assertThat(holdout.get("hot_precision").asDouble())
                .isNotEqualTo(card.get("hot_precision").asDouble());
        assertThat(holdout.get("hot_recall").asDouble())
                .isLessThan(card.get("hot_recall").asDouble());
    }
}
