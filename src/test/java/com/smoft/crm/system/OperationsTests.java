package com.smoft.crm.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.smoft.crm.LocalService;
import com.smoft.crm.scoring.Drift;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Probes, metrics and the request log, as operations would use them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class OperationsTests {

    private static final String CUSTOMER = """
            {"customer_id": 424242, "days_since_last_contact": 5, "total_contacts": 10, "total_spent": 1234.56,
             "emails_sent": 8, "emails_opened": 6, "website_visits": 15, "customer_age_days": 120}""";

    private final LocalService service;

    OperationsTests(@LocalServerPort int port) {
        this.service = new LocalService(port);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return service.send(service.request(path));
    }

    private HttpResponse<String> score(String requestId) throws Exception {
        return service.send(service.request("/api/score")
                .header("Content-Type", "application/json")
                .header("X-Request-Id", requestId)
                .POST(HttpRequest.BodyPublishers.ofString(CUSTOMER)));
    }

    @Test
    void shouldBeLiveAndReadyWithAModelServing() throws Exception {
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldExportScoredCustomersPerSegmentAndRequestLatency() throws Exception {
        score("metrics-1");
        String metrics = get("/actuator/prometheus").body();
        assertThat(metrics)
                .contains(
                        "crm_customers_scored_total{segment=\"Hot\"}", "crm_customers_scored_total{segment=\"Cold\"}");
        assertThat(metrics).contains("http_server_requests_seconds_count{").contains("uri=\"/api/score\"");
        // The index rests on distinct customers: NaN while they are too few to tell a drift (other test classes
        // sharing this context may have scored enough already).
        var customers = Pattern.compile("(?m)^crm_drift_customers (\\S+)$").matcher(metrics);
        var psi = Pattern.compile("(?m)^crm_drift_psi (\\S+)$").matcher(metrics);
        assertThat(customers.find() && psi.find()).isTrue();
        double distinct = Double.parseDouble(customers.group(1));
        assertThat(distinct).isGreaterThanOrEqualTo(1);
        assertThat(Double.isNaN(Double.parseDouble(psi.group(1)))).isEqualTo(distinct < Drift.MINIMUM_CUSTOMERS);
    }

    @Test
    void shouldLogOneLinePerRequestWithItsIdAndNoCustomerData(CapturedOutput output) throws Exception {
        HttpResponse<String> response = score("trace-abc-123");
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("trace-abc-123");
        String line = output.getAll()
                .lines()
                .filter(l -> l.contains("trace-abc-123"))
                .filter(l -> l.contains("/api/score"))
                .findFirst()
                .orElseThrow();
        assertThat(line).contains("POST /api/score 200");
        assertThat(output.getAll()).doesNotContain("424242").doesNotContain("1234.56");

        String madeUp =
                score("bad id with spaces").headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(madeUp).matches("[0-9a-f-]{36}");
        assertThat(UUID.fromString(madeUp)).satisfies(id -> {
            assertThat(id.version()).isEqualTo(4);
            assertThat(id.variant()).isEqualTo(2);
        });
        assertThat(score("another bad id").headers().firstValue("X-Request-Id"))
                .isPresent()
                .get()
                .isNotEqualTo(madeUp);
    }

    @Test
    void shouldAnswerUnknownOperationalPathsWithA404ProblemNeverA500OrAnEmptyBody() throws Exception {
        for (String path :
                new String[] {"/error", "/actuator/health/x", "/actuator/health/liveness/x", "/actuator/nothing"}) {
            HttpResponse<String> answer = get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.headers().firstValue("Content-Type"))
                    .as(path)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(answer.body()).as(path).contains("\"status\":404");
        }
    }
}
