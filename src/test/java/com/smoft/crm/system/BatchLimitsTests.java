package com.smoft.crm.system;

import static com.smoft.crm.scoring.TestCustomers.CUSTOMER;
import static com.smoft.crm.scoring.TestCustomers.batchOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.smoft.crm.LocalService;
import com.smoft.crm.OpenApiDocument;
import com.smoft.crm.RawHttp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What a crowd of slow uploads can take: one batch place and three bodies at once here, a body cut once it
 * arrives slower than 10 KB/s after its first half second, and one second for a whole body (the shortest allowed):
 * short limits, so that each test waits them out in about a second.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "crm.batch.max-concurrent=1",
            "crm.limits.body-timeout=1s",
            "crm.limits.body-rate-grace=500ms",
            "crm.limits.min-body-rate=10KB",
            "crm.limits.max-concurrent-bodies=3"
        })
class BatchLimitsTests {

    /** How often a wait for the busy answer asks again: Awaitility's default is 100 ms. */
    private static final Duration POLLING = Duration.ofMillis(10);

    private final LocalService service;
    private final BatchAdmission admission;
    /** A thread per upload: the common pool may have a single thread on two cores. */
    private final ExecutorService uploads = Executors.newCachedThreadPool();

    BatchLimitsTests(@LocalServerPort int port, @Autowired BatchAdmission admission) {
        this.service = new LocalService(port);
        this.admission = admission;
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return service.send(service.request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The served OpenAPI document: the busy and too-slow answers produced here are held to it. */
    private OpenApiDocument document() {
        return OpenApiDocument.servedBy(service);
    }

    private HttpResponse<String> batch() throws Exception {
        return post("/api/batch_score", batchOf(CUSTOMER));
    }

    private HttpResponse<String> score() throws Exception {
        return post("/api/score", CUSTOMER);
    }

    /** An upload that sends a space every 200 ms, as an attacker keeping it alive would, for up to 2 s. */
    private CompletableFuture<RawHttp.Answer> trickle(String path, String start) {
        byte[][] spaces = new byte[10][];
        Arrays.fill(spaces, " ".getBytes(StandardCharsets.US_ASCII));
        String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1000000\r\nConnection: close\r\n\r\n" + start;
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return RawHttp.send(service.port(), head, 200, spaces);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                uploads);
    }

    @Test
    void shouldCutATricklingBatchAfterItsGraceSoItsPlaceComesBackWithinSeconds() throws Exception {
        CompletableFuture<RawHttp.Answer> trickling = trickle("/api/batch_score", "{\"clients\": [");
        await().atMost(Duration.ofSeconds(2)).pollInterval(POLLING).until(() -> batch().statusCode() == 503);
        HttpResponse<String> refused = batch();
        if (refused.statusCode() == 503) {
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(refused.body()).contains("crm.batch.max-concurrent").contains("\"title\":\"Service occupé\"");
            assertThat(document().mismatches("POST", "/api/batch_score", refused))
                    .isEmpty();
        }
        assertThat(admission.batchesInFlight())
                .as("a batch still arriving is in flight: the event deliveries give way to it")
                .isTrue();

        RawHttp.Answer cut = trickling.get();
        assertThat(cut.status()).isEqualTo(408);
        assertThat(document().mismatches("POST", "/api/batch_score", cut)).isEmpty();
        assertThat(cut.body()).contains("crm.limits.min-body-rate");
        assertThat(batch().statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(2)).until(() -> !admission.batchesInFlight());
    }

    @Test
    void shouldTurnAwayABodyBeyondTheConcurrentBodiesWith503WhileProbesAnswerThenAdmitAgain() throws Exception {
        List<CompletableFuture<RawHttp.Answer>> trickling =
                IntStream.range(0, 3).mapToObj(i -> trickle("/api/score", "{")).toList();
        await().atMost(Duration.ofSeconds(2)).pollInterval(POLLING).until(() -> score().statusCode() == 503);
        HttpResponse<String> refused = score();
        if (refused.statusCode() == 503) {
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(refused.body()).contains("crm.limits.max-concurrent-bodies");
            assertThat(document().mismatches("POST", "/api/score", refused)).isEmpty();
        }
        assertThat(service.client()
                        .send(
                                service.request("/actuator/health/liveness").build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode())
                .isEqualTo(200);

        for (CompletableFuture<RawHttp.Answer> upload : trickling) {
            assertThat(upload.get().status()).isEqualTo(408);
        }
        assertThat(score().statusCode()).isEqualTo(200);
    }

    @Test
    void shouldKeepSingleScoresAndProbesAnsweringWhileTheBatchPlacesAreTaken() throws Exception {
        CompletableFuture<RawHttp.Answer> trickling = trickle("/api/batch_score", "{\"clients\": [");
        await().atMost(Duration.ofSeconds(2)).pollInterval(POLLING).until(() -> batch().statusCode() == 503);
        assertThat(score().statusCode()).isEqualTo(200);
        assertThat(service.client()
                        .send(
                                service.request("/actuator/health/liveness").build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode())
                .isEqualTo(200);
        assertThat(trickling.get().status()).isEqualTo(408);
    }

    @Test
    void shouldGiveABodyThatKeepsTheRateButOutlastsTheTimeout408() throws Exception {
        // 12 KB every 200 ms keeps above 10 KB/s, and would take 2.4 s in all: the 1 s timeout ends it.
        byte[][] parts = new byte[12][];
        Arrays.fill(parts, " ".repeat(12 * 1024).getBytes(StandardCharsets.US_ASCII));
        RawHttp.Answer answer = RawHttp.send(
                service.port(),
                "POST /api/score HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" + "Content-Length: "
                        + (12 * 12 * 1024 + 2) + "\r\nConnection: close\r\n\r\n{",
                200,
                parts);
        assertThat(answer.status()).isEqualTo(408);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.body()).contains("crm.limits.body-timeout");
        assertThat(document().mismatches("POST", "/api/score", answer)).isEmpty();
    }

    @Test
    void shouldCloseTheConnectionOfACutBodyRatherThanReadItsRestAtTheSendersPace() throws Exception {
        // The sender goes on trickling for 8 s; a server that read the rest would keep the connection as long.
        RawHttp.Trickled trickled = RawHttp.trickle(
                service.port(),
                "POST /api/score HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{");
        assertThat(trickled.answer()).startsWith("HTTP/1.1 408");
        assertThat(trickled.untilClosed())
                .as("the connection closed after the 408, not after the sender stopped")
                .isLessThan(Duration.ofSeconds(5));
    }
}
