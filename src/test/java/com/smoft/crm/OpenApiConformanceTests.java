package com.smoft.crm;

import static com.smoft.crm.scoring.TestCustomers.CUSTOMER;
import static com.smoft.crm.scoring.TestCustomers.batchOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The served OpenAPI document held to the wire, with keys set: a battery of requests (every operation of the
 * document, with and without keys, each refusal the service gives them, the compact, sorted, explained, skip and CSV
 * views, hostile input), and every answer's status must be documented for its operation, its media type too, and its
 * JSON body valid against the documented schema ({@link OpenApiDocument}); every request the service accepts must
 * be valid against the documented request schema. An operation of the document that the battery never calls fails
 * the test, and so does a documented status that neither the battery nor a named test elsewhere produces.
 */
@ServiceWithKeys
class OpenApiConformanceTests {

    private static final String SCORING = ServiceWithKeys.SCORING_KEY;
    private static final String ADMIN = ServiceWithKeys.ADMIN_KEY;
    private static final String METRICS = ServiceWithKeys.METRICS_KEY;

    /**
     * Documented statuses this set-up cannot give at once, and the test that holds them to the document on a set-up of
     * its own.
     */
    private static final Map<String, String> ELSEWHERE = Map.ofEntries(
            Map.entry("POST /api/score 408", "BatchLimitsTests (a body outlasting crm.limits.body-timeout)"),
            Map.entry("POST /api/score 503", "BatchLimitsTests (crm.limits.max-concurrent-bodies taken)"),
            Map.entry("POST /api/score 413", "MalformedRequestsTests (a body over crm.limits.max-request-size)"),
            Map.entry("POST /api/batch_score 408", "BatchLimitsTests (a trickling batch)"),
            Map.entry("POST /api/batch_score 503", "BatchLimitsTests (crm.batch.max-concurrent taken)"),
            Map.entry(
                    "POST /api/contract/columns 408", "RequestBodyLimitFilter, as POST /api/score in BatchLimitsTests"),
            Map.entry(
                    "POST /api/contract/columns 503", "RequestBodyLimitFilter, as POST /api/score in BatchLimitsTests"),
            Map.entry(
                    "POST /api/contract/columns 413",
                    "RequestBodyLimitFilter, as POST /api/score in MalformedRequestsTests"),
            Map.entry("GET /api/models 409", "ModelStoreApiTests (an unreadable store pointer)"),
            Map.entry("POST /api/admin/model/reload 422", "ModelReloadTests (a damaged model file)"),
            Map.entry("POST /api/admin/models/{version}/promote 200", "ModelStoreApiTests (a store)"),
            Map.entry("POST /api/admin/models/{version}/promote 404", "ModelStoreApiTests (an unknown version)"),
            Map.entry("POST /api/admin/models/{version}/promote 422", "ModelStoreApiTests (a tampered version)"),
            Map.entry("POST /api/admin/models/rollback 200", "ModelStoreApiTests (a store)"),
            Map.entry("POST /api/admin/models/rollback 422", "ModelStoreApiTests (a tampered previous version)"),
            Map.entry("GET /api/leads/{customer_id} 503", "MemoryDownTests (the database stopped)"),
            Map.entry("GET /api/leads/changes 503", "MemoryDownTests (the database stopped)"),
            Map.entry("GET /api/leads/changes 404", "MemoryOffTests (crm.memory.enabled=false)"),
            Map.entry("GET /api/leads 404", "MemoryOffTests (crm.memory.enabled=false)"),
            Map.entry("GET /api/leads 503", "MemoryDownTests (the database stopped)"),
            Map.entry("DELETE /api/leads/{customer_id} 503", "MemoryDownTests (the database stopped)"),
            Map.entry("GET /api/lead 503", "MemoryDownTests (the database stopped)"),
            Map.entry("DELETE /api/lead 503", "MemoryDownTests (the database stopped)"),
            Map.entry("POST /api/outcomes 503", "MemoryDownTests (the database stopped)"),
            Map.entry("POST /api/outcomes 408", "RequestBodyLimitFilter, as POST /api/score in BatchLimitsTests"),
            Map.entry("POST /api/outcomes 413", "OutcomeJsonReaderTests (more than crm.batch.max-size outcomes)"),
            Map.entry(
                    "POST /api/admin/events/{id}/redeliver 202",
                    "EventDeliveryTests (a failed delivery sent again; no subscription here)"));

