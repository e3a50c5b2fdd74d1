package com.smoft.crm.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.junit.jupiter.api.extension.ExtendWith;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "crm.security.api-keys=first-key-0123,second-key-4567")
@ExtendWith(OutputCaptureExtension.class)
class ApiKeyFilterTests {

    private static final String CUSTOMER = """
            {"customer_id": 1, "days_since_last_contact": 5, "total_contacts": 10, "total_spent": 1500.50,
             "emails_sent": 8, "emails_opened": 6, "website_visits": 15, "customer_age_days": 120}""";

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    private HttpResponse<String> score(String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/score"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(CUSTOMER));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private int get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void shouldRefuseACallWithoutAKeyWith401ProblemJson() throws Exception {
        HttpResponse<String> response = score(null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("X-API-Key");
        assertThat(get("/api/stats")).isEqualTo(401);
    }

    @Test
    void shouldRefuseAWrongKeyAndNeverLogIt(CapturedOutput output) throws Exception {
        assertThat(score("first-key-0124").statusCode()).isEqualTo(401);
        assertThat(score("").statusCode()).isEqualTo(401);
        assertThat(output.getAll()).doesNotContain("first-key-0124").doesNotContain("first-key-0123").doesNotContain("second-key-4567");
    }

    @Test
    void shouldAcceptEveryConfiguredKey() throws Exception {
        assertThat(score("first-key-0123").statusCode()).isEqualTo(200);
        assertThat(score("second-key-4567").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldLeaveHealthDocsAndTheWebPageOpen() throws Exception {
        assertThat(get("/health")).isEqualTo(200);
        assertThat(get("/")).isEqualTo(200);
        assertThat(get("/v3/api-docs")).isEqualTo(200);
        assertThat(get("/swagger-ui/index.html")).isEqualTo(200);
        assertThat(get("/actuator/health/readiness")).isEqualTo(200);
    }
}
