package com.smoft.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.smoft.crm.memory.LeadMemory;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What happened next, over real HTTP: outcomes posted as JSON and as a French Excel export, joined with the memory's
 * scores, shown beside a lead's history, never twice; an erased customer's refused; and the serving model's live
 * accuracy in /api/models, /api/stats and the Prometheus gauges.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OutcomesApiTests {

    private final LocalService service;
    private final JsonMapper json = JsonMapper.builder().build();
    /** Ids of this run: the context's memory is shared with the other test classes of the same set-up. */
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    /** The memory, to erase a customer as DELETE /api/leads/{id} does (this set-up has no admin key). */
    private final LeadMemory memory;

    OutcomesApiTests(@LocalServerPort int port, @Autowired LeadMemory memory) {
        this.service = new LocalService(port);
        this.memory = memory;
    }

    @Test
    void shouldJoinAnOutcomeWithTheLastScoreShowItBesideTheHistoryAndNeverCountItTwice() throws Exception {
        String id = "OUT-" + run;
        JsonNode scored = json.readTree(service.postJson("/api/batch_score", batchOf(customer(id, 5)))
                        .body())
                .get("results")
                .get(0);
        String body = "[{\"customer_id\": \"" + id + "\", \"outcome\": \"converted\"}," + " {\"customer_id\": \"NEVER-"
                + run + "\", \"outcome\": \"lost\", \"at\": \"" + LocalDate.now() + "\"}]";

        JsonNode first = json.readTree(service.postJson("/api/outcomes", body).body());
        JsonNode again = json.readTree(service.postJson("/api/outcomes", body).body());

        assertThat(first.get("matched").asInt()).isEqualTo(1);
        assertThat(first.get("unmatched").asInt()).isEqualTo(1);
        assertThat(first.get("duplicates").asInt()).isZero();
        assertThat(first.has("rejected")).isFalse();
        assertThat(again.get("duplicates").asInt()).isEqualTo(2);
        assertThat(again.get("matched").asInt() + again.get("unmatched").asInt())
                .isZero();
        JsonNode lead = json.readTree(service.get("/api/leads/" + id).body());
        assertThat(lead.get("outcomes")).singleElement().satisfies(outcome -> {
            assertThat(outcome.get("outcome").asString()).isEqualTo("converted");
            assertThat(outcome.get("matched").get("score").asInt())
                    .isEqualTo(scored.get("score").asInt());
        });
    }

    @Test
    void shouldReadAFrenchExcelExportAndListItsBadRowsByLineWhenSkipping() throws Exception {
        String id = "XL-" + run + "-é";
        service.postJson("/api/batch_score", batchOf(customer(id, 3)));
        String today = LocalDate.now(ZoneId.of("Europe/Paris"))
                .format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"));
        String csv = "Région;N° client;Résultat;Date de clôture\r\n"
                + "Nord;" + id + ";Signé;" + today + "\r\n"
                + "Sud;" + id + "-2;peut-être;" + today + "\r\n"
                + "Est;" + id + "-3;perdu;31/12/2099\r\n";

        HttpResponse<String> refused = postCsv("/api/outcomes", csv);
        HttpResponse<String> skipped = postCsv("/api/outcomes?invalid=skip", csv);

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(json.readTree(refused.body()).get("errors"))
                .extracting(error ->
                        error.get("line").asInt() + " " + error.get("column").asString())
                .containsExactly("3 Résultat", "4 Date de clôture");
        JsonNode answer = json.readTree(skipped.body());
        assertThat(skipped.statusCode()).isEqualTo(200);
        assertThat(answer.get("matched").asInt()).isEqualTo(1);
        assertThat(answer.get("refused").asInt()).isEqualTo(2);
        assertThat(answer.get("rejected"))
                .extracting(
                        row -> row.get("line").asInt() + " " + row.get("status").asInt())
                .containsExactly("3 422", "4 422");
        JsonNode noResult =
                json.readTree(postCsv("/api/outcomes", "N° client;Date de clôture\r\n" + id + ";" + today + "\r\n")
                        .body());
        assertThat(noResult.get("title").asString()).isEqualTo("Pas un CSV de résultats");
        assertThat(noResult.get("detail").asString())
                .as("it names the outcome file's own columns")
                .contains("du fichier de résultats", "résultat, statut", "date de clôture")
                .doesNotContain("Nb contacts", "Montant dépensé");
        HttpResponse<String> twoDates = postCsv(
                "/api/outcomes",
                "N° client;Date;Date de clôture;Résultat\r\n" + id + ";01/12/2026;" + today + ";signé\r\n");
        assertThat(twoDates.statusCode()).isEqualTo(422);
        assertThat(json.readTree(twoDates.body()).get("code").asString()).isEqualTo("ambiguous_column");
        assertThat(json.readTree(twoDates.body()).get("detail").asString())
                .contains("Plusieurs colonnes", "Date, Date de clôture");
        // Refusals that are not about the header's columns still say it is not an outcome file, and name its columns.
        JsonNode empty = json.readTree(postCsv("/api/outcomes", "").body());
        assertThat(empty.get("code").asString()).isEqualTo("empty_file");
        assertThat(empty.get("title").asString()).isEqualTo("Pas un CSV de résultats");
        assertThat(empty.get("detail").asString()).endsWith("les colonnes customer_id, outcome, at.");
    }

    @Test
    void shouldRefuseAnErasedCustomersOutcomeNamingItAndRecordNothingOfTheRequest() throws Exception {
        String id = "ERASED-" + run;
        String kept = "KEPT-" + run;
        service.postJson("/api/batch_score", batchOf(customer(id, 5), customer(kept, 5)));
        assertThat(memory.erase(id)).isTrue();
        String body = "[{\"customer_id\": \"" + kept + "\", \"outcome\": \"lost\"}," + " {\"customer_id\": \"" + id
                + "\", \"outcome\": \"converted\"}]";

        HttpResponse<String> refused = service.postJson("/api/outcomes", body);
        HttpResponse<String> skipped = service.postJson("/api/outcomes?invalid=skip", body);

        assertThat(refused.statusCode()).isEqualTo(404);
        JsonNode problem = json.readTree(refused.body());
        assertThat(problem.get("detail").asString()).contains(id);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("[1].customer_id");
        assertThat(problem.get("errors").get(0).get("code").asString()).isEqualTo("erased");
        JsonNode answer = json.readTree(skipped.body());
        assertThat(answer.get("matched").asInt()).isEqualTo(1);
        assertThat(answer.get("refused").asInt()).isEqualTo(1);
        assertThat(answer.get("rejected").get(0).get("index").asInt()).isEqualTo(1);
        assertThat(answer.get("rejected").get(0).get("status").asInt()).isEqualTo(404);
        assertThat(json.readTree(service.get("/api/leads/" + kept).body()).get("outcomes"))
                .hasSize(1);
    }

    @Test
    void shouldShowTheServingModelsLiveAccuracyBesideItsHoldoutInModelsStatsAndGauges() throws Exception {
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            customers.add(customer("LIVE-" + run + "-" + i, 1 + (i * 7) % 300));
        }
        JsonNode results = json.readTree(service.postJson("/api/batch_score", batchOf(customers.toArray(String[]::new)))
                        .body())
                .get("results");
        StringBuilder outcomes = new StringBuilder("customer_id,outcome\n");
        int converted = 0;
        for (JsonNode result : results) {
            boolean signed = result.get("score").asInt() >= 30;
            converted += signed ? 1 : 0;
            outcomes.append(result.get("customer_id").asString())
                    .append(',')
                    .append(signed ? "oui" : "non")
                    .append('\n');
        }
        assertThat(converted).isBetween(30, 270);
        JsonNode before = servingLive();

        JsonNode recorded =
                json.readTree(postCsv("/api/outcomes", outcomes.toString()).body());

        assertThat(recorded.get("matched").asInt()).isEqualTo(300);
        JsonNode models = json.readTree(service.get("/api/models").body());
        JsonNode live = servingLive();
        JsonNode window = live.get("last_90_days");
        assertThat(window.get("outcomes").asLong()
                        - before.get("last_90_days").get("outcomes").asLong())
                .isEqualTo(300);
        assertThat(window.get("auc").get("holdout").asDouble())
                .isCloseTo(models.get("models").get(0).get("holdout").get("auc").asDouble(), within(0.00005));
        assertThat(window.get("auc").get("live").asDouble()).isGreaterThan(0.9);
        assertThat(live.get("live_status").asString()).isIn("ok", "degraded");
        assertThat(window.get("reliability")).anySatisfy(band -> {
            assertThat(band.get("live").get("customers").asLong()).isPositive();
            assertThat(band.get("holdout").get("customers").asLong()).isPositive();
        });
        assertThat(json.readTree(service.get("/api/stats").body()).get("model").get("live"))
                .isEqualTo(live);
        String gauges = service.get("/actuator/prometheus").body();
        assertThat(gauges).contains("crm_live_outcomes{window=\"90d\"}", "crm_live_auc{window=\"30d\"}");
        assertThat(gauges)
                .contains("crm_live_status{status=\"" + live.get("live_status").asString() + "\"} 1.0");
    }

    private JsonNode servingLive() throws Exception {
        JsonNode models = json.readTree(service.get("/api/models").body());
        for (JsonNode model : models.get("models")) {
            if (model.get("serving").asBoolean()) {
                return model.get("live");
            }
        }
        throw new AssertionError("no serving model in " + models);
    }

    private HttpResponse<String> postCsv(String path, String csv) throws Exception {
        return service.send(service.request(path)
                .header("Content-Type", "text/csv; charset=windows-1252")
                .POST(HttpRequest.BodyPublishers.ofByteArray(csv.getBytes(Charset.forName("windows-1252")))));
    }

    private static String batchOf(String... customers) {
        return "{\"clients\": [" + String.join(",", customers) + "]}";
    }

    private static String customer(String id, int days) {
        return """
                {"customer_id": "%s", "days_since_last_contact": %d, "total_contacts": %d, "total_spent": %d,
                 "emails_sent": 8, "emails_opened": %d, "website_visits": %d, "customer_age_days": 120}""".formatted(id, days, 1 + days % 30, 100 * (days % 50), days % 9, days % 40);
    }
}