    private final LocalService service;

    OpenApiConformanceTests(@LocalServerPort int port) {
        this.service = new LocalService(port);
    }

    /** One request of the battery, the operation of the document it calls, and the status it must get. */
    private record Call(
            String method,
            String path,
            String template,
            String contentType,
            String body,
            Map<String, String> headers,
            int expected) {

        String operation() {
            return method + " " + template;
        }
    }

    /** Builds the battery, each call with the key (or none) and the headers it is sent with. */
    private static final class Battery {
        private final List<Call> calls = new ArrayList<>();

        void get(String path, String key, int expected, String... headers) {
            add("GET", path, null, null, key, expected, headers);
        }

        void post(String path, String contentType, String body, String key, int expected, String... headers) {
            add("POST", path, contentType, body, key, expected, headers);
        }

        void delete(String path, String key, int expected, String... headers) {
            add("DELETE", path, null, null, key, expected, headers);
        }

        private void add(
                String method,
                String path,
                String contentType,
                String body,
                String key,
                int expected,
                String... headers) {
            Map<String, String> all = new LinkedHashMap<>();
            if (key != null) {
                all.put("X-API-Key", key);
            }
            for (int i = 0; i < headers.length; i += 2) {
                all.put(headers[i], headers[i + 1]);
            }
            String template = path.split("\\?")[0]
                    .replaceFirst("/models/[^/]+/promote$", "/models/{version}/promote")
                    .replaceFirst("^/api/leads/(?!changes$)[^/]+$", "/api/leads/{customer_id}")
                    .replaceFirst("/events/(?!test$|subscriptions$)[^/]+/redeliver$", "/events/{id}/redeliver");
            calls.add(new Call(method, path, template, contentType, body, all, expected));
        }
    }

    private static final String JSON = "application/json";
    private static final String CSV = "text/csv";
    private static final String XML = "application/xml";

    private static final String WARM = """
            {"customer_id": 4, "days_since_last_contact": 10, "total_contacts": 8, "total_spent": 800,
             "emails_sent": 10, "emails_opened": 4, "website_visits": 8, "customer_age_days": 300}""";

    private static final String SILENT = """
            {"customer_id": "CRM-7", "days_since_last_contact": 120, "total_contacts": 2, "total_spent": 50,
             "emails_sent": 20, "emails_opened": 0, "website_visits": 0, "customer_age_days": 800}""";

