package com.smoft.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The memory over real HTTP, as a sales team's tools use it: scores remembered from every way in (a single score, a
 * JSON batch, a French Excel export), read back as a lead's history, the new Hot leads and the current leads, in JSON
 * and CSV, page by page; every bad parameter named.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LeadsApiTests {

    private final LocalService service;
    private final JsonMapper json = JsonMapper.builder().build();
    /** Ids of this run: the context's memory is shared with the other test classes of the same set-up. */
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    LeadsApiTests(@LocalServerPort int port) {
        this.service = new LocalService(port);
    }

    @Test
    void shouldRememberASingleScoreWithinASecondWithItsInputsAndModel() throws Exception {
        String id = "SOLO-" + run;
        JsonNode scored =
                json.readTree(service.postJson("/api/score", customer(id, 5)).body());

        await().atMost(Duration.ofSeconds(5))
                .until(() -> service.get("/api/leads/" + id).statusCode() == 200);
        JsonNode lead = json.readTree(service.get("/api/leads/" + id).body());
        assertThat(lead.get("score").asInt()).isEqualTo(scored.get("score").asInt());
        assertThat(lead.get("segment").asString())
                .isEqualTo(scored.get("segment").asString());
        assertThat(lead.get("probability").asDouble())
                .isEqualTo(scored.get("probability").asDouble());
        assertThat(lead.get("model_version").asString())
                .isEqualTo(scored.get("model_version").asString());
        assertThat(lead.get("trend").asString()).isEqualTo("insufficient");
        JsonNode point = lead.get("history").get(0);
        assertThat(point.get("inputs").get("total_spent").asDouble()).isEqualTo(1500.5);
        assertThat(lead.get("changes").get(0).get("from").isNull()).isTrue();
        assertThat(lead.get("changes").get(0).get("to").asString())
                .isEqualTo(scored.get("segment").asString());
    }

    @Test
    void shouldRememberAFrenchExcelExportBeforeAnsweringAndNotWithRememberFalse() throws Exception {
        String hot = "CLI-" + run + "-é";
        String formula = "=HYPERLINK(\"x\")" + run;
        String csv = "N° client;Jours depuis dernier contact;Nb contacts;Montant dépensé;Emails envoyés;"
                + "Emails ouverts;Visites site;Ancienneté (jours)\r\n"
                + hot + ";2;30;9000,50;20;18;40;600\r\n"
                + formula + ";2;30;9000,50;20;18;40;600\r\n";
        HttpResponse<String> scored = service.send(service.request("/api/batch_score")
                .header("Content-Type", "text/csv; charset=windows-1252")
                .POST(HttpRequest.BodyPublishers.ofByteArray(csv.getBytes(Charset.forName("windows-1252")))));
        assertThat(scored.statusCode()).isEqualTo(200);

        // Written before the answer: readable at once.
        JsonNode lead = json.readTree(service.get("/api/leads/" + encoded(hot)).body());
        assertThat(lead.get("customer_id").asString()).isEqualTo(hot);
        assertThat(lead.get("history").get(0).get("inputs").get("total_spent").asDouble())
                .isEqualTo(9000.5);

        String skipped = "SKIP-" + run;
        service.send(service.request("/api/batch_score?remember=false")
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "customer_id,days_since_last_contact,total_contacts,total_spent,emails_sent,emails_opened,"
                                + "website_visits,customer_age_days\n" + skipped + ",5,10,1500.5,8,6,15,120\n")));
        HttpResponse<String> unknown = service.get("/api/leads/" + skipped);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(unknown.body()).get("detail").asString()).contains(skipped);

        // The new Hot leads as a French spreadsheet: semicolons, a byte order mark, the formula made inert.
        HttpResponse<byte[]> sheet = service.client()
                .send(
                        service.request("/api/leads/changes?to=Hot&since="
                                        + LocalDate.now(java.time.ZoneOffset.UTC)
                                                .minusDays(1))
                                .header("Accept", "text/csv")
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        String text = new String(sheet.body(), StandardCharsets.UTF_8);
        assertThat(sheet.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"lead-changes.csv\"");
        assertThat(text).startsWith("\uFEFFcustomer_id;changed_at;from;to;score_before;score_after\r\n");
        assertThat(text).contains(hot + ";").contains("\"'=HYPERLINK(\"\"x\"\")" + run + "\";");
    }

    @Test
    void shouldPageTheCurrentLeadsWithACursorNeitherRepeatingNorSkipping() throws Exception {
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            customers.add(customer("PAGE-" + run + "-" + i, 2 + i));
        }
        service.postJson("/api/batch_score", "{\"clients\": [" + String.join(",", customers) + "]}");

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page =
                    json.readTree(service.get("/api/leads?limit=5" + (cursor == null ? "" : "&cursor=" + cursor))
                            .body());
            page.get("items").forEach(item -> seen.add(item.get("customer_id").asString()));
            cursor = page.get("next_cursor").isNull()
                    ? null
                    : page.get("next_cursor").asString();
        } while (cursor != null);

        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen.stream().filter(id -> id.startsWith("PAGE-" + run))).hasSize(12);
    }

    @Test
    void shouldNameEachBadParameter() throws Exception {
        for (String[] call : new String[][] {
            {"/api/leads/CUST-1?limit=0", "limit"},
            {"/api/leads/CUST-1?limit=" + "9".repeat(5000), "limit"},
            {"/api/leads/changes?since=hier", "since"},
            {"/api/leads/changes?to=Brûlant", "to"},
            {"/api/leads?segment=Hot%00", "segment"},
            {"/api/leads?trend=up", "trend"},
            {"/api/leads?cursor=" + "A".repeat(400), "cursor"},
            {"/api/leads?cursor=bDo5OTk5OTk5OTk5OTk5OTk5OTk5Ojo", "cursor"},
            {"/api/leads/%E2%80%AEevil", "customer_id"}
        }) {
            HttpResponse<String> answer = service.get(call[0]);
            assertThat(answer.statusCode()).as(call[0]).isEqualTo(400);
            JsonNode problem = json.readTree(answer.body());
            assertThat(problem.get("errors").get(0).get("field").asString())
                    .as(call[0])
                    .isEqualTo(call[1]);
            assertThat(answer.body().length()).as("a short excerpt only").isLessThan(1200);
        }
        assertThat(json.readTree(service.get("/api/leads/changes?since=hier").body())
                        .get("detail")
                        .asString())
                .as("the French detail says what to give")
                .contains("2026-12-03 ou 03/12/2026", "2026-12-03T08:00:00Z");
        assertThat(service.get("/api/leads/changes?since=05/12/2026").statusCode())
                .as("the date forms the outcomes take")
                .isEqualTo(200);
    }

    @Test
    void shouldTakeASegmentByItsFrenchNameToo() throws Exception {
        String hot = "CHAUD-" + run;
        service.postJson("/api/batch_score", "{\"clients\": [" + customer(hot, 2) + "]}");
        for (String name : List.of("Hot", "chaud", "CHAUD")) {
            // Every page: other test classes of this context scored Hot leads too.
            List<String> ids = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = json.readTree(service.get(
                                "/api/leads?limit=1000&segment=" + name + (cursor == null ? "" : "&cursor=" + cursor))
                        .body());
                page.get("items")
                        .forEach(item -> ids.add(item.get("customer_id").asString()));
                cursor = page.get("next_cursor").isNull()
                        ? null
                        : page.get("next_cursor").asString();
            } while (cursor != null);
            assertThat(ids).as(name).contains(hot);
        }
        assertThat(service.get("/api/leads/changes?to=Ti%C3%A8de").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldNameBothValuesOfAParameterGivenTwice() throws Exception {
        HttpResponse<String> answer = service.postJson("/api/score?remember=non&remember=false", customer("TWICE", 5));
        assertThat(answer.statusCode()).isEqualTo(400);
        JsonNode problem = json.readTree(answer.body());
        assertThat(problem.get("detail").asString()).contains("non,false").doesNotContain("java");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("remember");
    }

    @Test
    void shouldKeepErasureForAdministratorsAndReportTheMemoryInStatsAndHealth() throws Exception {
        HttpResponse<String> erase =
                service.send(service.request("/api/leads/CUST-1").DELETE());
        assertThat(erase.statusCode())
                .as("administration is closed without admin keys")
                .isEqualTo(403);

        JsonNode memory = json.readTree(service.get("/api/stats").body()).get("memory");
        assertThat(memory.get("enabled").asBoolean()).isTrue();
        assertThat(memory.get("up").asBoolean()).isTrue();
        assertThat(memory.get("unrecorded").asLong()).isZero();
        JsonNode health = json.readTree(service.get("/actuator/health").body());
        assertThat(health.get("components").get("memory").get("status").asString())
                .isEqualTo("UP");
    }

    private static String encoded(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String customer(String id, int daysSinceLastContact) {
        return """
                {"customer_id": "%s", "days_since_last_contact": %d, "total_contacts": 10, "total_spent": 1500.5,
                 "emails_sent": 8, "emails_opened": 6, "website_visits": 15, "customer_age_days": 120}""".formatted(id, daysSinceLastContact);
    }
}
