package com.smoft.crm.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.smoft.crm.RawHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What a crowd of slow uploads can take: one batch place here, and two seconds for a whole body. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"crm.batch.max-concurrent=1", "crm.limits.body-timeout=2s"})
class BatchLimitsTests {

    private static final String CUSTOMER = """
            {"customer_id": 1, "days_since_last_contact": 5, "total_contacts": 10, "total_spent": 1500.50,
             "emails_sent": 8, "emails_opened": 6, "website_visits": 15, "customer_age_days": 120}""";

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    private HttpResponse<String> batch() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/batch_score"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"clients\": [" + CUSTOMER + "]}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A batch upload that sends a space every half second, as an attacker keeping it alive would. */
    private CompletableFuture<RawHttp.Answer> stalledUpload() {
        byte[][] spaces = new byte[10][];
        java.util.Arrays.fill(spaces, " ".getBytes(StandardCharsets.US_ASCII));
        String head = "POST /api/batch_score HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1000000\r\nConnection: close\r\n\r\n{\"clients\": [";
        return CompletableFuture.supplyAsync(() -> {
            try {
                return RawHttp.send(port, head, 500, spaces);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void shouldTurnAwayABatchBeyondTheBudgetWith503AndRetryAfterThenAdmitOnceAPlaceIsFree() throws Exception {
        CompletableFuture<RawHttp.Answer> stalled = stalledUpload();
        Thread.sleep(700);

        HttpResponse<String> refused = batch();
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(refused.body()).contains("crm.batch.max-concurrent").contains("\"title\":\"Service busy\"");

        RawHttp.Answer timedOut = stalled.get();
        assertThat(timedOut.status()).isEqualTo(408);
        assertThat(timedOut.body()).contains("crm.limits.body-timeout");
        assertThat(batch().statusCode()).isEqualTo(200);
    }

    @Test
    void shouldKeepSingleScoresAndProbesAnsweringWhileTheBatchPlacesAreTaken() throws Exception {
        CompletableFuture<RawHttp.Answer> stalled = stalledUpload();
        Thread.sleep(500);
        HttpResponse<String> score = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/score"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(CUSTOMER)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(score.statusCode()).isEqualTo(200);
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/liveness")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        assertThat(stalled.get().status()).isEqualTo(408);
    }

    @Test
    void shouldGiveASingleScoreWhoseBodyTricklesIn408() throws Exception {
        String body = CUSTOMER.replace("\n", " ");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        byte[][] parts = new byte[bytes.length / 20 + 1][];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = java.util.Arrays.copyOfRange(bytes, i * 20, Math.min(bytes.length, (i + 1) * 20));
        }
        RawHttp.Answer answer = RawHttp.send(port, "POST /api/score HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n", 400, parts);
        assertThat(answer.status()).isEqualTo(408);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    }
}