    private static List<Call> battery() {
        String bad = CUSTOMER.replace("\"emails_sent\": 8", "\"emails_sent\": -8");
        String batch = batchOf(CUSTOMER, CUSTOMER.replace("\"customer_id\": 1", "\"customer_id\": \"CRM-2\""));
        String csv = "N° client;Jours depuis dernier contact;Nb contacts;Montant dépensé;Emails envoyés;Emails ouverts;"
                + "Visites site;Ancienneté (jours);Région\n1;5;10;1500,50;8;6;15;120;Nord\n2;abc;1;10;1;1;1;30;Sud\n"
                + "3;200;1;0;12;0;0;900;=1+1\n";
        String tooManyToExplain =
                "{\"explain\": true, \"clients\": [" + String.join(",", Collections.nCopies(1001, CUSTOMER)) + "]}";
        Battery b = new Battery();

        // Open to all, keys or not.
        b.get("/api/contract", null, 200);
        b.get("/api/contract", null, 406, "Accept", XML);
        b.get("/api/contract/output", null, 200);
        b.get("/api/contract/reasons", null, 200, "Accept-Language", "en");
        b.get("/api/contract/output", null, 406, "Accept", XML);
        b.get("/api/contract/reasons", null, 406, "Accept", CSV);
        b.get("/health", null, 200);
        b.get("/health", null, 406, "Accept", CSV);

        // The columns of a CSV header.
        b.post("/api/contract/columns", JSON, "{\"header\": [\"N° client\", \"x\", \"Nb contacts\"]}", SCORING, 200);
        b.post("/api/contract/columns", JSON, "{\"header\": \"x\"}", SCORING, 400);
        b.post("/api/contract/columns", JSON, "{\"header\": [\"a\", null]}", SCORING, 400);
        b.post(
                "/api/contract/columns",
                JSON,
                "{\"header\": [" + String.join(",", Collections.nCopies(16_385, "\"a\"")) + "]}",
                SCORING,
                400);
        b.post("/api/contract/columns", JSON, "{\"header\": []}", null, 401);
        b.post("/api/contract/columns", JSON, "{\"header\": []}", METRICS, 403);
        b.post("/api/contract/columns", "text/plain", "N° client", SCORING, 415);
        b.post("/api/contract/columns", JSON, "{\"header\": []}", SCORING, 406, "Accept", XML);

        // Statistics: the drift index is null while too few customers were scored.
        b.get("/api/stats", SCORING, 200);
        b.get("/api/stats", null, 401);
        b.get("/api/stats", "not-a-key", 401);
        b.get("/api/stats", METRICS, 403);
        b.get("/api/stats", SCORING, 406, "Accept", XML);

        // The model versions: a single file here, so no promotion decision.
        b.get("/api/models", SCORING, 200);
        b.get("/api/models", ADMIN, 200, "Accept-Language", "en");
        b.get("/api/models", null, 401);
        b.get("/api/models", METRICS, 403);
        b.get("/api/models", SCORING, 406, "Accept", XML);

        // One customer.
        b.post("/api/score", JSON, CUSTOMER, SCORING, 200);
        b.post("/api/score?explain=true", JSON, CUSTOMER, SCORING, 200, "Accept-Language", "en");
        b.post(
                "/api/score",
                JSON,
                CUSTOMER.replace("\"customer_id\": 1", "\"customer_id\": \"00Q5e00000AbCdE\""),
                ADMIN,
                200);
        b.post("/api/score", JSON, CUSTOMER, null, 401);
        b.post("/api/score", JSON, CUSTOMER, "not-a-key", 401);
        b.post("/api/score", JSON, CUSTOMER, METRICS, 403);
        b.post("/api/score", JSON, bad, SCORING, 422);
        b.post("/api/score", JSON, "{}", SCORING, 422, "Accept-Language", "en");
        b.post(
                "/api/score",
                JSON,
                CUSTOMER.replace("\"customer_id\": 1", "\"customer_id\": \"a\\u0000b\""),
                SCORING,
                422);
        b.post(
                "/api/score",
                JSON,
                CUSTOMER.replace("\"customer_id\": 1", "\"customer_id\": \"" + "x".repeat(65) + "\""),
                SCORING,
                422);
        b.post(
                "/api/score",
                JSON,
                CUSTOMER.replace("\"total_spent\": 1500.50", "\"total_spent\": 1e400"),
                SCORING,
                422);
        b.post("/api/score", JSON, CUSTOMER.replace("\"total_contacts\": 10", "\"total_contacts\": 5.7"), SCORING, 400);
        b.post(
                "/api/score",
                JSON,
                CUSTOMER.replace("\"total_contacts\": 10", "\"total_contacts\": [10]"),
                SCORING,
                400);
        b.post("/api/score", JSON, "{\"customer_id\": ", SCORING, 400);
        b.post("/api/score", JSON, "", SCORING, 400);
        b.post("/api/score", JSON, "[".repeat(40) + "]".repeat(40), SCORING, 400);
        b.post("/api/score?explain=maybe", JSON, CUSTOMER, SCORING, 400);
        b.post("/api/score", "text/plain", CUSTOMER, SCORING, 415);
        b.post("/api/score", JSON, CUSTOMER, SCORING, 406, "Accept", XML);

        // What-if: a Hot customer (at_risk_after), a Warm and a silent Cold one (next_step, reached or not).
        b.post("/api/score?whatif=true", JSON, CUSTOMER, SCORING, 200);
        b.post("/api/score?whatif=true", JSON, WARM, SCORING, 200);
        b.post("/api/score?whatif=true", JSON, SILENT, SCORING, 200, "Accept-Language", "en");
        b.post("/api/batch_score?whatif=true", JSON, batchOf(CUSTOMER, WARM, SILENT), SCORING, 200);
        b.post("/api/batch_score?whatif=true&invalid=skip", CSV, csv, SCORING, 200, "Accept", CSV);

        // A JSON batch: full, sorted and compact, explained, skip mode.
        b.post("/api/batch_score", JSON, batch, SCORING, 200);
        b.post("/api/batch_score?sort=score&view=compact", JSON, batch, SCORING, 200);
        b.post(
                "/api/batch_score?explain=true",
                JSON,
                batch.replace("{\"clients\"", "{\"explain\": true, \"clients\""),
                SCORING,
                200);
        b.post(
                "/api/batch_score?invalid=skip",
                JSON,
                batchOf(
                        CUSTOMER,
                        bad,
                        "null",
                        "7",
                        "\"text\"",
                        CUSTOMER.replace("\"total_contacts\": 10", "\"total_contacts\": \"ten\"")),
                SCORING,
                200);
        b.post("/api/batch_score?invalid=skip&view=compact", JSON, batchOf(bad, CUSTOMER), SCORING, 200);
        b.post("/api/batch_score", JSON, batchOf(CUSTOMER, bad), SCORING, 422);
        b.post("/api/batch_score", JSON, "{\"clients\": []}", SCORING, 422);
        b.post("/api/batch_score", JSON, "[]", SCORING, 400);
        b.post("/api/batch_score", JSON, "{\"clients\": [" + CUSTOMER + "], \"explain\": \"yes\"}", SCORING, 400);
        b.post("/api/batch_score?view=bogus", JSON, batch, SCORING, 400);
        b.post("/api/batch_score", JSON, tooManyToExplain, SCORING, 413);
        b.post("/api/batch_score", JSON, batch, null, 401);
        b.post("/api/batch_score", JSON, batch, METRICS, 403);
        b.post("/api/batch_score", "text/plain", batch, SCORING, 415);
        b.post("/api/batch_score", JSON, batch, SCORING, 406, "Accept", XML);

        // A CSV batch, answered in JSON or CSV.
        b.post("/api/batch_score?invalid=skip", CSV, csv, SCORING, 200);
        b.post("/api/batch_score", CSV, csv, SCORING, 422);
        b.post("/api/batch_score", CSV, "name;phone\nA;1\n", SCORING, 422, "Accept-Language", "en");
        b.post("/api/batch_score", CSV, "", SCORING, 422);
        b.post("/api/batch_score?invalid=skip&sort=score&view=compact", CSV, csv, SCORING, 200);
        b.post("/api/batch_score?invalid=skip", CSV, csv, SCORING, 200, "Accept", CSV);
        b.post("/api/batch_score?invalid=skip&sort=score&columns=all", CSV, csv, SCORING, 200, "Accept", CSV);
        b.post("/api/batch_score", CSV, csv, SCORING, 422, "Accept", CSV);
        b.post("/api/batch_score", CSV + ";charset=no-such-charset", csv, SCORING, 415);

        // The memory: the batches above were remembered before their answers.
        b.get("/api/leads/CRM-2", SCORING, 200);
        b.get("/api/leads/CRM-2?limit=1", ADMIN, 200, "Accept-Language", "en");
        b.get("/api/leads/NEVER-SCORED", SCORING, 404);
        b.get("/api/leads/CRM-2?limit=0", SCORING, 400);
        b.get("/api/leads/%E2%80%AE", SCORING, 400);
        b.get("/api/leads/CRM-2", null, 401);
        b.get("/api/leads/CRM-2", METRICS, 403);
        b.get("/api/leads/CRM-2", SCORING, 406, "Accept", XML);
        b.get("/api/leads/changes", SCORING, 200);
        b.get("/api/leads/changes?to=Hot&since=2026-01-01&limit=1", SCORING, 200, "Accept", CSV);
        b.get("/api/leads/changes?since=yesterday", SCORING, 400);
        b.get("/api/leads/changes?to=Lukewarm", SCORING, 400, "Accept", CSV);
        b.get("/api/leads/changes", null, 401);
        b.get("/api/leads/changes", METRICS, 403);
        b.get("/api/leads/changes", SCORING, 406, "Accept", XML);
        b.get("/api/leads?segment=Hot&trend=insufficient", SCORING, 200);
        b.get("/api/leads?limit=1", SCORING, 200, "Accept", CSV, "Accept-Language", "en");
        b.get("/api/leads?cursor=not-ours", SCORING, 400);
        b.get("/api/leads?trend=up", SCORING, 400, "Accept", CSV);
        b.get("/api/leads", null, 401);
        b.get("/api/leads", METRICS, 403);
        b.get("/api/leads", SCORING, 406, "Accept", XML);
        b.delete("/api/leads/CRM-2", null, 401);
        b.delete("/api/leads/CRM-2", SCORING, 403);
        b.delete("/api/leads/CRM-2", ADMIN, 406, "Accept", XML);
        b.delete("/api/leads/CRM-2", ADMIN, 204);
        b.delete("/api/leads/CRM-2", ADMIN, 404);
        // What happened next: CRM-2 is erased now, customer 1 scored.
        String outcomes = "[{\"customer_id\": 1, \"outcome\": \"converted\", \"at\": \"2026-01-02\"},"
                + " {\"customer_id\": \"NEW-1\", \"outcome\": \"lost\"}]";
        String erased = "[{\"customer_id\": \"CRM-2\", \"outcome\": \"lost\"}]";
        b.post("/api/outcomes", JSON, outcomes, ADMIN, 200);
        // Outcomes steer the live figures and retraining: a scoring key may not record them.
        b.post("/api/outcomes", JSON, outcomes, SCORING, 403);
        b.post(
                "/api/outcomes?invalid=skip",
                JSON,
                outcomes.replace("]", ", {\"customer_id\": \"X\", \"outcome\": \"lost\", \"at\": \"hier\"}]"),
                ADMIN,
                200);
        b.post("/api/outcomes", CSV, "N° client;Résultat;Date\n1;signé;03/01/2026\n2;peut-être;\n", ADMIN, 422);
        b.post("/api/outcomes?invalid=skip", CSV, "client;statut\n1;perdu\nCRM-2;oui\n", ADMIN, 200);
        b.post("/api/outcomes", CSV, "client;date\n1;2026-01-01\n", ADMIN, 422, "Accept-Language", "en");
        b.post("/api/outcomes", JSON, erased, ADMIN, 404);
        b.post("/api/outcomes", JSON, "{\"outcomes\": []}", ADMIN, 400);
        b.post("/api/outcomes", JSON, "[]", ADMIN, 422);
        b.post("/api/outcomes", "text/plain", outcomes, ADMIN, 415);
        b.post("/api/outcomes", JSON, outcomes, null, 401);
        b.post("/api/outcomes", JSON, outcomes, METRICS, 403);
        b.post("/api/outcomes", JSON, outcomes, ADMIN, 406, "Accept", XML);
        b.delete("/api/leads/%E2%80%AE", ADMIN, 400);
        // Any id, as a parameter: one a path cannot carry.
        b.post(
                "/api/batch_score",
                JSON,
                batchOf(CUSTOMER.replace("\"customer_id\": 1", "\"customer_id\": \"FR/2024/7%\"")),
                SCORING,
                200);
        b.get("/api/lead?customer_id=FR%2F2024%2F7%25", SCORING, 200);
        b.get("/api/lead?customer_id=FR%2F2024%2F7%25&limit=x", SCORING, 400);
        b.get("/api/lead?customer_id=NEVER%2FSCORED", SCORING, 404);
        b.get("/api/lead?customer_id=1", null, 401);
        b.get("/api/lead?customer_id=1", METRICS, 403);
        b.get("/api/lead?customer_id=1", SCORING, 406, "Accept", XML);
        b.delete("/api/lead?customer_id=FR%2F2024%2F7%25", SCORING, 403);
        b.delete("/api/lead?customer_id=FR%2F2024%2F7%25", null, 401);
        b.delete("/api/lead?customer_id=FR%2F2024%2F7%25", ADMIN, 406, "Accept", XML);
        b.delete("/api/lead?customer_id=FR%2F2024%2F7%25", ADMIN, 204);
        b.delete("/api/lead?customer_id=FR%2F2024%2F7%25", ADMIN, 404);
        b.delete("/api/lead?customer_id=%E2%80%AE", ADMIN, 400);

        // The events: no webhook and no Kafka here, so nothing in the outbox.
        b.get("/api/admin/events/subscriptions", ADMIN, 200);
        b.get("/api/admin/events/subscriptions", SCORING, 403);
        b.get("/api/admin/events/subscriptions", null, 401);
        b.get("/api/admin/events?status=failed&limit=5", ADMIN, 200, "Accept-Language", "en");
        b.get("/api/admin/events?status=lost", ADMIN, 400);
        b.get("/api/admin/events?cursor=not-ours", ADMIN, 400);
        b.get("/api/admin/events", SCORING, 403);
        b.get("/api/admin/events", null, 401);
        b.post("/api/admin/events/evt_0000/redeliver", null, null, ADMIN, 404);
        b.post("/api/admin/events/evt_0000/redeliver", null, null, SCORING, 403);
        b.post("/api/admin/events/evt_0000/redeliver", null, null, null, 401);
        b.post("/api/admin/events/test", null, null, ADMIN, 200);
        b.post("/api/admin/events/test", null, null, SCORING, 403);
        b.post("/api/admin/events/test", null, null, null, 401);
        b.get("/api/admin/events/subscriptions", ADMIN, 406, "Accept", XML);
        b.get("/api/admin/events", ADMIN, 406, "Accept", XML);
        b.post("/api/admin/events/evt_0000/redeliver", null, null, ADMIN, 406, "Accept", XML);
        b.post("/api/admin/events/test", null, null, ADMIN, 406, "Accept", XML);

        // Administration: an admin key only.
        b.post("/api/admin/model/reload", null, null, null, 401);
        b.post("/api/admin/model/reload", null, null, SCORING, 403);
        b.post("/api/admin/model/reload", null, null, METRICS, 403);
        b.post("/api/admin/model/reload", null, null, ADMIN, 200);
        b.post("/api/admin/model/reload", null, null, ADMIN, 406, "Accept", XML);
        b.post("/api/admin/models/62eec879/promote", null, null, null, 401);
        b.post("/api/admin/models/62eec879/promote", null, null, SCORING, 403);
        b.post("/api/admin/models/62eec879/promote", null, null, ADMIN, 409);
        b.post("/api/admin/models/62eec879/promote", null, null, ADMIN, 406, "Accept", XML);
        b.post("/api/admin/models/rollback", null, null, "not-a-key", 401);
        b.post("/api/admin/models/rollback", null, null, SCORING, 403);
        b.post("/api/admin/models/rollback", null, null, ADMIN, 409, "Accept-Language", "en");
        b.post("/api/admin/models/rollback", null, null, ADMIN, 406, "Accept", XML);
        return b.calls;
    }

