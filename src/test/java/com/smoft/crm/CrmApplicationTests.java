package com.smoft.crm;

import static com.smoft.crm.scoring.TestCustomers.CUSTOMER;
import static com.smoft.crm.scoring.TestCustomers.batchOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The original product's test scenarios, replayed over real HTTP against the whole application. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CrmApplicationTests {

    private final LocalService service;
    private final JsonMapper json = JsonMapper.builder().build();

    CrmApplicationTests(@LocalServerPort int port) {
        this.service = new LocalService(port);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return service.send(service.request(path).GET());
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return service.send(service.request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void shouldReportHealthy() throws Exception {
        HttpResponse<String> response = get("/health");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = json.readTree(response.body());
        assertThat(health.get("status").asString()).isEqualTo("healthy");
        assertThat(health.get("model_loaded").asBoolean()).isTrue();
        assertThat(health.get("model_version").asString()).hasSize(64);
    }

    @Test
    void shouldAnswerTheOriginalsWebPageAcrossOriginsOnHealth() throws Exception {
        HttpResponse<String> response =
                service.send(service.request("/health").header("Origin", "null").GET());
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(json.readTree(response.body()).get("status").asString()).isEqualTo("healthy");
    }

    @Test
    void shouldReadABodySentWithoutContentTypeAsJson() throws Exception {
        for (String[] call : new String[][] {{"/api/score", CUSTOMER}, {"/api/batch_score", batchOf(CUSTOMER)}}) {
            HttpResponse<String> response =
                    service.send(service.request(call[0]).POST(HttpRequest.BodyPublishers.ofString(call[1])));
            assertThat(response.statusCode())
                    .as(call[0] + " " + response.body())
                    .isEqualTo(200);
        }
        HttpResponse<String> text = service.send(service.request("/api/score")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(CUSTOMER)));
        assertThat(text.statusCode()).isEqualTo(415);
    }

    @Test
    void shouldServeTheOpenApiDocumentAtTheOriginalsAddressToo() throws Exception {
        HttpResponse<String> original = get("/openapi.json");
        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(json.readTree(original.body()))
                .isEqualTo(json.readTree(get("/v3/api-docs").body()));
    }

    @Test
    void shouldDescribeTheInputContractWithLabelsInBothLanguages() throws Exception {
        JsonNode contract = json.readTree(get("/api/contract").body());
        assertThat(names(json.readTree(CUSTOMER))).hasSize(contract.size());
        List<String> keys = new ArrayList<>();
        contract.forEach(field -> keys.add(field.get("key").asString()));
        assertThat(keys)
                .containsExactly(
                        "customer_id",
                        "days_since_last_contact",
                        "total_contacts",
                        "total_spent",
                        "emails_sent",
                        "emails_opened",
                        "website_visits",
                        "customer_age_days");
        JsonNode spent = contract.get(3);
        assertThat(spent.get("kind").asString()).isEqualTo("amount");
        assertThat(spent.get("maximum").asLong()).isEqualTo(1_000_000_000_000L);
        assertThat(spent.get("label_fr").asString()).isEqualTo("Montant dépensé (€)");
        assertThat(spent.get("label_en").asString()).isEqualTo("Amount spent (€)");
        assertThat(contract.get(0).get("max_length").asInt()).isEqualTo(64);
        assertThat(contract.get(1).get("minimum").asInt()).isZero();
    }

    @Test
    void shouldScoreOneCustomer() throws Exception {
        HttpResponse<String> response = post("/api/score", CUSTOMER);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode score = json.readTree(response.body());
        assertThat(score.get("customer_id").asLong()).isEqualTo(1);
        assertThat(score.get("score").asInt()).isBetween(0, 100);
        assertThat(score.get("segment").asString()).isIn("Hot", "Warm", "Cold");
        assertThat(score.get("recommendation").asString()).contains("Priorité");
    }

    @Test
    void shouldScoreABatchExactlyAsOneByOne() throws Exception {
        SplittableRandom random = new SplittableRandom(21);
        List<String> clients = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int sent = random.nextInt(0, 30);
            clients.add(String.format(
                    Locale.ROOT,
                    """
                    {"customer_id": %d, "days_since_last_contact": %d, "total_contacts": %d, "total_spent": %.2f,
                     "emails_sent": %d, "emails_opened": %d, "website_visits": %d, "customer_age_days": %d}""",
                    i,
                    random.nextInt(0, 200),
                    random.nextInt(0, 40),
                    random.nextDouble(0, 4000),
                    sent,
                    sent == 0 ? 0 : random.nextInt(0, sent + 1),
                    random.nextInt(0, 60),
                    random.nextInt(1, 3000)));
        }
        HttpResponse<String> response = post("/api/batch_score", "{\"clients\": [" + String.join(",", clients) + "]}");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode batch = json.readTree(response.body());
        assertThat(batch.get("count").asInt()).isEqualTo(50);
        assertThat(batch.get("statistics").get("total_clients").asInt()).isEqualTo(50);
        int segmentTotal = batch.get("summary").get("Hot").asInt()
                + batch.get("summary").get("Warm").asInt()
                + batch.get("summary").get("Cold").asInt();
        assertThat(segmentTotal).isEqualTo(50);
        for (int i = 0; i < clients.size(); i++) {
            JsonNode single = json.readTree(post("/api/score", clients.get(i)).body());
            JsonNode fromBatch = batch.get("results").get(i);
            assertThat(fromBatch.get("customer_id").asInt()).isEqualTo(i);
            assertThat(fromBatch.get("score").asInt())
                    .isEqualTo(single.get("score").asInt());
            assertThat(fromBatch.get("segment").asString())
                    .isEqualTo(single.get("segment").asString());
        }
    }

    @Test
    void shouldDescribeTheModelAndTheService() throws Exception {
        post("/api/score", CUSTOMER);
        HttpResponse<String> response = get("/api/stats");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode stats = json.readTree(response.body());
        assertThat(stats.get("model_type").asString()).isEqualTo("RandomForestClassifier");
        assertThat(stats.get("feature_importance").size()).isEqualTo(7);
        assertThat(stats.get("service").get("customers_scored").asLong()).isPositive();
    }

    @Test
    void shouldRefuseBadInputWithProblemJsonNeverA500() throws Exception {
        HttpResponse<String> negative =
                post("/api/score", CUSTOMER.replace("\"emails_sent\": 8", "\"emails_sent\": -1"));
        assertThat(negative.statusCode()).isEqualTo(422);
        assertThat(negative.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(post("/api/batch_score", "{\"clients\": []}").statusCode()).isEqualTo(422);
        assertThat(post("/api/score", "{").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldServeTheApiDocumentationLocally() throws Exception {
        HttpResponse<String> apiDocs = get("/v3/api-docs");
        assertThat(apiDocs.statusCode()).isEqualTo(200);
        JsonNode openApi = json.readTree(apiDocs.body());
        assertThat(openApi.get("paths").has("/api/score")).isTrue();
        for (String path : new String[] {"/api/score", "/api/batch_score"}) {
            JsonNode responses = openApi.get("paths").get(path).get("post").get("responses");
            for (String status : new String[] {"200", "400", "401", "415", "422"}) {
                assertThat(responses.has(status))
                        .as(path + " documents " + status)
                        .isTrue();
            }
        }
        assertThat(openApi.get("paths")
                        .get("/api/batch_score")
                        .get("post")
                        .get("responses")
                        .has("413"))
                .isTrue();
        // The service does not run without a model: /health has no 503 to document.
        JsonNode health = openApi.get("paths").get("/health").get("get").get("responses");
        assertThat(health.has("200")).isTrue();
        assertThat(health.has("503")).isFalse();
        assertThat(openApi.get("paths")
                        .get("/api/stats")
                        .get("get")
                        .get("responses")
                        .has("200"))
                .isTrue();
        assertThat(openApi.get("paths")
                        .get("/api/admin/model/reload")
                        .get("post")
                        .get("responses")
                        .has("422"))
                .isTrue();
        assertThat(openApi.get("paths")
                        .get("/api/contract/columns")
                        .get("post")
                        .get("responses")
                        .has("400"))
                .isTrue();
        assertThat(apiDocs.body()).contains("\"example\"").contains("emails_opened");
        assertThat(get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
        HttpResponse<String> redoc = get("/redoc");
        assertThat(redoc.statusCode()).isEqualTo(200);
        assertThat(redoc.body()).contains("redoc.standalone.js").doesNotContain("https://cdn");
        assertThat(get("/redoc/redoc.standalone.js").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldDocumentTheSnakeCaseNamesTheApiReadsAndWrites() throws Exception {
        JsonNode schemas =
                json.readTree(get("/v3/api-docs").body()).get("components").get("schemas");
        assertThat(names(schemas.get("CustomerRequest").get("properties"))).isEqualTo(names(json.readTree(CUSTOMER)));
        JsonNode explained =
                json.readTree(post("/api/score?explain=true", CUSTOMER).body());
        assertThat(names(schemas.get("ScoreResponse").get("properties"))).containsAll(names(explained));
        JsonNode batch =
                json.readTree(post("/api/batch_score", batchOf(CUSTOMER)).body());
        assertThat(names(schemas.get("BatchResponse").get("properties"))).containsAll(names(batch));
        assertThat(names(schemas.get("Statistics").get("properties"))).containsAll(names(batch.get("statistics")));
        JsonNode stats = json.readTree(get("/api/stats").body());
        assertThat(names(schemas.get("StatsResponse").get("properties"))).containsAll(names(stats));
    }

    @Test
    void shouldAcceptEveryDocumentedRequestExample() throws Exception {
        JsonNode openApi = json.readTree(get("/v3/api-docs").body());
        JsonNode schemas = openApi.get("components").get("schemas");
        assertThat(openApi.get("info").get("title").asString()).isEqualTo("SMOFT CRM Intelligent");
        assertThat(openApi.get("info").get("version").asString()).matches("\\d+\\.\\d+\\.\\d+.*");
        for (String[] example :
                new String[][] {{"CustomerRequest", "/api/score"}, {"BatchRequest", "/api/batch_score"}}) {
            JsonNode documented = schemas.get(example[0]).get("example");
            assertThat(documented).as(example[0] + " has an example").isNotNull();
            String body = documented.isString() ? documented.asString() : json.writeValueAsString(documented);
            HttpResponse<String> response = post(example[1], body);
            assertThat(response.statusCode())
                    .as(example[0] + " example " + body + " -> " + response.body())
                    .isEqualTo(200);
        }
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.propertyNames().forEach(names::add);
        return names;
    }

    @Test
    void shouldPrintTheUsageOfTheThreeCommandsForHelpAndStartNothing() {
        PrintStream standard = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            CrmApplication.main(new String[] {"--help"});
        } finally {
            System.setOut(standard);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .isEqualTo(CrmApplication.USAGE)
                .contains("train", "models", "--server.port");
    }
}
