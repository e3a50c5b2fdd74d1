package com.smoft.crm;

import static com.smoft.crm.scoring.TestCustomers.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The served OpenAPI document held to the wire: a battery of requests (every open endpoint, each answer the service
 * gives them, the compact, sorted, skip and CSV views, bad input), and every answer's status must be documented for
 * its operation and its JSON body valid against the documented schema, by an independent JSON Schema validator.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiConformanceTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final LocalService service;

    OpenApiConformanceTests(@LocalServerPort int port) {
        this.service = new LocalService(port);
    }

    /** One request of the battery, and the operation of the document it calls. */
    private record Call(String method, String path, String template, String contentType, String body) {}

    private static final String WARM = """
            {"customer_id": 4, "days_since_last_contact": 10, "total_contacts": 8, "total_spent": 800,
             "emails_sent": 10, "emails_opened": 4, "website_visits": 8, "customer_age_days": 300}""";

    private static final String SILENT = """
            {"customer_id": "CRM-7", "days_since_last_contact": 120, "total_contacts": 2, "total_spent": 50,
             "emails_sent": 20, "emails_opened": 0, "website_visits": 0, "customer_age_days": 800}""";

    private static List<Call> battery() {
        String bad = CUSTOMER.replace("\"emails_sent\": 8", "\"emails_sent\": -8");
        String batch = "{\"clients\": [" + CUSTOMER + ", "
                + CUSTOMER.replace("\"customer_id\": 1", "\"customer_id\": \"CRM-2\"") + "]}";
        String csv = "N° client;Jours depuis dernier contact;Nb contacts;Montant dépensé;Emails envoyés;Emails ouverts;"
                + "Visites site;Ancienneté (jours)\n1;5;10;1500,50;8;6;15;120\n2;abc;1;10;1;1;1;30\n";
        List<Call> calls = new ArrayList<>();
        calls.add(new Call("GET", "/api/contract", "/api/contract", null, null));
        calls.add(new Call("GET", "/api/contract/output", "/api/contract/output", null, null));
        calls.add(new Call("GET", "/api/contract/reasons", "/api/contract/reasons", null, null));
        calls.add(new Call(
                "POST",
                "/api/contract/columns",
                "/api/contract/columns",
                "application/json",
                "{\"header\": [\"N° client\", \"x\"]}"));
        calls.add(new Call(
                "POST", "/api/contract/columns", "/api/contract/columns", "application/json", "{\"header\": \"x\"}"));
        calls.add(new Call("GET", "/api/stats", "/api/stats", null, null));
        calls.add(new Call("GET", "/api/models", "/api/models", null, null));
        calls.add(new Call("GET", "/health", "/health", null, null));
        calls.add(new Call("POST", "/api/score", "/api/score", "application/json", CUSTOMER));
        calls.add(new Call("POST", "/api/score?explain=true", "/api/score", "application/json", CUSTOMER));
        // What-if: a Hot customer (at_risk_after), a Warm and a silent Cold one (next_step, reached or not).
        calls.add(new Call("POST", "/api/score?whatif=true", "/api/score", "application/json", CUSTOMER));
        calls.add(new Call("POST", "/api/score?whatif=true", "/api/score", "application/json", WARM));
        calls.add(new Call("POST", "/api/score?whatif=true", "/api/score", "application/json", SILENT));
        calls.add(new Call(
                "POST",
                "/api/batch_score?whatif=true",
                "/api/batch_score",
                "application/json",
                "{\"clients\": [" + CUSTOMER + ", " + WARM + ", " + SILENT + "]}"));
        calls.add(new Call("POST", "/api/score", "/api/score", "application/json", bad));
        calls.add(new Call("POST", "/api/score", "/api/score", "application/json", "{\"customer_id\": "));
        calls.add(new Call("POST", "/api/score", "/api/score", "text/plain", CUSTOMER));
        calls.add(new Call("POST", "/api/batch_score", "/api/batch_score", "application/json", batch));
        calls.add(new Call(
                "POST", "/api/batch_score?sort=score&view=compact", "/api/batch_score", "application/json", batch));
        calls.add(new Call(
                "POST",
                "/api/batch_score?explain=true",
                "/api/batch_score",
                "application/json",
                batch.replace("{\"clients\"", "{\"explain\": true, \"clients\"")));
        calls.add(new Call(
                "POST",
                "/api/batch_score?invalid=skip",
                "/api/batch_score",
                "application/json",
                "{\"clients\": [" + CUSTOMER + ", " + bad + ", null, 7]}"));
        calls.add(new Call(
                "POST", "/api/batch_score", "/api/batch_score", "application/json", "{\"clients\": [" + bad + "]}"));
        calls.add(new Call("POST", "/api/batch_score", "/api/batch_score", "application/json", "[]"));
        calls.add(new Call("POST", "/api/batch_score?invalid=skip", "/api/batch_score", "text/csv", csv));
        calls.add(new Call("POST", "/api/batch_score", "/api/batch_score", "text/csv", csv));
        calls.add(new Call("POST", "/api/batch_score", "/api/batch_score", "text/csv", "name;phone\nA;1\n"));
        calls.add(new Call("POST", "/api/admin/model/reload", "/api/admin/model/reload", null, ""));
        return calls;
    }

    @Test
    void shouldAnswerOnlyWhatTheDocumentSaysWithBodiesItsSchemasAccept() throws Exception {
        JsonNode document =
                JSON.readTree(service.send(service.request("/v3/api-docs")).body());
        JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        List<String> mismatches = new ArrayList<>();
        for (Call call : battery()) {
            HttpRequest.Builder request = service.request(call.path());
            if (call.contentType() != null) {
                request.header("Content-Type", call.contentType());
            }
            request.method(
                    call.method(),
                    call.body() == null
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(call.body()));
            HttpResponse<String> answer = service.send(request);
            String what = call.method() + " " + call.path() + " -> " + answer.statusCode();
            JsonNode operation = document.path("paths")
                    .path(call.template())
                    .path(call.method().toLowerCase());
            assertThat(operation.isMissingNode())
                    .as(what + ": the operation is in the document")
                    .isFalse();
            JsonNode response = operation.path("responses").path(Integer.toString(answer.statusCode()));
            if (response.isMissingNode()) {
                mismatches.add(what + ": status not documented");
                continue;
            }
            String mediaType = answer.headers()
                    .firstValue("Content-Type")
                    .orElse("")
                    .split(";")[0]
                    .strip();
            JsonNode schema = response.path("content").path(mediaType).path("schema");
            if (!mediaType.endsWith("json")) {
                continue;
            }
            if (schema.isMissingNode()) {
                mismatches.add(what + ": no schema for " + mediaType);
                continue;
            }
            ObjectNode root = schema.deepCopy();
            root.set("components", document.path("components"));
            JsonSchema validator = schemas.getSchema(root);
            Set<ValidationMessage> errors = validator.validate(JSON.readTree(answer.body()));
            if (!errors.isEmpty()) {
                mismatches.add(what + ": " + errors);
            }
        }
        assertThat(mismatches).as("answers that the document does not describe").isEmpty();
    }
}