    @Test
    void shouldAnswerOnlyWhatTheDocumentSaysOnEveryOperationAndEveryDocumentedStatus() throws Exception {
        OpenApiDocument document = OpenApiDocument.servedBy(service);
        List<String> mismatches = new ArrayList<>();
        Set<String> exercised = new LinkedHashSet<>();
        Set<String> called = new LinkedHashSet<>();
        for (Call call : battery()) {
            HttpRequest.Builder request = service.request(call.path());
            if (call.contentType() != null) {
                request.header("Content-Type", call.contentType());
            }
            call.headers().forEach(request::header);
            request.method(
                    call.method(),
                    call.body() == null
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(call.body()));
            HttpResponse<String> answer = service.send(request);
            String what = call.method() + " " + call.path() + " " + call.headers();
            if (answer.statusCode() != call.expected()) {
                mismatches.add(what + ": expected " + call.expected() + ", got " + answer.statusCode() + " "
                        + answer.body().substring(0, Math.min(300, answer.body().length())));
                continue;
            }
            called.add(call.operation());
            exercised.add(call.operation() + " " + answer.statusCode());
            mismatches.addAll(document.mismatches(call.method(), call.template(), answer));
            if (answer.statusCode() / 100 == 2 && call.contentType() != null) {
                mismatches.addAll(
                        document.requestMismatches(call.method(), call.template(), call.contentType(), call.body()));
            }
        }
        assertThat(mismatches).as("answers that the document does not describe").isEmpty();

        Map<String, Set<String>> operations = document.operations();
        assertThat(called).as("operations the battery calls").containsExactlyInAnyOrderElementsOf(operations.keySet());
        List<String> unproduced = new ArrayList<>();
        operations.forEach((operation, statuses) -> statuses.stream()
                .map(status -> operation + " " + status)
                .filter(answer -> !exercised.contains(answer) && !ELSEWHERE.containsKey(answer))
                .forEach(unproduced::add));
        assertThat(unproduced)
                .as("documented statuses that no request produces, here or in the tests of ELSEWHERE")
                .isEmpty();
        assertThat(ELSEWHERE.keySet())
                .as("statuses said to be produced elsewhere are documented")
                .allSatisfy(answer -> assertThat(operations.get(answer.substring(0, answer.lastIndexOf(' '))))
                        .contains(answer.substring(answer.lastIndexOf(' ') + 1)));
    }

    @Test
    void shouldAcceptASkipModeBatchWithBadRowsInTheRequestSchemaAndDescribeItsDefaultRefusalAsAProblem()
            throws Exception {
        OpenApiDocument document = OpenApiDocument.servedBy(service);
        String body = batchOf(
                CUSTOMER,
                CUSTOMER.replace("\"emails_sent\": 8", "\"emails_sent\": -8"),
                CUSTOMER.replace("\"customer_id\": 1, ", ""));

        assertThat(document.requestMismatches("POST", "/api/batch_score", JSON, body))
                .as("a skip-mode batch with bad rows is a valid request")
                .isEmpty();
        HttpResponse<String> skipped = service.send(service.request("/api/batch_score?invalid=skip")
                .header("Content-Type", JSON)
                .header("X-API-Key", SCORING)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(skipped.statusCode()).isEqualTo(200);
        assertThat(skipped.body()).contains("\"rejected_count\":2");
        assertThat(document.mismatches("POST", "/api/batch_score", skipped)).isEmpty();

        HttpResponse<String> refused = service.send(service.request("/api/batch_score")
                .header("Content-Type", JSON)
                .header("X-API-Key", SCORING)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(document.mismatches("POST", "/api/batch_score", refused)).isEmpty();
        assertThat(document.requestMismatches("POST", "/api/batch_score", JSON, "{\"clients\": 7}"))
                .as("the request schema still refuses what no mode reads")
                .isNotEmpty();
        assertThat(document.mismatches(
                        "GET", "/api/models", 200, JSON, "{\"models\": [{\"holdout\": 7, \"promotion\": null}]}"))
                .as("the answers' schemas are objects, a nullable one null or an object")
                .hasSize(1)
                .allSatisfy(mismatch -> assertThat(mismatch).contains("holdout").doesNotContain("promotion"));
    }
}
